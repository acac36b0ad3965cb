import type pg from "pg";
import type { NormalizedEvent } from "./normalize-event";

// cloudtrail_facet: the distinct values of the filterable fields, kept up to date at ingest so
// the filter form can offer them without a DISTINCT over millions of events.

type Facet = { field: string; value: string; lastSeen: string };

/** The distinct filter values of a batch, sorted so concurrent upserts lock rows in one order. */
export function facetsOf(events: readonly NormalizedEvent[]): Facet[] {
  // field → value → latest time (ms); one small map per field, no key strings per event.
  const fields = new Map<string, Map<string, number>>();
  const see = (field: string, value: string | null, at: number) => {
    if (!value) return;
    let values = fields.get(field);
    if (!values) fields.set(field, (values = new Map()));
    const known = values.get(value);
    if (known === undefined || known < at) values.set(value, at);
  };
  for (const e of events) {
    const at = e.eventTime.getTime();
    see("account", e.accountId, at);
    see("region", e.region, at);
    see("source", e.eventSource, at);
    see("name", e.eventName, at);
    see("actor", e.actor, at);
    for (const r of e.resources) see("resourceType", r.type, at);
  }
  const facets: Facet[] = [];
  for (const [field, values] of fields) for (const [value, at] of values) facets.push({ field, value, lastSeen: new Date(at).toISOString() });
  return facets.sort((a, b) => (a.field === b.field ? (a.value < b.value ? -1 : 1) : a.field < b.field ? -1 : 1));
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

