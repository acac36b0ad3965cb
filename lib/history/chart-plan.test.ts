import { describe, expect, it } from "vitest";
import { DAY_MS, HOUR_MS, planChart } from "./chart-plan";

const T = Date.UTC(2026, 9, 1); // a midnight
const at = (days: number, hours = 0, ms = 0) => T + days * DAY_MS + hours * HOUR_MS + ms;

/** Every millisecond of [from, to] is covered exactly once by the plan. */
function expectCovers(from: number, to: number, plan: ReturnType<typeof planChart>): void {
  const spans = [...plan.days.map((d) => [d, d + DAY_MS]), ...plan.hours.map((h) => [h, h + HOUR_MS]), ...plan.events].sort((a, b) => (a[0] as number) - (b[0] as number));
  let next = from;
  for (const [start, stop] of spans) {
    expect(start).toBe(next);
    next = stop as number;
  }
  expect(next).toBe(to + 1);
}

describe("planChart", () => {
  it("takes whole clean days from the daily counts, the hours around them from the hourly counts, the partial hours from the events", () => {
    const from = at(0, 21, 17_000);
    const to = at(3, 2, 5 * 60_000);
    const plan = planChart(from, to, []);
    expect(plan.days).toEqual([at(1), at(2)]);
    expect(plan.hours).toEqual([at(0, 22), at(0, 23), at(3, 0), at(3, 1)]);
    expect(plan.events).toEqual([[from, at(0, 22)], [at(3, 2), to + 1]]);
    expectCovers(from, to, plan);
  });

  it("counts dirty hours from the events and does not use their days' counts", () => {
    const from = at(0);
    const to = at(3) - 1;
    const plan = planChart(from, to, [at(1, 5), at(1, 6), at(2, 23)]);
    expect(plan.days).toEqual([at(0)]);
    expect(plan.events).toEqual([[at(1, 5), at(1, 7)], [at(2, 23), at(3)]]);
    expect(plan.hours).toHaveLength(48 - 3); // days 1 and 2, but their dirty hours
    expect(plan.hours).not.toContain(at(1, 5));
    expectCovers(from, to, plan);
  });

  it("merges a dirty hour with the partial hour next to it", () => {
    const from = at(0, 3, 1);
    const plan = planChart(from, at(0, 9) - 1, [at(0, 4), at(0, 8)]);
    expect(plan.events).toEqual([[from, at(0, 5)], [at(0, 8), at(0, 9)]]);
    expect(plan.hours).toEqual([at(0, 5), at(0, 6), at(0, 7)]);
  });

  it("counts a range within one hour, or ending on a boundary, from what it can", () => {
    expect(planChart(at(0, 3, 10), at(0, 3, 500), [])).toEqual({ days: [], hours: [], events: [[at(0, 3, 10), at(0, 3, 501)]] });
    // to = 04:00:00.000 inclusive: the hour from 03:00 is whole, the millisecond at 04:00 is not.
    expect(planChart(at(0, 3), at(0, 4), [])).toEqual({ days: [], hours: [at(0, 3)], events: [[at(0, 4), at(0, 4) + 1]] });
    expectCovers(at(0, 3), at(0, 4), planChart(at(0, 3), at(0, 4), []));
  });

  it("takes days hour by hour when asked to", () => {
    const plan = planChart(at(1), at(2) - 1, [], { days: false });
    expect(plan.days).toEqual([]);
    expect(plan.hours).toHaveLength(24);
  });

  it("ignores dirty hours outside the range", () => {
    expect(planChart(at(1), at(2) - 1, [at(0, 23), at(2)])).toEqual({ days: [at(1)], hours: [], events: [] });
  });
});
