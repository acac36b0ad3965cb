import { describe, expect, it } from "vitest";
import { memoizeCredentials, REFRESH_BEFORE_EXPIRY_MS, type AwsCredentials } from "./account-credentials";

// The cache in front of fromTemporaryCredentials, with a counting provider and a fixed clock.

function counting(expiresAt: number | undefined, failFirst = false) {
  let calls = 0;
  const provider = async (): Promise<AwsCredentials> => {
    calls += 1;
    if (failFirst && calls === 1) throw new Error("AccessDenied");
    return { accessKeyId: `ASIA${calls}`, secretAccessKey: "s", ...(expiresAt === undefined ? {} : { expiration: new Date(expiresAt) }) };
  };
  return { provider, calls: () => calls };
}

describe("memoizeCredentials", () => {
  it("shares one request among concurrent callers and reuses its answer", async () => {
    const source = counting(1_000_000);
    const cached = memoizeCredentials(source.provider, () => 0);
    const keys = await Promise.all([cached(), cached(), cached()]);
    expect(keys.map((k) => k.accessKeyId)).toEqual(["ASIA1", "ASIA1", "ASIA1"]);
    expect((await cached()).accessKeyId).toBe("ASIA1");
    expect(source.calls()).toBe(1);
  });

  it.each([
    ["long before expiry", 0, 1],
    ["just outside the refresh window", 1_000_000 - REFRESH_BEFORE_EXPIRY_MS - 1, 1],
    ["inside the refresh window", 1_000_000 - REFRESH_BEFORE_EXPIRY_MS, 2],
    ["after expiry", 2_000_000, 2],
  ])("asks again only near expiry: %s", async (_, now, calls) => {
    const source = counting(1_000_000);
    let clock = 0;
    const cached = memoizeCredentials(source.provider, () => clock);
    await cached();
    clock = now;
    await cached();
    expect(source.calls()).toBe(calls);
  });

  it("keeps credentials without an expiry, and does not keep a failure", async () => {
    const source = counting(undefined, true);
    const cached = memoizeCredentials(source.provider, () => 0);
    await expect(cached()).rejects.toThrow("AccessDenied");
    expect((await cached()).accessKeyId).toBe("ASIA2");
    expect((await cached()).accessKeyId).toBe("ASIA2");
    expect(source.calls()).toBe(2);
  });
});
