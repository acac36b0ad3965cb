import "server-only";
import type { EventFacts, EventResource } from "@/lib/cloudtrail/normalize-event";
import type { Db } from "@/lib/db/client";
import { Prisma } from "@/lib/generated/prisma/client";
import { decodeCursor, encodeCursor, type TimelineCursor } from "./cursor";
import { kindsFor, type HistoryFilter, type HistoryKind } from "./filter";
import { queryWithFullText, usesFullText } from "./full-text-plan";
import { auditColumns, auditDetailColumns, auditWhere, cloudTrailColumns, cloudTrailDetailColumns, cloudTrailWhere } from "./timeline-sql";

// One page of the merged timeline: CloudTrail events and Flightdeck's audit entries that
// match the filter, newest first. Each stream is read newest-first through its own index
// and cut to the page size before the two are merged, so a page costs about `limit` rows
// per stream however large the tables are.

export type TimelineResource = EventResource;

/** flightdeckRequestId is an audit entry's own request id, or the one a CloudTrail event carries. */
export type TimelineItem = EventFacts & {
  kind: HistoryKind;
  /** CloudTrail eventID, or the audit entry's sequence number. */
  id: string;
  at: string;
  account: string | null;
  region: string | null;
  source: string;
  name: string;
  actorRole: string | null;
  /** Audit entries: what was acted on, e.g. service:metasearch-flights. */
  target: string | null;
};

export type TimelineDetail = { record: unknown; before: unknown; after: unknown; hash: string | null };

export type TimelinePage<T = TimelineItem> = { items: T[]; nextCursor: string | null };

type Row = {
  kind: HistoryKind; at: Date; id: string; account: string | null; region: string | null; source: string; name: string;
  actor: string | null; actor_arn: string | null; principal_type: string | null; actor_role: string | null;
  access_key_id: string | null; source_ip: string | null; user_agent: string | null; read_only: boolean | null;
  error_code: string | null; error_message: string | null; aws_request_id: string | null; flightdeck_request_id: string | null;
  resources: unknown; target: string | null; record?: unknown; before?: unknown; after?: unknown; hash?: string | null;
};

export const MAX_PAGE = 1000;

function toItem(row: Row): TimelineItem {
  return {
    kind: row.kind,
    id: row.id,
    at: row.at.toISOString(),
    account: row.account,
    region: row.region,
    source: row.source,
    name: row.name,
    actor: row.actor,
    actorArn: row.actor_arn,
    principalType: row.principal_type,
    actorRole: row.actor_role,
    accessKeyId: row.access_key_id,
    sourceIp: row.source_ip,
    userAgent: row.user_agent,
    readOnly: row.read_only,
    errorCode: row.error_code,
    errorMessage: row.error_message,
    awsRequestId: row.aws_request_id,
    flightdeckRequestId: row.flightdeck_request_id,
    resources: Array.isArray(row.resources) ? (row.resources as TimelineResource[]) : [],
    target: row.target,
  };
}

async function queryRows(db: Db, filter: HistoryFilter, cursor: TimelineCursor | undefined, take: number, detail: boolean): Promise<Row[]> {
  const kinds = kindsFor(filter);
  const branches: Prisma.Sql[] = [];
  if (kinds.cloudtrail) {
    const columns = detail ? Prisma.sql`${cloudTrailColumns}, ${cloudTrailDetailColumns}` : cloudTrailColumns;
    branches.push(Prisma.sql`(SELECT ${columns} FROM cloudtrail_event WHERE ${cloudTrailWhere(filter, cursor)}
      ORDER BY event_time DESC, event_id DESC LIMIT ${take})`);
  }
  if (kinds.audit) {
    const columns = detail ? Prisma.sql`${auditColumns}, ${auditDetailColumns}` : auditColumns;
    branches.push(Prisma.sql`(SELECT ${columns} FROM audit_entry WHERE ${auditWhere(filter, cursor)} ORDER BY at DESC, seq DESC LIMIT ${take})`);
  }
  if (!branches.length) return [];
  const union = Prisma.join(branches, " UNION ALL ");
  const query = Prisma.sql`SELECT * FROM (${union}) merged ORDER BY at DESC, kind DESC, sort_id DESC LIMIT ${take}`;
  const fullText = kinds.cloudtrail && usesFullText(filter)
    ? {
        matches: Prisma.sql`SELECT 1 FROM cloudtrail_event WHERE ${cloudTrailWhere(filter, cursor)}`,
        walked: Prisma.sql`SELECT 1 FROM cloudtrail_event WHERE ${cloudTrailWhere({ ...filter, q: undefined }, cursor)}`,
      }
    : null;
  return queryWithFullText<Row>(db, query, take, fullText);
}

function pageOf<T>(rows: Row[], limit: number, map: (row: Row) => T): TimelinePage<T> {
  const items = rows.slice(0, limit);
  const last = rows.length > limit ? items[items.length - 1] : undefined;
  return { items: items.map(map), nextCursor: last ? encodeCursor({ at: last.at, kind: last.kind, id: last.id }) : null };
}

export type TimelineQuery = { cursor?: string | TimelineCursor; limit?: number };

function parseQuery(query: TimelineQuery): { cursor: TimelineCursor | undefined; limit: number } {
  const limit = Math.min(Math.max(Math.trunc(query.limit ?? 50), 1), MAX_PAGE);
  const cursor = typeof query.cursor === "string" ? decodeCursor(query.cursor) : query.cursor;
  return { cursor, limit };
}

/** A page of the timeline for the filter (resolve presets first). */
export async function searchTimeline(db: Db, filter: HistoryFilter, query: TimelineQuery = {}): Promise<TimelinePage> {
  const { cursor, limit } = parseQuery(query);
  return pageOf(await queryRows(db, filter, cursor, limit + 1, false), limit, toItem);
}

/** The same page with each item's full record (CloudTrail) or before/after and hash (audit), for exports. */
export async function searchTimelineDetailed(db: Db, filter: HistoryFilter, query: TimelineQuery = {}): Promise<TimelinePage<TimelineItem & TimelineDetail>> {
  const { cursor, limit } = parseQuery(query);
  return pageOf(await queryRows(db, filter, cursor, limit + 1, true), limit, (row) => ({
    ...toItem(row),
    record: row.record ?? null,
    before: row.before ?? null,
    after: row.after ?? null,
    hash: row.hash ?? null,
  }));
}
