// Time ranges offered by the lag chart, and how each stays live: short ranges are raw
// ticks fetched incrementally every second; long ones are minutes, refetched now and
// then (a minute point changes at most once a minute anyway).

export const rangePresets = [
  { key: "5m", label: "5 min", ms: 5 * 60_000 },
  { key: "15m", label: "15 min", ms: 15 * 60_000 },
  { key: "1h", label: "1 h", ms: 3_600_000 },
  { key: "6h", label: "6 h", ms: 6 * 3_600_000 },
  { key: "24h", label: "24 h", ms: 24 * 3_600_000 },
  { key: "7d", label: "7 days", ms: 7 * 86_400_000 },
  { key: "30d", label: "30 days", ms: 30 * 86_400_000 },
] as const;

export type RangeKey = (typeof rangePresets)[number]["key"];

export const defaultRangeKey: RangeKey = "15m";

/** The history query serves raw ticks up to this range (its rawMaxRangeMs default). */
export const rawRangeLimitMs = 30 * 60_000;

/** A chart is a few hundred pixels wide. */
export const chartMaxPoints = 720;

export function rangeFor(key: string): (typeof rangePresets)[number] {
  return rangePresets.find((p) => p.key === key) ?? rangePresets.find((p) => p.key === defaultRangeKey)!;
}

export function isLiveRaw(rangeMs: number): boolean {
  return rangeMs <= rawRangeLimitMs;
}

export function refreshEveryMs(rangeMs: number): number {
  return isLiveRaw(rangeMs) ? 1_000 : rangeMs <= 6 * 3_600_000 ? 10_000 : 60_000;
}
