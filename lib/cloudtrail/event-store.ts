import type pg from "pg";
import type { BinaryRowWriter } from "./copy-binary";
import { copyIn } from "./copy-in";
import { facetsOf, storeFacets } from "./event-facets";
import type { NormalizedEvent } from "./normalize-event";
import { hoursOf, markHoursDirty } from "./rollup";
import { addFilterTerm, identifiersText, searchDocumentOf } from "./search-vector";

// Writes normalized events with COPY, the fastest way into PostgreSQL. Events are stored once
// per (event_time, event_id): what an overlapping poll, a resumed chunk or a re-imported log
// file repeats is dropped.

// Months each connection has already prepared (keyed by connection, so two databases never
// share the knowledge).
const knownPartitions = new WeakMap<pg.ClientBase, Set<string>>();

function monthKey(time: Date): string {
  return `${time.getUTCFullYear()}${String(time.getUTCMonth() + 1).padStart(2, "0")}`;
}

/** Creates the monthly partitions the events need (idempotent, safe under concurrency). */
export async function ensurePartitions(client: pg.ClientBase, times: Iterable<Date>): Promise<void> {
  const known = knownPartitions.get(client) ?? new Set<string>();
  knownPartitions.set(client, known);
  const missing = new Map<string, Date>();
  for (const time of times) {
    const key = monthKey(time);
    if (!known.has(key) && !missing.has(key)) missing.set(key, time);
  }
  for (const [key, time] of missing) {
    await client.query("SELECT cloudtrail_event_ensure_partition($1)", [time.toISOString()]);
    known.add(key);
  }
}

const COLUMNS = `event_time, event_id, account_id, region, event_source, event_name, event_type, actor, actor_arn, principal_type,
  access_key_id, source_ip, user_agent, read_only, error_code, error_message, aws_request_id, flightdeck_request_id, resources,
  record, search_vector, identifiers, origin`;

// The slow path, for batches that repeat stored events: COPY into a per-connection temporary
// table, then one INSERT … SELECT that skips what is already there (COPY itself cannot).
const CREATE_STAGE = "CREATE TEMP TABLE IF NOT EXISTS cloudtrail_event_stage (LIKE cloudtrail_event INCLUDING DEFAULTS)";
const MOVE_STAGED = `
  WITH ins AS (
    INSERT INTO cloudtrail_event (${COLUMNS}) SELECT ${COLUMNS} FROM cloudtrail_event_stage
    ON CONFLICT (event_time, event_id) DO NOTHING
    RETURNING 1
  )
  SELECT count(*)::int AS stored FROM ins`;

const COLUMN_COUNT = COLUMNS.split(",").length;

/** One event as a binary COPY tuple, in COLUMNS' order. */
function writeRow(w: BinaryRowWriter, e: NormalizedEvent): void {
  const { vector, identifiers } = searchDocumentOf(e.record);
  addFilterTerm(vector, "account", e.accountId);
  addFilterTerm(vector, "region", e.region);
  addFilterTerm(vector, "source", e.eventSource);
  for (const r of e.resources) {
    addFilterTerm(vector, "resource", r.name);
    addFilterTerm(vector, "resource", r.arn ?? null);
    addFilterTerm(vector, "type", r.type);
  }
  w.int16(COLUMN_COUNT);
  w.timestamptz(e.eventTime);
  w.text(e.eventId);
  w.text(e.accountId);
  w.text(e.region);
  w.text(e.eventSource);
  w.text(e.eventName);
  w.text(e.eventType);
  w.text(e.actor);
  w.text(e.actorArn);
  w.text(e.principalType);
  w.text(e.accessKeyId);
  w.text(e.sourceIp);
  w.text(e.userAgent);
  w.bool(e.readOnly);
  w.text(e.errorCode);
  w.text(e.errorMessage);
  w.text(e.awsRequestId);
  w.text(e.flightdeckRequestId);
  w.jsonb(JSON.stringify(e.resources));
  if (e.recordJson) w.bytes(e.recordJson); // the JSON text as it came
  else w.text(JSON.stringify(e.record));
  w.tsvector(vector);
  w.text(identifiersText(identifiers));
  w.text(e.origin);
}

type SqlError = { code?: string };

/** COPY straight into the table; if that hits a stored event, the staging path instead. */
async function copyOrStage(client: pg.ClientBase, events: readonly NormalizedEvent[]): Promise<number> {
  await client.query("SAVEPOINT store_events_copy"); // released with store_events
  try {
    return await copyIn(client, `COPY cloudtrail_event (${COLUMNS}) FROM STDIN (FORMAT binary)`, events, writeRow);
  } catch (error) {
    await client.query("ROLLBACK TO SAVEPOINT store_events_copy");
    if ((error as SqlError).code !== "23505") throw error;
  }
  return storeStaged(client, events);
}

async function storeStaged(client: pg.ClientBase, events: readonly NormalizedEvent[]): Promise<number> {
  // Every time: a staging table created in a transaction that was rolled back is gone again.
  await client.query(CREATE_STAGE);
  await client.query("TRUNCATE cloudtrail_event_stage");
  await copyIn(client, `COPY cloudtrail_event_stage (${COLUMNS}) FROM STDIN (FORMAT binary)`, events, writeRow);
  const { rows: result } = await client.query<{ stored: number }>(MOVE_STAGED);
  return result[0]?.stored ?? 0;
}

/**
 * Stores a batch and returns how many events were new. Most batches are all new (imports, the
 * backfill): they are COPied straight into the table. A batch that repeats a stored event (an
 * overlapping poll) fails that COPY on the primary key and is stored through the staging table
 * instead, which skips the repeats. Runs in the caller's transaction, or in its own.
 */
export async function storeEvents(client: pg.ClientBase, events: readonly NormalizedEvent[]): Promise<number> {
  if (!events.length) return 0;
  // Statements go together where they can: while another connection's rows are being
  // encoded, every round trip waits for a turn of the event loop. In a failed transaction
  // of the caller's ("E") the SAVEPOINT fails, as it should.
  const status = client.getTransactionStatus();
  const inTransaction = status === "T" || status === "E";
  await client.query(inTransaction ? "SAVEPOINT store_events" : "BEGIN; SAVEPOINT store_events");
  try {
    await ensurePartitions(client, events.map((e) => e.eventTime));
    let stored: number;
    try {
      stored = await copyOrStage(client, events);
    } catch (error) {
      // 23514: no partition for a row. A month this connection prepared went away with a
      // transaction its caller rolled back; prepare the months again and retry once.
      if ((error as SqlError).code !== "23514") throw error;
      await client.query("ROLLBACK TO SAVEPOINT store_events");
      knownPartitions.delete(client);
      await ensurePartitions(client, events.map((e) => e.eventTime));
      stored = await copyOrStage(client, events);
    }
    await storeFacets(client, facetsOf(events));
    // The charts' hourly counts of these hours are stale until recounted (rollup.ts).
    if (stored) await markHoursDirty(client, hoursOf(events.map((e) => e.eventTime)));
    await client.query(inTransaction ? "RELEASE SAVEPOINT store_events" : "RELEASE SAVEPOINT store_events; COMMIT");
    return stored;
  } catch (error) {
    // A rolled-back transaction may have taken a new partition with it.
    knownPartitions.delete(client);
    await client.query(inTransaction ? "ROLLBACK TO SAVEPOINT store_events" : "ROLLBACK").catch(() => undefined);
    throw error;
  }
}
