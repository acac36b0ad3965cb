import { describe, expect, it } from "vitest";
import { percentile, summary } from "./stats";

describe("percentile (nearest rank)", () => {
  const twenty = Array.from({ length: 20 }, (_, i) => (i + 1) * 100);
  it.each([
    [50, 1_000],
    [95, 1_900],
    [100, 2_000],
    [0, 100],
  ])("p%s of 100…2000 is %s", (p, expected) => expect(percentile(twenty, p)).toBe(expected));

  it("does not care about input order, and is NaN for nothing", () => {
    expect(percentile([3, 1, 2], 50)).toBe(2);
    expect(percentile([], 95)).toBeNaN();
  });

  it("summarises", () => {
    expect(summary([100, 200, 300])).toBe("p50 200 ms, p95 300 ms, max 300 ms (n=3)");
    expect(summary([])).toBe("no samples");
  });
});
