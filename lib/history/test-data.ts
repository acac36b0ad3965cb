import { randomBytes } from "node:crypto";
import pg from "pg";
import { storeEvents } from "@/lib/cloudtrail/event-store";
import { normalizeRecord, resourceNamesOf, resourceTypesOf, type NormalizedEvent } from "@/lib/cloudtrail/normalize-event";
import { syntheticRecords } from "@/lib/cloudtrail/synthetic-records";
import { compareTimeline, type TimelineCursor } from "./cursor";
import { kindsFor, type HistoryFilter } from "./filter";

// Test support: a known mix of CloudTrail events and audit entries in a test database, and
// an independent, in-memory reading of the filter to check the SQL against.

export type SeededAudit = { seq: number; at: Date; actor: string; action: string; target: string; requestId: string; after: unknown };

export type Seeded = { events: NormalizedEvent[]; audits: SeededAudit[] };

export function normalizedSynthetic(options: Parameters<typeof syntheticRecords>[0]): NormalizedEvent[] {
  const out: NormalizedEvent[] = [];
  for (const record of syntheticRecords(options)) {
    const result = normalizeRecord(record, { origin: "s3" });
    if (!result.ok) throw new Error(result.reason);
    out.push(result.event);
  }
  return out;
}

/** Audit rows written straight into the table (the chain does not matter to search), at chosen times. */
export async function insertAuditRows(client: pg.ClientBase, audits: SeededAudit[]): Promise<void> {
  for (const a of audits) {
    await client.query(
      `INSERT INTO audit_entry (seq, at, actor, actor_role, action, target, before, after, request_id, prev_hash, hash)
       VALUES ($1, $2, $3, 'admin', $4, $5, NULL, $6, $7, $8, $9)`,
      [a.seq, a.at, a.actor, a.action, a.target, JSON.stringify(a.after), a.requestId, "0".repeat(64), randomBytes(32).toString("hex")],
    );
  }
}

export async function seedHistory(url: string, events: NormalizedEvent[], audits: SeededAudit[]): Promise<Seeded> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await storeEvents(client, events);
    await insertAuditRows(client, audits);
  } finally {
    await client.end();
  }
  return { events, audits };
}

type Entry = TimelineCursor & { match(filter: HistoryFilter): boolean };

function eventMatches(e: NormalizedEvent, f: HistoryFilter): boolean {
  if (f.from && e.eventTime < f.from) return false;
  if (f.to && e.eventTime > f.to) return false;
  if (f.account && e.accountId !== f.account) return false;
  if (f.region && e.region !== f.region) return false;
  if (f.source && e.eventSource !== f.source) return false;
  if (f.name && e.eventName !== f.name) return false;
  if (f.actor && (f.actor.startsWith("arn:") ? e.actorArn : e.actor) !== f.actor) return false;
  if (f.resource && !resourceNamesOf(e).includes(f.resource)) return false;
  if (f.resourceType && !resourceTypesOf(e).includes(f.resourceType)) return false;
  if (f.readOnly !== undefined && e.readOnly !== f.readOnly) return false;
  if (f.errors && !e.errorCode && !e.errorMessage) return false;
  return kindsFor(f).cloudtrail;
}

function auditMatches(a: SeededAudit, f: HistoryFilter): boolean {
  if (f.from && a.at < f.from) return false;
  if (f.to && a.at > f.to) return false;
  if (f.name && a.action !== f.name) return false;
  if (f.actor && a.actor !== f.actor) return false;
  if (f.resource && a.target !== f.resource && a.target.slice(a.target.indexOf(":") + 1) !== f.resource) return false;
  if (f.resourceType && a.target.split(":")[0] !== f.resourceType) return false;
  return kindsFor(f).audit;
}

/** What the timeline must return for a filter without q, in order: "kind:id" strings. */
export function expectedTimeline(seeded: Seeded, filter: HistoryFilter): string[] {
  const entries: Entry[] = [
    ...seeded.events.map((e) => ({ at: e.eventTime, kind: "cloudtrail" as const, id: e.eventId, match: (f: HistoryFilter) => eventMatches(e, f) })),
    ...seeded.audits.map((a) => ({ at: a.at, kind: "audit" as const, id: String(a.seq), match: (f: HistoryFilter) => auditMatches(a, f) })),
  ];
  return entries
    .filter((e) => e.match(filter))
    .sort(compareTimeline)
    .map((e) => `${e.kind}:${e.id}`);
}
