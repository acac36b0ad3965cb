import type { Db } from "@/lib/db/client";
import { Prisma } from "@/lib/generated/prisma/client";
import { defaultRetention } from "./maintenance";
import { severityOf, statusFromSeverity } from "./severity-sql";
import type { ReplicationStatus } from "./types";

// Lag history per region for charts: every tick for short, recent ranges; one point per
// minute otherwise (the minute aggregates, plus the minutes not folded yet, computed
// from raw samples so the newest minutes of a long chart are never missing).

export type HistoryPoint = {
  t: string;
  /** Worst lag in the region at that tick, or the worst of the minute. */
  lagMs: number | null;
  /** Per minute: over the minute's samples; per tick: over the region's endpoints (p95 = their max). */
  avgLagMs: number | null;
  p95LagMs: number | null;
  lagBytes: number | null;
  status: ReplicationStatus;
};

export type RegionHistory = { region: string; points: HistoryPoint[] };

export type ReplicationHistory = { resolution: "raw" | "minute"; from: string; to: string; series: RegionHistory[] };

export type HistoryQuery = {
  from: Date;
  to: Date;
  regions?: string[];
  /** Ranges up to this length, within raw retention, come back tick by tick. */
  rawMaxRangeMs?: number;
  rawRetentionMs?: number;
  resolution?: "raw" | "minute";
  now?: Date;
};

type Row = { region_code: string; t: Date; lag_ms: number | null; avg_lag_ms: number | null; p95_lag_ms: number | null; lag_bytes: bigint | null; severity: number | null };

export function pickResolution(query: HistoryQuery): "raw" | "minute" {
  if (query.resolution) return query.resolution;
  const now = (query.now ?? new Date()).getTime();
  const rawFrom = now - (query.rawRetentionMs ?? defaultRetention.rawRetentionMs);
  const short = query.to.getTime() - query.from.getTime() <= (query.rawMaxRangeMs ?? 30 * 60_000);
  return short && query.from.getTime() >= rawFrom ? "raw" : "minute";
}

export async function getReplicationHistory(db: Db, query: HistoryQuery): Promise<ReplicationHistory> {
  if (query.to < query.from) throw new Error("history range ends before it starts");
  const resolution = pickResolution(query);
  const { from, to } = query;
  const inRegions = query.regions?.length ? Prisma.sql`AND region_code = ANY(${query.regions}::text[])` : Prisma.empty;

  const rows =
    resolution === "raw"
      ? await db.$queryRaw<Row[]>`
          SELECT region_code, sampled_at AS t, max(lag_ms) AS lag_ms, avg(lag_ms)::float8 AS avg_lag_ms, max(lag_ms) AS p95_lag_ms,
                 max(lag_bytes) AS lag_bytes, max(${severityOf("status")}) AS severity
          FROM replication_sample
          WHERE sampled_at >= ${from}::timestamptz AND sampled_at <= ${to}::timestamptz ${inRegions}
          GROUP BY region_code, sampled_at
          ORDER BY region_code, t`
      : await db.$queryRaw<Row[]>`
          WITH watermark AS (SELECT coalesce(max(minute), '-infinity'::timestamptz) AS m FROM replication_sample_minute)
          SELECT region_code, minute AS t, max(max_lag_ms) AS lag_ms, avg(avg_lag_ms)::float8 AS avg_lag_ms,
                 max(p95_lag_ms) AS p95_lag_ms, max(max_lag_bytes) AS lag_bytes, max(${severityOf("worst_status")}) AS severity
          FROM replication_sample_minute
          WHERE minute >= date_trunc('minute', ${from}::timestamptz) AND minute <= ${to}::timestamptz ${inRegions}
          GROUP BY region_code, minute
          UNION ALL
          SELECT region_code, date_trunc('minute', sampled_at) AS t, max(lag_ms), avg(lag_ms)::float8,
                 (percentile_disc(0.95) WITHIN GROUP (ORDER BY lag_ms))::int, max(lag_bytes), max(${severityOf("status")})
          FROM replication_sample
          WHERE sampled_at >= (SELECT m FROM watermark) + interval '1 minute'
            AND sampled_at >= date_trunc('minute', ${from}::timestamptz) AND sampled_at <= ${to}::timestamptz ${inRegions}
          GROUP BY region_code, date_trunc('minute', sampled_at)
          ORDER BY region_code, t`;

  const series = new Map<string, HistoryPoint[]>();
  for (const row of rows) {
    const point: HistoryPoint = {
      t: row.t.toISOString(),
      lagMs: row.lag_ms,
      avgLagMs: row.avg_lag_ms === null ? null : Math.round(row.avg_lag_ms),
      p95LagMs: row.p95_lag_ms,
      lagBytes: row.lag_bytes === null ? null : Number(row.lag_bytes),
      status: statusFromSeverity(row.severity),
    };
    series.set(row.region_code, [...(series.get(row.region_code) ?? []), point]);
  }
  return {
    resolution,
    from: from.toISOString(),
    to: to.toISOString(),
    series: [...series].map(([region, points]) => ({ region, points })),
  };
}
