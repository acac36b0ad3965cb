import "server-only";
import { defaultPlanConfig, progressOf } from "@/lib/cloudtrail/ingest-plan";
import type { Db } from "@/lib/db/client";

// What admins see of ingest: per account-region how far the backfill has come, how far
// behind the present the newest stored event window is (lag), counters and the last error;
// plus the S3 imports, the size of the store and how far the charts' hourly counts lag.

export type IngestRow = {
  accountId: string;
  accountName: string | null;
  region: string;
  state: "backfilling" | "live" | "waiting" | "error" | "stalled";
  backfillPercent: number;
  lagSeconds: number | null;
  highWatermark: string | null;
  lowWatermark: string | null;
  backfillFrom: string;
  chunk: { kind: "live" | "backfill"; start: string; end: string; midWindow: boolean } | null;
  eventsStored: number;
  eventsSeen: number;
  requests: number;
  throttled: number;
  lastPollAt: string | null;
  lastError: string | null;
};

export type IngestStatus = {
  rows: IngestRow[];
  imports: { files: number; records: number; stored: number; lastAt: string | null };
  approxEvents: number;
  partitions: number;
  /** Hours written since the charts' hourly counts last counted them (lib/cloudtrail/rollup.ts). */
  hoursToRecount: number;
};

type StateRow = {
  account_id: string; account_name: string | null; region: string; backfill_from: Date; low_watermark: Date | null; high_watermark: Date | null;
  chunk_kind: "live" | "backfill" | null; chunk_start: Date | null; chunk_end: Date | null; next_token: string | null;
  events_stored: bigint; events_seen: bigint; requests: bigint; throttled: bigint; last_poll_at: Date | null; last_error: string | null;
};

export async function loadIngestStatus(db: Db, now: Date, pollMs: number): Promise<IngestStatus> {
  const states = await db.$queryRaw<StateRow[]>`
    SELECT s.*, a.name AS account_name FROM cloudtrail_ingest_state s LEFT JOIN aws_account a ON a.account_id = s.account_id
    ORDER BY s.account_id, s.region`;
  const rows = states.map((s): IngestRow => {
    const chunk = s.chunk_kind && s.chunk_start && s.chunk_end ? { kind: s.chunk_kind, start: s.chunk_start, end: s.chunk_end, nextToken: s.next_token } : null;
    const progress = progressOf({ backfillFrom: s.backfill_from, lowWatermark: s.low_watermark, highWatermark: s.high_watermark, chunk }, now, defaultPlanConfig);
    // A worker that has not polled for three intervals (and some slack) is not running, or is stuck.
    const stalled = !s.last_poll_at || now.getTime() - s.last_poll_at.getTime() > 3 * pollMs + 60_000;
    const state: IngestRow["state"] = s.last_error ? "error" : stalled ? "stalled" : !progress.caughtUp ? "backfilling" : chunk ? "live" : "waiting";
    return {
      accountId: s.account_id,
      accountName: s.account_name,
      region: s.region,
      state,
      backfillPercent: Math.floor(progress.backfill * 1000) / 10,
      lagSeconds: progress.lagMs === null ? null : Math.max(0, Math.round(progress.lagMs / 1000)),
      highWatermark: s.high_watermark?.toISOString() ?? null,
      lowWatermark: s.low_watermark?.toISOString() ?? null,
      backfillFrom: s.backfill_from.toISOString(),
      chunk: chunk ? { kind: chunk.kind, start: chunk.start.toISOString(), end: chunk.end.toISOString(), midWindow: chunk.nextToken !== null } : null,
      eventsStored: Number(s.events_stored),
      eventsSeen: Number(s.events_seen),
      requests: Number(s.requests),
      throttled: Number(s.throttled),
      lastPollAt: s.last_poll_at?.toISOString() ?? null,
      lastError: s.last_error,
    };
  });
  const [imports] = await db.$queryRaw<{ files: bigint; records: bigint | null; stored: bigint | null; last_at: Date | null }[]>`
    SELECT count(*) AS files, sum(records) AS records, sum(stored) AS stored, max(imported_at) AS last_at FROM cloudtrail_import_file`;
  // The planner's estimate: counting ten million rows exactly would take seconds.
  const [size] = await db.$queryRaw<{ approx: number | null; partitions: bigint }[]>`
    SELECT sum(greatest(c.reltuples, 0))::float8 AS approx, count(*) AS partitions
    FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid WHERE i.inhparent = 'cloudtrail_event'::regclass`;
  const [dirty] = await db.$queryRaw<{ hours: number }[]>`SELECT count(DISTINCT hour)::int AS hours FROM cloudtrail_rollup_dirty`;
  const counted = rows.reduce((sum, r) => sum + r.eventsStored, 0) + Number(imports?.stored ?? 0);
  return {
    rows,
    imports: { files: Number(imports?.files ?? 0), records: Number(imports?.records ?? 0), stored: Number(imports?.stored ?? 0), lastAt: imports?.last_at?.toISOString() ?? null },
    // Fresh partitions have no statistics yet; the ingest counters are exact for what ingest stored.
    approxEvents: Math.max(Math.round(size?.approx ?? 0), counted),
    partitions: Number(size?.partitions ?? 0),
    hoursToRecount: dirty?.hours ?? 0,
  };
}
