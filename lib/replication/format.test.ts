import { describe, expect, it } from "vitest";
import { formatAge, formatBytes, formatLag, formatLagShort, linkLabel } from "./format";
import { isLiveRaw, rangeFor, refreshEveryMs } from "./ranges";

describe("formatLag", () => {
  it.each([
    [null, "—"],
    [0, "0 ms"],
    [850, "850 ms"],
    [1_000, "1.0 s"],
    [1_299, "1.2 s"],
    [9_999, "9.9 s"],
    [42_700, "42 s"],
    [125_000, "2 min 5 s"],
    [3_720_000, "1 h 2 min"],
    [-340, "−340 ms"],
    [Number.NaN, "—"],
  ])("%s → %s", (ms, text) => expect(formatLag(ms)).toBe(text));
});

describe("formatLagShort", () => {
  it.each([
    [0, "0ms"],
    [500, "500ms"],
    [1_500, "1.5s"],
    [10_000, "10s"],
    [90_000, "1.5m"],
  ])("%s → %s", (ms, text) => expect(formatLagShort(ms)).toBe(text));
});

describe("formatBytes", () => {
  it.each([
    [null, "—"],
    [0, "0 B"],
    [1_023, "1023 B"],
    [1_536, "1.5 KiB"],
    [50 * 1_024 * 1_024, "50 MiB"],
  ])("%s → %s", (bytes, text) => expect(formatBytes(bytes)).toBe(text));
});

describe("formatAge and linkLabel", () => {
  it("reads naturally", () => {
    expect(formatAge(null)).toBe("never sampled");
    expect(formatAge(400)).toBe("just now");
    expect(formatAge(2_500)).toBe("2.5 s ago");
    expect(linkLabel("external")).toContain("heartbeat only");
    expect(linkLabel(null)).toBe("—");
  });
});

describe("chart ranges", () => {
  it("short ranges are raw and live every second; long ones refresh less often", () => {
    expect([isLiveRaw(rangeFor("15m").ms), refreshEveryMs(rangeFor("15m").ms)]).toEqual([true, 1_000]);
    expect([isLiveRaw(rangeFor("1h").ms), refreshEveryMs(rangeFor("1h").ms)]).toEqual([false, 10_000]);
    expect(refreshEveryMs(rangeFor("30d").ms)).toBe(60_000);
    expect(rangeFor("nonsense").key).toBe("15m");
  });
});
