import "server-only";
import type { Db } from "@/lib/db/client";
import { Prisma } from "@/lib/generated/prisma/client";
import { HOUR_MS, planChart } from "./chart-plan";
import { kindsFor, type HistoryFilter } from "./filter";
import { auditWhere, cloudTrailWhere } from "./timeline-sql";

// The charts above the timeline, for exactly the timeline's filter: events over time (per
// stream), top actors, top event names. One pass over the matching rows with GROUPING SETS
// rather than three; whole days and hours of CloudTrail events come from their daily and
// hourly counts where the filter allows. Under a statement timeout: a filter too broad to
// count quickly gets a "narrow the filter" note instead of holding a connection for minutes.

export type ChartBucket = "hour" | "day" | "week";
export type OverTimePoint = { at: string; cloudtrail: number; audit: number };
export type RankedValue = { value: string; count: number };
export type HistoryCharts =
  | { ok: true; bucket: ChartBucket; overTime: OverTimePoint[]; topActors: RankedValue[]; topNames: RankedValue[]; total: number }
  | { ok: false; reason: string };

const DAY = 24 * HOUR_MS;
const bucketMs: Record<ChartBucket, number> = { hour: HOUR_MS, day: DAY, week: 7 * DAY };
const CHART_TIMEOUT_MS = 4000;

/** Hours up to two days, days up to four months, weeks beyond: 24–120 points for the usual ranges. */
export function bucketFor(spanMs: number): ChartBucket {
  if (spanMs <= 2 * DAY) return "hour";
  if (spanMs <= 120 * DAY) return "day";
  return "week";
}

type GroupRow = { bucket: Date | null; kind: string | null; actor: string | null; name: string | null; n: number; g: number };

type Tx = Parameters<Parameters<Db["$transaction"]>[0]>[0];

const isoList = (times: readonly number[]) => times.map((t) => new Date(t).toISOString());

/**
 * The CloudTrail side of the charts, as rows of (kind, at, actor, name, n). When the filter
 * uses only fields the counts keep (lib/cloudtrail/rollup.ts), whole days and hours come from
 * the daily and hourly counts, and the dirty hours (written since they were last counted) and
 * the partial hours at either end from the events (chart-plan.ts). Other filters (full text,
 * resources, an actor's ARN) count the events. Runs in the chart's REPEATABLE READ
 * transaction, so the dirty hours read here are those of the snapshot the chart reads.
 */
async function cloudTrailChartRows(tx: Tx, filter: HistoryFilter & { from: Date; to: Date }, bucket: ChartBucket): Promise<Prisma.Sql[]> {
  const where = countedWhere(filter, Prisma.sql`failed`);
  const eventsWhere = countedWhere(filter, Prisma.sql`(error_code IS NOT NULL OR error_message IS NOT NULL)`);
  if (!where || !eventsWhere) return [Prisma.sql`SELECT 'cloudtrail' AS kind, event_time AS at, actor, event_name AS name, 1 AS n FROM cloudtrail_event WHERE ${cloudTrailWhere(filter)}`];
  const dirty = await tx.$queryRaw<{ hour: Date }[]>`
    SELECT DISTINCT hour FROM cloudtrail_rollup_dirty WHERE hour >= ${new Date(filter.from.getTime() - HOUR_MS)}::timestamptz AND hour <= ${filter.to}::timestamptz`;
  // Daily counts would put a whole day into its first hour's bucket.
  const plan = planChart(filter.from.getTime(), filter.to.getTime(), dirty.map((d) => d.hour.getTime()), { days: bucket !== "hour" });
  const rows: Prisma.Sql[] = [];
  if (plan.days.length) {
    rows.push(Prisma.sql`SELECT 'cloudtrail' AS kind, r.day AS at, r.actor, r.event_name AS name, r.events AS n
      FROM cloudtrail_rollup_day r WHERE r.day = ANY(${isoList(plan.days)}::timestamptz[]) AND ${where}`);
  }
  if (plan.hours.length) {
    rows.push(Prisma.sql`SELECT 'cloudtrail' AS kind, r.hour AS at, r.actor, r.event_name AS name, r.events AS n
      FROM cloudtrail_rollup_hour r WHERE r.hour = ANY(${isoList(plan.hours)}::timestamptz[]) AND ${where}`);
  }
  if (plan.events.length) {
    // Each span through the time index (OFFSET 0 keeps the subquery per span; joined plainly,
    // the planner may read whole partitions for a few hours).
    rows.push(Prisma.sql`SELECT 'cloudtrail' AS kind, e.at, e.actor, e.name, 1 AS n
      FROM unnest(${isoList(plan.events.map((s) => s[0]))}::timestamptz[], ${isoList(plan.events.map((s) => s[1]))}::timestamptz[]) AS s(start, stop)
      CROSS JOIN LATERAL (
        SELECT event_time AS at, actor, event_name AS name FROM cloudtrail_event
        WHERE ${eventsWhere} AND event_time >= s.start AND event_time < s.stop OFFSET 0
      ) e`);
  }
  return rows;
}

/**
 * The filter as conditions on the columns the counts keep, which cloudtrail_event has too
 * (`failed` aside), or null if it uses a field the counts do not keep. On a few hours of
 * events these beat the timeline's search-vector terms for account, region and source,
 * whose index would be read for the whole month.
 */
function countedWhere(filter: HistoryFilter, failed: Prisma.Sql): Prisma.Sql | null {
  if (filter.q || filter.resource || filter.resourceType || filter.actor?.startsWith("arn:")) return null;
  const c: Prisma.Sql[] = [Prisma.sql`TRUE`];
  if (filter.account) c.push(Prisma.sql`account_id = ${filter.account}`);
  if (filter.region) c.push(Prisma.sql`region = ${filter.region}`);
  if (filter.source) c.push(Prisma.sql`event_source = ${filter.source}`);
  if (filter.name) c.push(Prisma.sql`event_name = ${filter.name}`);
  if (filter.actor) c.push(Prisma.sql`actor = ${filter.actor}`);
  if (filter.readOnly !== undefined) c.push(Prisma.sql`read_only = ${filter.readOnly}`);
  if (filter.errors) c.push(failed);
  return Prisma.join(c, " AND ");
}

async function earliest(db: Db): Promise<Date | null> {
  const rows = await db.$queryRaw<{ at: Date | null }[]>`SELECT least((SELECT min(event_time) FROM cloudtrail_event), (SELECT min(at) FROM audit_entry)) AS at`;
  return rows[0]?.at ?? null;
}

function top(rows: GroupRow[], pick: (r: GroupRow) => string | null, limit = 10): RankedValue[] {
  return rows
    .map((r) => ({ value: pick(r) ?? "(none)", count: r.n }))
    .sort((a, b) => b.count - a.count || (a.value < b.value ? -1 : 1))
    .slice(0, limit);
}

/** Charts for a filter whose presets are already resolved. */
export async function queryCharts(db: Db, filter: HistoryFilter, now: Date): Promise<HistoryCharts> {
  const kinds = kindsFor(filter);
  const to = filter.to ?? now;
  const from = filter.from ?? (await earliest(db)) ?? new Date(to.getTime() - DAY);
  const bucket = bucketFor(to.getTime() - from.getTime());
  const width = Prisma.raw(`'1 ${bucket}'::interval`);
  // Buckets line up on whole hours/days (UTC) and on Mondays for weeks.
  const origin = new Date(Date.UTC(2000, 0, 3));
  let rows: GroupRow[] | null;
  try {
    rows = await db.$transaction(
      async (tx) => {
        await tx.$executeRawUnsafe(`SET LOCAL statement_timeout = ${CHART_TIMEOUT_MS}`);
        const branches: Prisma.Sql[] = [];
        if (kinds.cloudtrail) branches.push(...(await cloudTrailChartRows(tx, { ...filter, from, to }, bucket)));
        if (kinds.audit) branches.push(Prisma.sql`SELECT 'audit' AS kind, at, actor, action AS name, 1 AS n FROM audit_entry WHERE ${auditWhere(filter)}`);
        if (!branches.length) return null;
        return tx.$queryRaw<GroupRow[]>`
          SELECT bucket, kind, actor, name, sum(n)::int AS n, GROUPING(bucket, kind, actor, name)::int AS g
          FROM (SELECT date_bin(${width}, at, ${origin}::timestamptz) AS bucket, kind, actor, name, n FROM (${Prisma.join(branches, " UNION ALL ")}) u) x
          GROUP BY GROUPING SETS ((bucket, kind), (actor), (name))`;
      },
      { isolationLevel: "RepeatableRead" },
    );
  } catch (error) {
    if ((error as { message?: string }).message?.includes("statement timeout")) {
      return { ok: false, reason: "Too many events to chart within a few seconds: narrow the time range or add a filter." };
    }
    throw error;
  }
  if (!rows) return { ok: true, bucket, overTime: [], topActors: [], topNames: [], total: 0 };
  // GROUPING bits: bucket 8, kind 4, actor 2, name 1 — a bit is set when that column is rolled up.
  const series = rows.filter((r) => r.g === 3);
  const counts = new Map<number, OverTimePoint>();
  for (const r of series) {
    const at = (r.bucket as Date).getTime();
    const point = counts.get(at) ?? { at: new Date(at).toISOString(), cloudtrail: 0, audit: 0 };
    point[r.kind === "audit" ? "audit" : "cloudtrail"] += r.n;
    counts.set(at, point);
  }
  const step = bucketMs[bucket];
  const first = Math.floor((from.getTime() - origin.getTime()) / step) * step + origin.getTime();
  const overTime: OverTimePoint[] = [];
  for (let at = first; at <= to.getTime() && overTime.length < 2000; at += step) overTime.push(counts.get(at) ?? { at: new Date(at).toISOString(), cloudtrail: 0, audit: 0 });
  return {
    ok: true,
    bucket,
    overTime,
    topActors: top(rows.filter((r) => r.g === 13), (r) => r.actor),
    topNames: top(rows.filter((r) => r.g === 14), (r) => r.name),
    total: series.reduce((sum, r) => sum + r.n, 0),
  };
}
