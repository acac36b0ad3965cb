import "server-only";
import { searchPhraseOf } from "@/lib/cloudtrail/search-vector";
import type { Db } from "@/lib/db/client";
import { cloudTrailPhraseMatch } from "./timeline-sql";
import { auditEntriesForEvent, eventsForAuditEntry, policyLinksFor, type LinkedAuditEntry, type LinkedEvent, type PolicyVersionLink } from "./related-changes";
import type { EventFacts } from "@/lib/cloudtrail/normalize-event";

// One CloudTrail event or one audit entry in full, with what it is linked to.

export type CloudTrailEventDetail = EventFacts & {
  eventId: string;
  at: Date;
  account: string;
  region: string;
  source: string;
  name: string;
  origin: string;
  ingestedAt: Date;
  record: Record<string, unknown>;
  policies: PolicyVersionLink[];
  auditEntries: LinkedAuditEntry[];
};

type EventRow = Omit<CloudTrailEventDetail, "policies" | "auditEntries">;

/**
 * The event with this CloudTrail eventID. The table is keyed by (time, id); an id alone is
 * found through the full-text index, which sketches every event id (see search-vector.ts).
 */
export async function getCloudTrailEvent(db: Db, eventId: string): Promise<CloudTrailEventDetail | null> {
  const phrase = eventId.length <= 200 ? searchPhraseOf(eventId) : null;
  if (!phrase) return null;
  const rows = await db.$queryRaw<EventRow[]>`
    SELECT event_id AS "eventId", event_time AS at, account_id AS account, region, event_source AS source, event_name AS name,
           actor, actor_arn AS "actorArn", principal_type AS "principalType", access_key_id AS "accessKeyId", source_ip AS "sourceIp",
           user_agent AS "userAgent", read_only AS "readOnly", error_code AS "errorCode", error_message AS "errorMessage",
           aws_request_id AS "awsRequestId", flightdeck_request_id AS "flightdeckRequestId", resources, origin,
           ingested_at AS "ingestedAt", record::json AS record
    FROM cloudtrail_event
    WHERE ${cloudTrailPhraseMatch(phrase)} AND event_id = ${eventId}
    LIMIT 1`;
  const row = rows[0];
  if (!row) return null;
  const policies = row.source === "route53.amazonaws.com" ? await policyLinksFor(db, row.record) : [];
  const auditEntries = await auditEntriesForEvent(db, { eventTime: row.at, awsRequestId: row.awsRequestId, flightdeckRequestId: row.flightdeckRequestId, record: row.record }, policies);
  return { ...row, policies, auditEntries };
}

export type AuditEntryDetail = {
  seq: string;
  at: Date;
  actor: string;
  actorRole: string | null;
  action: string;
  target: string;
  before: unknown;
  after: unknown;
  requestId: string;
  prevHash: string;
  hash: string;
  events: LinkedEvent[];
};

export async function getAuditEntry(db: Db, seq: string): Promise<AuditEntryDetail | null> {
  if (!/^\d{1,19}$/.test(seq)) return null;
  const entry = await db.auditEntry.findUnique({ where: { seq: BigInt(seq) } });
  if (!entry) return null;
  const events = await eventsForAuditEntry(db, { at: entry.at, requestId: entry.requestId, before: entry.before, after: entry.after });
  return { ...entry, seq: entry.seq.toString(), events };
}
