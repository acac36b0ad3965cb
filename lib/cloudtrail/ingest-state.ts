import type pg from "pg";
import type { Chunk, IngestProgress } from "./ingest-plan";

// cloudtrail_ingest_state: one row per account-region, read and written by the worker that
// holds that account-region's advisory lock (see ingest-target.ts).

export type IngestTarget = { accountId: string; region: string };

type StateRow = {
  backfill_from: Date;
  low_watermark: Date | null;
  high_watermark: Date | null;
  chunk_kind: "live" | "backfill" | null;
  chunk_start: Date | null;
  chunk_end: Date | null;
  next_token: string | null;
};

/** The account-region's progress, creating its row (backfill horizon `backfillFrom`) the first time. */
export async function loadProgress(client: pg.ClientBase, target: IngestTarget, backfillFrom: Date): Promise<IngestProgress> {
  await client.query(
    `INSERT INTO cloudtrail_ingest_state (account_id, region, backfill_from) VALUES ($1, $2, $3) ON CONFLICT (account_id, region) DO NOTHING`,
    [target.accountId, target.region, backfillFrom],
  );
  const { rows } = await client.query<StateRow>(
    `SELECT backfill_from, low_watermark, high_watermark, chunk_kind, chunk_start, chunk_end, next_token
     FROM cloudtrail_ingest_state WHERE account_id = $1 AND region = $2`,
    [target.accountId, target.region],
  );
  const row = rows[0];
  if (!row) throw new Error(`no ingest state for ${target.accountId}/${target.region}`);
  const chunk: Chunk | null =
    row.chunk_kind && row.chunk_start && row.chunk_end ? { kind: row.chunk_kind, start: row.chunk_start, end: row.chunk_end, nextToken: row.next_token } : null;
  return { backfillFrom: row.backfill_from, lowWatermark: row.low_watermark, highWatermark: row.high_watermark, chunk };
}

export type PageOutcome = {
  chunk: Chunk | null;
  lowWatermark: Date | null;
  highWatermark: Date | null;
  seen: number;
  stored: number;
  requests: number;
  throttled: number;
  at: Date;
};

/** Records a page: the chunk's new position (or its end and the new watermarks) and the counters. */
export async function savePage(client: pg.ClientBase, target: IngestTarget, outcome: PageOutcome): Promise<void> {
  await client.query(
    `UPDATE cloudtrail_ingest_state SET
       chunk_kind = $3, chunk_start = $4, chunk_end = $5, next_token = $6, low_watermark = $7, high_watermark = $8,
       events_seen = events_seen + $9, events_stored = events_stored + $10, requests = requests + $11, throttled = throttled + $12,
       last_poll_at = $13, last_success_at = $13, last_error = NULL, last_error_at = NULL, updated_at = $13
     WHERE account_id = $1 AND region = $2`,
    [
      target.accountId,
      target.region,
      outcome.chunk?.kind ?? null,
      outcome.chunk?.start ?? null,
      outcome.chunk?.end ?? null,
      outcome.chunk?.nextToken ?? null,
      outcome.lowWatermark,
      outcome.highWatermark,
      outcome.seen,
      outcome.stored,
      outcome.requests,
      outcome.throttled,
      outcome.at,
    ],
  );
}

/** Starts a chunk (so a restart resumes it) without touching the counters. */
export async function saveChunk(client: pg.ClientBase, target: IngestTarget, chunk: Chunk, at: Date): Promise<void> {
  await client.query(
    `UPDATE cloudtrail_ingest_state SET chunk_kind = $3, chunk_start = $4, chunk_end = $5, next_token = $6, last_poll_at = $7, updated_at = $7
     WHERE account_id = $1 AND region = $2`,
    [target.accountId, target.region, chunk.kind, chunk.start, chunk.end, chunk.nextToken, at],
  );
}

export async function saveError(client: pg.ClientBase, target: IngestTarget, message: string, counters: { requests: number; throttled: number }, at: Date): Promise<void> {
  await client.query(
    `UPDATE cloudtrail_ingest_state SET last_error = $3, last_error_at = $4, last_poll_at = $4, updated_at = $4,
       requests = requests + $5, throttled = throttled + $6
     WHERE account_id = $1 AND region = $2`,
    [target.accountId, target.region, message.slice(0, 2000), at, counters.requests, counters.throttled],
  );
}
