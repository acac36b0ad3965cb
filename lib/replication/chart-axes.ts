// Axis ticks for the lag charts: round times and round lags, so a glance reads true.

const tickSteps = [1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 900, 1_800, 3_600, 7_200, 10_800, 21_600, 43_200, 86_400, 172_800, 604_800].map((s) => s * 1_000);

/**
 * Round times for a chart's x axis: the smallest step from a human list (1 s … 7 days)
 * that gives at most `maxTicks` ticks between `from` and `to`. Multiples of the step in
 * UTC, so hour and day steps fall on the hour in every whole-hour time zone.
 */
export function timeTicks(from: number, to: number, maxTicks = 6): number[] {
  if (!(to > from) || maxTicks < 1) return [];
  const step = tickSteps.find((s) => (to - from) / s <= maxTicks) ?? tickSteps.at(-1)!;
  const ticks: number[] = [];
  for (let t = Math.ceil(from / step) * step; t <= to; t += step) ticks.push(t);
  return ticks;
}

/** 1, 2, 2.5 or 5 × a power of ten: the nearest such step at or above `raw`. */
function niceStep(raw: number): number {
  const power = 10 ** Math.floor(Math.log10(raw));
  return ([1, 2, 2.5, 5, 10].find((m) => m * power >= raw) ?? 10) * power;
}

/**
 * The y axis for lag in ms: from 0 (or below, for a skewed clock's negative lag) to a
 * round value above both the data and the critical threshold, in about four steps.
 */
export function lagAxis(minLagMs: number, maxLagMs: number, criticalMs: number): { domain: [number, number]; ticks: number[] } {
  const top = Math.max(maxLagMs, criticalMs, 1) * 1.1;
  const bottom = Math.min(0, minLagMs);
  const step = niceStep((top - bottom) / 4);
  const low = Math.floor(bottom / step) * step;
  const high = Math.ceil(top / step) * step;
  const ticks: number[] = [];
  for (let v = low; v <= high + step / 2; v += step) ticks.push(Math.round(v));
  return { domain: [low, high], ticks };
}
