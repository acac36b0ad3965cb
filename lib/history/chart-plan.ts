// Pure: which parts of a chart's time range come from the daily counts, which from the
// hourly counts, and which from the events themselves (lib/cloudtrail/rollup.ts keeps the
// counts). Whole days whose hours are all clean come from the daily counts; other whole
// hours that are clean from the hourly counts; dirty hours (written since they were last
// counted) and the partial hours at either end of the range from the events.

export const HOUR_MS = 3600_000;
export const DAY_MS = 24 * HOUR_MS;

/** Start (inclusive) and end (exclusive) in epoch ms. */
export type TimeSpan = [number, number];

export type ChartPlan = {
  /** Starts (UTC midnight) of whole days read from the daily counts. */
  days: number[];
  /** Starts of whole hours read from the hourly counts. */
  hours: number[];
  /** Spans counted event by event, merged where they touch, in time order. */
  events: TimeSpan[];
};

/**
 * Plans a chart of [from, to] (both inclusive, to the millisecond, as the timeline's filter
 * is) given the dirty hours in it (their starts, epoch ms). Without `days`, whole days are
 * taken hour by hour (a chart of hourly buckets).
 */
export function planChart(from: number, to: number, dirtyHours: Iterable<number>, options: { days: boolean } = { days: true }): ChartPlan {
  const end = to + 1; // exclusive
  const wholeFrom = Math.ceil(from / HOUR_MS) * HOUR_MS;
  const wholeTo = Math.floor(end / HOUR_MS) * HOUR_MS;
  if (wholeFrom >= wholeTo) return { days: [], hours: [], events: [[from, end]] };
  const dirty = new Set(dirtyHours);
  const dirtyDays = new Set([...dirty].map((hour) => Math.floor(hour / DAY_MS) * DAY_MS));
  const plan: ChartPlan = { days: [], hours: [], events: [] };
  const addEvents = (start: number, stop: number) => {
    const last = plan.events[plan.events.length - 1];
    if (last && last[1] === start) last[1] = stop;
    else plan.events.push([start, stop]);
  };
  if (from < wholeFrom) addEvents(from, wholeFrom);
  for (let hour = wholeFrom; hour < wholeTo; ) {
    if (options.days && hour % DAY_MS === 0 && hour + DAY_MS <= wholeTo && !dirtyDays.has(hour)) {
      plan.days.push(hour);
      hour += DAY_MS;
      continue;
    }
    if (dirty.has(hour)) addEvents(hour, hour + HOUR_MS);
    else plan.hours.push(hour);
    hour += HOUR_MS;
  }
  if (wholeTo < end) addEvents(wholeTo, end);
  return plan;
}
