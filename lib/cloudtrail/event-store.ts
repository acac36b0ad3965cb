import type pg from "pg";
import { copyIn, copyValue } from "./copy-in";
import { searchTextOf } from "./search-text";
import { resourceNamesOf, resourceTypesOf, type NormalizedEvent } from "./normalize-event";

// Writes normalized events. One INSERT per batch whatever its size: columns travel as arrays
// and unnest into rows, and ON CONFLICT DO NOTHING on (event_time, event_id) drops what an
// overlapping poll, a resumed chunk or a re-imported log file already stored.

// Resource names travel as one string per row split in SQL: unnest would flatten a text[][].
const SEP = "\u001f";

// Months each connection has already prepared, and connections that have their staging
// table (keyed by connection, so two databases never share the knowledge).
const knownPartitions = new WeakMap<pg.ClientBase, Set<string>>();
const staged = new WeakSet<pg.ClientBase>();

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

// Rows are COPied into a per-connection temporary table, then moved with one INSERT … SELECT
// that can skip duplicates (COPY itself cannot). Resource types and names travel as one
// separator-joined string each and become arrays on the way.
const CREATE_STAGE = `CREATE TEMP TABLE IF NOT EXISTS cloudtrail_event_stage (
  event_time timestamptz(3), event_id text, account_id text, region text, event_source text, event_name text, event_type text,
  actor text, actor_arn text, principal_type text, access_key_id text, source_ip text, user_agent text, read_only boolean,
  error_code text, error_message text, aws_request_id text, flightdeck_request_id text, resources jsonb, resource_types text,
  resource_names text, record jsonb, search_text text, origin text)`;

const MOVE_STAGED = `
  WITH ins AS (
    INSERT INTO cloudtrail_event (${COLUMNS})
    SELECT event_time, event_id, account_id, region, event_source, event_name, event_type, actor, actor_arn, principal_type,
           access_key_id, source_ip, user_agent, read_only, error_code, error_message, aws_request_id, flightdeck_request_id, resources,
           string_to_array(resource_types, E'\\x1f'), string_to_array(resource_names, E'\\x1f'), record, search_text, origin
    FROM cloudtrail_event_stage
    ON CONFLICT (event_time, event_id) DO NOTHING
    RETURNING 1
  )
  SELECT count(*)::int AS stored FROM ins`;

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
    resourceTypesOf(e).join(SEP),
    resourceNamesOf(e).join(SEP),
    JSON.stringify(e.record),
    searchTextOf(e.record),
    e.origin,
  ]
    .map(copyValue)
    .join("\t");
}

type Facet = { field: string; value: string; lastSeen: string };

/** The distinct filter values of a batch, sorted so concurrent upserts lock rows in one order. */
export function facetsOf(events: readonly NormalizedEvent[]): Facet[] {
  const latest = new Map<string, Facet>();
  const see = (field: string, value: string | null, time: Date) => {
    if (!value) return;
    const key = `${field}\u0000${value}`;
    const iso = time.toISOString();
    const known = latest.get(key);
    if (!known || known.lastSeen < iso) latest.set(key, { field, value, lastSeen: iso });
  };
  for (const e of events) {
    see("account", e.accountId, e.eventTime);
    see("region", e.region, e.eventTime);
    see("source", e.eventSource, e.eventTime);
    see("name", e.eventName, e.eventTime);
    see("actor", e.actor, e.eventTime);
    for (const type of resourceTypesOf(e)) see("resourceType", type, e.eventTime);
  }
  return [...latest.values()].sort((a, b) => (a.field === b.field ? (a.value < b.value ? -1 : 1) : a.field < b.field ? -1 : 1));
}

async function storeFacets(client: pg.ClientBase, facets: readonly Facet[]): Promise<void> {
  if (!facets.length) return;
  await client.query(
    `INSERT INTO cloudtrail_facet (field, value, last_seen)
     SELECT * FROM unnest($1::text[], $2::text[], $3::timestamptz[])
     ON CONFLICT (field, value) DO UPDATE SET last_seen = excluded.last_seen WHERE cloudtrail_facet.last_seen < excluded.last_seen`,
    [facets.map((f) => f.field), facets.map((f) => f.value), facets.map((f) => f.lastSeen)],
  );
}

/** Stores a batch (in the caller's transaction, if any) and returns how many events were new. */
export async function storeEvents(client: pg.ClientBase, events: readonly NormalizedEvent[]): Promise<number> {
  if (!events.length) return 0;
  try {
    await ensurePartitions(client, events.map((e) => e.eventTime));
    if (!staged.has(client)) await client.query(CREATE_STAGE);
    staged.add(client);
    await client.query("TRUNCATE cloudtrail_event_stage");
    await copyIn(client, `COPY cloudtrail_event_stage (${COLUMNS}) FROM STDIN`, events.map(copyRow));
    const { rows } = await client.query<{ stored: number }>(MOVE_STAGED);
    await storeFacets(client, facetsOf(events));
    return rows[0]?.stored ?? 0;
  } catch (error) {
    // A rolled-back transaction may have taken a new partition or the staging table with it.
    knownPartitions.delete(client);
    staged.delete(client);
    throw error;
  }
}
