import type { HistoryPoint, RegionHistory } from "./query-history";
import { worstStatus } from "./status";

// A chart is a few hundred pixels wide: 30 days of minutes (43,200 points per region)
// would only cost bandwidth and rendering. Buckets of consecutive points keep what an
// operator must not miss: the worst lag, the worst status and any gap (all-null bucket).

function maxOrNull(values: (number | null)[]): number | null {
  let max: number | null = null;
  for (const v of values) if (v !== null && (max === null || v > max)) max = v;
  return max;
}

function mean(values: (number | null)[]): number | null {
  const present = values.filter((v): v is number => v !== null);
  return present.length ? Math.round(present.reduce((a, b) => a + b, 0) / present.length) : null;
}

function mergeBucket(bucket: readonly HistoryPoint[]): HistoryPoint {
  return {
    t: bucket[0]!.t,
    lagMs: maxOrNull(bucket.map((p) => p.lagMs)),
    avgLagMs: mean(bucket.map((p) => p.avgLagMs)),
    // Not a true p95 of the merged span: the highest of the parts, which never understates.
    p95LagMs: maxOrNull(bucket.map((p) => p.p95LagMs)),
    lagBytes: maxOrNull(bucket.map((p) => p.lagBytes)),
    status: worstStatus(bucket.map((p) => p.status)),
  };
}

export function downsamplePoints(points: readonly HistoryPoint[], maxPoints: number): HistoryPoint[] {
  if (maxPoints < 1) throw new Error("maxPoints must be at least 1");
  if (points.length <= maxPoints) return [...points];
  const size = Math.ceil(points.length / maxPoints);
  const out: HistoryPoint[] = [];
  for (let i = 0; i < points.length; i += size) out.push(mergeBucket(points.slice(i, i + size)));
  return out;
}

export function downsampleSeries(series: readonly RegionHistory[], maxPoints: number | undefined): RegionHistory[] {
  if (maxPoints === undefined) return [...series];
  return series.map((s) => ({ region: s.region, points: downsamplePoints(s.points, maxPoints) }));
}
