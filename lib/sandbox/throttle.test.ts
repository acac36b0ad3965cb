import { describe, expect, it } from "vitest";
import { TokenBucketLimiter } from "./throttle";

describe("TokenBucketLimiter", () => {
  it("lets a burst of N through, then N per second, per key", () => {
    let now = 0;
    const limiter = new TokenBucketLimiter(5, () => now);
    const burst = Array.from({ length: 6 }, () => limiter.take("account"));
    expect(burst).toEqual([true, true, true, true, true, false]);
    expect(limiter.take("other-account")).toBe(true);
    now = 150;
    expect(limiter.take("account")).toBe(false); // 0.75 of a token
    now = 200;
    expect(limiter.take("account")).toBe(true);
    expect(limiter.take("account")).toBe(false);
  });

  it("never saves up more than its burst", () => {
    let now = 0;
    const limiter = new TokenBucketLimiter(2, () => now);
    now = 60_000;
    expect([limiter.take("k"), limiter.take("k"), limiter.take("k")]).toEqual([true, true, false]);
  });

  it("does not charge refused calls", () => {
    let now = 0;
    const limiter = new TokenBucketLimiter(2, () => now);
    limiter.take("k");
    limiter.take("k");
    for (let i = 0; i < 10; i++) expect(limiter.take("k")).toBe(false);
    now = 500;
    expect(limiter.take("k")).toBe(true);
  });
});
