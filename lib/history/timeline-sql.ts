import { lastSegment } from "@/lib/cloudtrail/actor";
import { searchQueryText, searchWords } from "@/lib/cloudtrail/search-text";
import { filterTermQuery, type PhraseQuery, searchQueryOf, type TermFilter } from "@/lib/cloudtrail/search-vector";
import { Prisma } from "@/lib/generated/prisma/client";
import type { TimelineCursor } from "./cursor";
import type { HistoryFilter } from "./filter";

// The WHERE clauses of the two streams the timeline merges, from one filter. Values are
// always bound parameters. Each CloudTrail condition is written the way its index is
// (see 003.do.history.sql and 005.do.history-ingest.sql), so the planner can walk the index
// newest-first:
//   event name, actor       → (column, event_time, event_id) btrees
//   errors / writes only    → partial (event_time, event_id) btrees
//   q                       → GIN on search_vector, with a tsquery built by the same code
//                             that built the vectors (lib/cloudtrail/search-vector.ts)
//   account, region, source, resource, resource type
//                           → the same GIN, through the vector's "<filter>:<value>" terms;
//                             common values are found walking the time index, rare ones
//                             from the GIN, whichever the planner prices cheaper

const and = (conditions: Prisma.Sql[]): Prisma.Sql => (conditions.length ? Prisma.join(conditions, " AND ") : Prisma.sql`TRUE`);

/** Audit entries' vectors come from PostgreSQL's own parser (003.do.history.sql, 008), so their queries are parsed by it too. */
function auditTsQuery(q: string): Prisma.Sql {
  return Prisma.sql`websearch_to_tsquery('simple'::regconfig, ${searchQueryText(q)})`;
}

/**
 * Events holding a phrase: the GIN index finds the candidates (identifiers by their sketch
 * terms) and the identifiers column confirms each identifier exactly.
 */
export function cloudTrailPhraseMatch(phrase: PhraseQuery): Prisma.Sql {
  const exact = phrase.identifiers.map((identifier) => Prisma.sql`strpos(identifiers, ${` ${identifier} `}) > 0`);
  return and([Prisma.sql`search_vector @@ ${phrase.tsquery}::tsquery`, ...exact]);
}

/** A query without a single word matches nothing, as websearch_to_tsquery's empty query does. */
function cloudTrailFullText(q: string): Prisma.Sql {
  const alternatives = searchQueryOf(q);
  if (!alternatives) return Prisma.sql`FALSE`;
  const matches = alternatives.map((terms) =>
    and(terms.map(({ negated, phrase }) => (negated ? Prisma.sql`NOT (${cloudTrailPhraseMatch(phrase)})` : cloudTrailPhraseMatch(phrase)))),
  );
  return matches.length === 1 ? (matches[0] as Prisma.Sql) : Prisma.sql`(${Prisma.join(matches.map((m) => Prisma.sql`(${m})`), " OR ")})`;
}

const term = (filter: TermFilter, value: string): Prisma.Sql => Prisma.sql`search_vector @@ ${filterTermQuery(filter, value)}::tsquery`;

export function cloudTrailWhere(filter: HistoryFilter, cursor?: TimelineCursor): Prisma.Sql {
  const c: Prisma.Sql[] = [];
  if (filter.from) c.push(Prisma.sql`event_time >= ${filter.from}::timestamptz`);
  if (filter.to) c.push(Prisma.sql`event_time <= ${filter.to}::timestamptz`);
  if (filter.account) c.push(term("account", filter.account));
  if (filter.region) c.push(term("region", filter.region));
  if (filter.source) c.push(term("source", filter.source));
  if (filter.name) c.push(Prisma.sql`event_name = ${filter.name}`);
  // An ARN has no index of its own, but its last part is the actor (user, session, "root"),
  // so the actor index narrows first.
  if (filter.actor) {
    const arn = filter.actor.startsWith("arn:");
    c.push(arn ? Prisma.sql`actor = ${lastSegment(filter.actor)} AND actor_arn = ${filter.actor}` : Prisma.sql`actor = ${filter.actor}`);
  }
  if (filter.resource) c.push(term("resource", filter.resource));
  if (filter.resourceType) c.push(term("type", filter.resourceType));
  if (filter.readOnly !== undefined) c.push(Prisma.sql`read_only = ${filter.readOnly}`);
  if (filter.errors) c.push(Prisma.sql`(error_code IS NOT NULL OR error_message IS NOT NULL)`);
  if (filter.q) c.push(cloudTrailFullText(filter.q));
  if (cursor) {
    // A cursor on an audit entry at time T: every CloudTrail event at T came before it.
    c.push(
      cursor.kind === "cloudtrail"
        ? Prisma.sql`(event_time, event_id) < (${cursor.at}::timestamptz, ${cursor.id}::text)`
        : Prisma.sql`event_time < ${cursor.at}::timestamptz`,
    );
  }
  return and(c);
}

/** Audit entries' words, generated from their columns (008.do.audit-search-vector.sql), under a GIN index. */
const auditDocument = Prisma.sql`search_vector`;

/**
 * Action and target have no index of their own; every word of them is in the audit
 * entries' full-text index, so an exact match is first narrowed through that index.
 */
function auditMentions(value: string): Prisma.Sql {
  return Prisma.sql`${auditDocument} @@ phraseto_tsquery('simple'::regconfig, ${searchWords(value)})`;
}

export function auditWhere(filter: HistoryFilter, cursor?: TimelineCursor): Prisma.Sql {
  const c: Prisma.Sql[] = [];
  if (filter.from) c.push(Prisma.sql`at >= ${filter.from}::timestamptz`);
  if (filter.to) c.push(Prisma.sql`at <= ${filter.to}::timestamptz`);
  if (filter.name) c.push(Prisma.sql`${auditMentions(filter.name)} AND action = ${filter.name}`);
  if (filter.actor) c.push(Prisma.sql`actor = ${filter.actor}`);
  // Targets read "kind:name" (service:metasearch-flights): the resource filter takes either form.
  if (filter.resource) c.push(Prisma.sql`${auditMentions(filter.resource)} AND (target = ${filter.resource} OR substr(target, strpos(target, ':') + 1) = ${filter.resource})`);
  if (filter.resourceType) c.push(Prisma.sql`${auditMentions(filter.resourceType)} AND split_part(target, ':', 1) = ${filter.resourceType}`);
  if (filter.q) c.push(Prisma.sql`${auditDocument} @@ ${auditTsQuery(filter.q)}`);
  if (cursor) {
    c.push(
      cursor.kind === "audit"
        ? Prisma.sql`(at, seq) < (${cursor.at}::timestamptz, ${BigInt(cursor.id)}::bigint)`
        : Prisma.sql`at <= ${cursor.at}::timestamptz`,
    );
  }
  return and(c);
}

/** Columns both streams return, in the same order and types, so they can be UNIONed. */
export const cloudTrailColumns = Prisma.sql`'cloudtrail'::text AS kind, event_time AS at, event_id AS id, event_id AS sort_id,
  account_id AS account, region, event_source AS source, event_name AS name, actor, actor_arn, principal_type,
  access_key_id, source_ip, user_agent, read_only, error_code, error_message, aws_request_id, flightdeck_request_id,
  resources, NULL::text AS target, NULL::text AS actor_role`;

export const auditColumns = Prisma.sql`'audit'::text AS kind, at, seq::text AS id, lpad(seq::text, 20, '0') AS sort_id,
  NULL::text AS account, NULL::text AS region, 'flightdeck'::text AS source, action AS name, actor, NULL::text AS actor_arn,
  NULL::text AS principal_type, NULL::text AS access_key_id, NULL::text AS source_ip, NULL::text AS user_agent,
  false AS read_only, NULL::text AS error_code, NULL::text AS error_message, NULL::text AS aws_request_id,
  request_id AS flightdeck_request_id, '[]'::jsonb AS resources, target, actor_role`;

/** What an export adds: the full record, or an audit entry's before/after and chain hashes. */
export const cloudTrailDetailColumns = Prisma.sql`record::json AS record, NULL::jsonb AS before, NULL::jsonb AS after, NULL::text AS hash`;
export const auditDetailColumns = Prisma.sql`NULL::json AS record, before, after, hash`;
