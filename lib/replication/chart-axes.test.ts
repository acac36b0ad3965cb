import { describe, expect, it } from "vitest";
import { lagAxis, timeTicks } from "./chart-axes";

describe("timeTicks", () => {
  const at = (iso: string) => Date.parse(iso);
  it("puts at most six round ticks on the axis", () => {
    expect(timeTicks(at("2026-01-01T10:00:07Z"), at("2026-01-01T10:05:07Z")).map((t) => new Date(t).toISOString().slice(11, 19))).toEqual([
      "10:01:00",
      "10:02:00",
      "10:03:00",
      "10:04:00",
      "10:05:00",
    ]);
    expect(timeTicks(at("2026-01-01T10:00:00Z"), at("2026-01-01T10:15:00Z")).map((t) => new Date(t).toISOString().slice(14, 16))).toEqual(["00", "05", "10", "15"]);
    expect(timeTicks(at("2026-01-01T00:30:00Z"), at("2026-01-02T00:30:00Z"))).toHaveLength(4); // 6 h steps
    expect(timeTicks(at("2026-01-01T00:00:00Z"), at("2026-01-31T00:00:00Z")).length).toBeLessThanOrEqual(6);
  });

  it("is empty for an empty or reversed range", () => {
    expect(timeTicks(5, 5)).toEqual([]);
    expect(timeTicks(10, 5)).toEqual([]);
  });
});

describe("lagAxis", () => {
  it.each([
    // min, max, critical → domain, ticks
    [0, 0, 10_000, [0, 15_000], [0, 5_000, 10_000, 15_000]],
    [0, 11_376, 10_000, [0, 15_000], [0, 5_000, 10_000, 15_000]],
    [0, 700, 1_000, [0, 1_500], [0, 500, 1_000, 1_500]],
    [0, 2_900, 1_000, [0, 4_000], [0, 1_000, 2_000, 3_000, 4_000]],
    [-340, 200, 1_000, [-500, 1_500], [-500, 0, 500, 1_000, 1_500]],
  ] as const)("lags %s…%s, critical %s", (min, max, critical, domain, ticks) => {
    expect(lagAxis(min, max, critical)).toEqual({ domain, ticks });
  });

  it("always shows the critical threshold", () => {
    const { domain } = lagAxis(0, 3, 60_000);
    expect(domain[1]).toBeGreaterThanOrEqual(60_000);
  });
});
