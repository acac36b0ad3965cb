import type pg from "pg";
import { resourceTypesOf, type NormalizedEvent } from "./normalize-event";

// cloudtrail_facet: the distinct values of the filterable fields, kept up to date at ingest so
// the filter form can offer them without a DISTINCT over millions of events.

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

export async function storeFacets(client: pg.ClientBase, facets: readonly Facet[]): Promise<void> {
  if (!facets.length) return;
  await client.query(
    `INSERT INTO cloudtrail_facet (field, value, last_seen)
     SELECT * FROM unnest($1::text[], $2::text[], $3::timestamptz[])
     ON CONFLICT (field, value) DO UPDATE SET last_seen = excluded.last_seen WHERE cloudtrail_facet.last_seen < excluded.last_seen`,
    [facets.map((f) => f.field), facets.map((f) => f.value), facets.map((f) => f.lastSeen)],
  );
}

