import "server-only";
import { uuidsIn } from "@/lib/cloudtrail/request-link";
import { searchPhraseOf } from "@/lib/cloudtrail/search-vector";
import type { Db } from "@/lib/db/client";
import { Prisma } from "@/lib/generated/prisma/client";
import { policyReferences } from "./route53-links";
import { cloudTrailPhraseMatch } from "./timeline-sql";

// Links between a Route 53 call in CloudTrail and the Flightdeck action that made it, both
// ways. Three independent clues, strongest first:
//   1. the call's user agent carries Flightdeck's request id (lib/cloudtrail/request-link.ts);
//   2. the call names a traffic policy version that a Flightdeck traffic operation pointed
//      the record at, at that time (traffic_operation.request_id = audit_entry.request_id);
//   3. the audit entry's before/after holds the AWS request id of the call.

const WINDOW_MS = 15 * 60_000;

export type PolicyVersionLink = { serviceSlug: string; serviceName: string; policyId: string; version: number | null; instanceId: string | null };
export type LinkedAuditEntry = { seq: string; at: Date; actor: string; action: string; target: string; via: string };
export type LinkedEvent = { eventId: string; at: Date; name: string; actor: string | null; errorCode: string | null; via: string };

type EventFacts = { eventTime: Date; awsRequestId: string | null; flightdeckRequestId: string | null; record: unknown };

/** Traffic policy versions an event names that Flightdeck manages, with their service. */
export async function policyLinksFor(db: Db, record: unknown): Promise<PolicyVersionLink[]> {
  const links: PolicyVersionLink[] = [];
  for (const ref of policyReferences(record).slice(0, 5)) {
    const rows = await db.$queryRaw<{ slug: string; name: string }[]>`
      SELECT s.slug, s.name FROM traffic_policy tp JOIN service s ON s.id = tp.service_id WHERE tp.route53_policy_id = ${ref.policyId}`;
    for (const row of rows) links.push({ serviceSlug: row.slug, serviceName: row.name, ...ref });
  }
  return links;
}

export async function auditEntriesForEvent(db: Db, event: EventFacts, policies: PolicyVersionLink[]): Promise<LinkedAuditEntry[]> {
  const from = new Date(event.eventTime.getTime() - WINDOW_MS);
  const to = new Date(event.eventTime.getTime() + WINDOW_MS);
  const clues: Prisma.Sql[] = [];
  if (event.flightdeckRequestId) clues.push(Prisma.sql`SELECT ${event.flightdeckRequestId}::text AS request_id, 'request id in the user agent' AS via`);
  for (const p of policies.filter((p) => p.version !== null)) {
    // The operation that pointed the record at this version, running when the call was made.
    clues.push(Prisma.sql`SELECT o.request_id, 'traffic operation on v' || tv.version AS via
      FROM traffic_operation o JOIN traffic_version tv ON tv.id = o.version_id JOIN service s ON s.id = o.service_id
      WHERE s.slug = ${p.serviceSlug} AND tv.version = ${p.version}
        AND o.started_at <= ${to}::timestamptz AND coalesce(o.finished_at, now()) >= ${from}::timestamptz`);
  }
  const byRequest = clues.length
    ? await db.$queryRaw<LinkedAuditEntry[]>`
        SELECT a.seq::text AS seq, a.at, a.actor, a.action, a.target, c.via
        FROM (${Prisma.join(clues, " UNION ")}) c JOIN audit_entry a ON a.request_id = c.request_id
        ORDER BY a.seq LIMIT 20`
    : [];
  const byAwsRequest = event.awsRequestId
    ? await db.$queryRaw<LinkedAuditEntry[]>`
        SELECT seq::text AS seq, at, actor, action, target, 'AWS request id in the entry' AS via FROM audit_entry
        WHERE at BETWEEN ${from}::timestamptz AND ${to}::timestamptz
          AND strpos(lower(coalesce(before::text, '') || coalesce(after::text, '')), ${event.awsRequestId.toLowerCase()}) > 0
        ORDER BY seq LIMIT 20`
    : [];
  const seen = new Set<string>();
  return [...byRequest, ...byAwsRequest].filter((e) => !seen.has(e.seq) && seen.add(e.seq));
}

type AuditFacts = { at: Date; requestId: string; before: unknown; after: unknown };

export async function eventsForAuditEntry(db: Db, entry: AuditFacts): Promise<LinkedEvent[]> {
  const from = new Date(entry.at.getTime() - WINDOW_MS);
  const to = new Date(entry.at.getTime() + WINDOW_MS);
  const columns = Prisma.sql`event_id AS "eventId", event_time AS at, event_name AS name, actor, error_code AS "errorCode"`;
  const tagged = await db.$queryRaw<LinkedEvent[]>`
    SELECT ${columns}, 'request id in the user agent' AS via FROM cloudtrail_event
    WHERE flightdeck_request_id = ${entry.requestId} ORDER BY event_time LIMIT 50`;
  const operations = await db.$queryRaw<{ policy_id: string; version: number | null; started_at: Date; finished_at: Date | null }[]>`
    SELECT tp.route53_policy_id AS policy_id, tv.version, o.started_at, o.finished_at
    FROM traffic_operation o JOIN traffic_version tv ON tv.id = o.version_id JOIN traffic_policy tp ON tp.service_id = o.service_id
    WHERE o.request_id = ${entry.requestId} LIMIT 5`;
  const byPolicy: LinkedEvent[] = [];
  for (const op of operations) {
    const phrase = searchPhraseOf(op.policy_id);
    if (!phrase) continue;
    const opFrom = new Date(op.started_at.getTime() - 60_000);
    const opTo = new Date((op.finished_at ?? op.started_at).getTime() + 5 * 60_000);
    const candidates = await db.$queryRaw<(LinkedEvent & { record: unknown })[]>`
      SELECT ${columns}, record::json AS record, 'traffic operation on v' || ${op.version ?? 0}::int AS via FROM cloudtrail_event
      WHERE event_time BETWEEN ${opFrom}::timestamptz AND ${opTo}::timestamptz AND event_source = 'route53.amazonaws.com'
        AND ${cloudTrailPhraseMatch(phrase)}
      ORDER BY event_time LIMIT 50`;
    for (const c of candidates) {
      const refs = policyReferences(c.record);
      if (refs.some((r) => r.policyId === op.policy_id && (r.version === null || r.version === op.version))) byPolicy.push({ eventId: c.eventId, at: c.at, name: c.name, actor: c.actor, errorCode: c.errorCode, via: c.via });
    }
  }
  const awsIds = uuidsIn([entry.before, entry.after]);
  const byAwsRequest = awsIds.length
    ? await db.$queryRaw<LinkedEvent[]>`
        SELECT ${columns}, 'AWS request id in the entry' AS via FROM cloudtrail_event
        WHERE event_time BETWEEN ${from}::timestamptz AND ${to}::timestamptz AND lower(aws_request_id) = ANY(${awsIds}::text[])
        ORDER BY event_time LIMIT 50`
    : [];
  const seen = new Set<string>();
  return [...tagged, ...byPolicy, ...byAwsRequest].filter((e) => !seen.has(e.eventId) && seen.add(e.eventId));
}
