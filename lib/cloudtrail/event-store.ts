import type pg from "pg";
import { copyIn, copyValue } from "./copy-in";
import { facetsOf, storeFacets } from "./event-facets";
import { searchTextOf } from "./search-text";
import { resourceNamesOf, resourceTypesOf, type NormalizedEvent } from "./normalize-event";

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
  resource_types, resource_names, record, search_text, origin`;

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

/** A text[] in PostgreSQL's array syntax (before COPY's own escaping). */
function arrayLiteral(values: string[]): string {
  return `{${values.map((v) => `"${v.replace(/\\/g, "\\\\").replace(/"/g, '\\"')}"`).join(",")}}`;
}

function copyRow(e: NormalizedEvent): string {
  return [
    e.eventTime.toISOString(),
    e.eventId,
    e.accountId,
    e.region,
    e.eventSource,
    e.eventName,
    e.eventType,
    e.actor,
    e.actorArn,
    e.principalType,
    e.accessKeyId,
    e.sourceIp,
    e.userAgent,
    e.readOnly,
    e.errorCode,
    e.errorMessage,
    e.awsRequestId,
    e.flightdeckRequestId,
    JSON.stringify(e.resources),
    arrayLiteral(resourceTypesOf(e)),
    arrayLiteral(resourceNamesOf(e)),
    JSON.stringify(e.record),
    searchTextOf(e.record),
    e.origin,
  ]
    .map(copyValue)
    .join("\t");
}

type SqlError = { code?: string };

/** True when the client is inside a transaction: SAVEPOINT only works there (25P01 outside). */
async function savepoint(client: pg.ClientBase): Promise<boolean> {
  try {
    await client.query("SAVEPOINT store_events");
    return true;
  } catch (error) {
    if ((error as SqlError).code === "25P01") return false;
    throw error;
  }
}

/** COPY straight into the table; if that hits a stored event, the staging path instead. */
async function copyOrStage(client: pg.ClientBase, rows: string[]): Promise<number> {
  await client.query("SAVEPOINT store_events_copy");
  try {
    const stored = await copyIn(client, `COPY cloudtrail_event (${COLUMNS}) FROM STDIN`, rows);
    await client.query("RELEASE SAVEPOINT store_events_copy");
    return stored;
  } catch (error) {
    await client.query("ROLLBACK TO SAVEPOINT store_events_copy");
    if ((error as SqlError).code !== "23505") throw error;
  }
  return storeStaged(client, rows);
}

async function storeStaged(client: pg.ClientBase, rows: string[]): Promise<number> {
  // Every time: a staging table created in a transaction that was rolled back is gone again.
  await client.query(CREATE_STAGE);
  await client.query("TRUNCATE cloudtrail_event_stage");
  await copyIn(client, `COPY cloudtrail_event_stage (${COLUMNS}) FROM STDIN`, rows);
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
  const inTransaction = await savepoint(client);
  if (!inTransaction) {
    await client.query("BEGIN");
    await client.query("SAVEPOINT store_events");
  }
  try {
    const rows = events.map(copyRow);
    await ensurePartitions(client, events.map((e) => e.eventTime));
    let stored: number;
    try {
      stored = await copyOrStage(client, rows);
    } catch (error) {
      // 23514: no partition for a row. A month this connection prepared went away with a
      // transaction its caller rolled back; prepare the months again and retry once.
      if ((error as SqlError).code !== "23514") throw error;
      await client.query("ROLLBACK TO SAVEPOINT store_events");
      knownPartitions.delete(client);
      await ensurePartitions(client, events.map((e) => e.eventTime));
      stored = await copyOrStage(client, rows);
    }
    await storeFacets(client, facetsOf(events));
    await client.query("RELEASE SAVEPOINT store_events");
    if (!inTransaction) await client.query("COMMIT");
    return stored;
  } catch (error) {
    // A rolled-back transaction may have taken a new partition with it.
    knownPartitions.delete(client);
    await client.query(inTransaction ? "ROLLBACK TO SAVEPOINT store_events" : "ROLLBACK").catch(() => undefined);
    throw error;
  }
}
