import type { Db } from "@/lib/db/client";
import { severityOf } from "./severity-sql";

// Downsampling and retention: raw samples fold into one row per endpoint and minute,
// then age out (24 h by default); minute rows age out later (30 days). Idempotent and
// safe from any process, so the leader runs it every minute and an admin may run it by hand.

export type RetentionOptions = { rawRetentionMs?: number; aggregateRetentionMs?: number; now?: Date };

export const defaultRetention = { rawRetentionMs: 24 * 3_600_000, aggregateRetentionMs: 30 * 86_400_000 };

/** Minutes re-folded behind the newest aggregate, for samples written late (a slow tick at a minute's end). */
const lateMinutes = 2;

export type MaintenanceResult = { aggregatedMinutes: number; deletedSamples: number; deletedAggregates: number };

export async function runReplicationMaintenance(db: Db, options: RetentionOptions = {}): Promise<MaintenanceResult> {
  const now = options.now ?? new Date();
  const rawRetentionMs = options.rawRetentionMs ?? defaultRetention.rawRetentionMs;
  const aggregateRetentionMs = options.aggregateRetentionMs ?? defaultRetention.aggregateRetentionMs;
  // Re-folding needs the raw samples of the late minutes still there.
  if (rawRetentionMs < (lateMinutes + 1) * 60_000) throw new Error(`raw retention must be at least ${lateMinutes + 1} minutes`);

  const [watermark] = await db.$queryRaw<{ minute: Date | null }[]>`SELECT max(minute) AS minute FROM replication_sample_minute`;
  const from = watermark?.minute ? new Date(watermark.minute.getTime() - lateMinutes * 60_000) : new Date(0);

  // Only whole minutes before the current one: a minute still filling would be folded early.
  const aggregatedMinutes = await db.$executeRaw`
    INSERT INTO replication_sample_minute AS m (endpoint_id, region_code, minute, samples, ok_samples, unreachable_samples,
      min_lag_ms, avg_lag_ms, p95_lag_ms, max_lag_ms, max_lag_bytes, worst_status)
    SELECT endpoint_id, max(region_code), date_trunc('minute', sampled_at),
           count(*)::int,
           (count(*) FILTER (WHERE status = 'ok'))::int,
           (count(*) FILTER (WHERE status = 'unreachable'))::int,
           min(lag_ms), avg(lag_ms)::float8,
           (percentile_disc(0.95) WITHIN GROUP (ORDER BY lag_ms))::int,
           max(lag_ms), max(lag_bytes),
           (array_agg(status ORDER BY ${severityOf("status")} DESC))[1]
    FROM replication_sample
    WHERE sampled_at >= ${from}::timestamptz AND sampled_at < date_trunc('minute', ${now}::timestamptz)
    GROUP BY endpoint_id, date_trunc('minute', sampled_at)
    ON CONFLICT (endpoint_id, minute) DO UPDATE SET
      region_code = EXCLUDED.region_code, samples = EXCLUDED.samples, ok_samples = EXCLUDED.ok_samples,
      unreachable_samples = EXCLUDED.unreachable_samples, min_lag_ms = EXCLUDED.min_lag_ms, avg_lag_ms = EXCLUDED.avg_lag_ms,
      p95_lag_ms = EXCLUDED.p95_lag_ms, max_lag_ms = EXCLUDED.max_lag_ms, max_lag_bytes = EXCLUDED.max_lag_bytes,
      worst_status = EXCLUDED.worst_status`;

  const rawCutoff = new Date(now.getTime() - rawRetentionMs);
  const aggregateCutoff = new Date(now.getTime() - aggregateRetentionMs);
  const deletedSamples = await db.$executeRaw`DELETE FROM replication_sample WHERE sampled_at < ${rawCutoff}::timestamptz`;
  const deletedAggregates = await db.$executeRaw`DELETE FROM replication_sample_minute WHERE minute < ${aggregateCutoff}::timestamptz`;
  return { aggregatedMinutes, deletedSamples, deletedAggregates };
}
