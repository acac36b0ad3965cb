import "server-only";
import type { Db } from "@/lib/db/client";
import { Prisma } from "@/lib/generated/prisma/client";
import type { HistoryFilter } from "./filter";

// Full-text filters and the planner. Given "newest 50 matching X", PostgreSQL likes to walk
// the time index backwards and test each row's search vector: a term in 0.1 % of events then
// costs tens of thousands of heap fetches and tests before a page is full. For a term with
// few matches it is far cheaper to take them all from the GIN index and sort.
// So: ask the planner how many rows match; if few, run the query with plain index scans
// off (bitmap scans, which the GIN index serves, stay on); if many, matches are dense and
// the time-ordered walk finds a page quickly.

/** Up to this many estimated matches the GIN index is used and the matches sorted. */
export const BITMAP_MAX_ROWS = 20_000;

/** Filters whose CloudTrail condition goes through search_vector. */
export function usesFullText(filter: HistoryFilter): boolean {
  return Boolean(filter.q);
}

type ExplainRow = { "QUERY PLAN": [{ Plan: { "Plan Rows": number } }] };

/** The planner's estimate of the rows a query returns (planning only, nothing is read). */
export async function estimatedRows(db: Db, query: Prisma.Sql): Promise<number> {
  const rows = await db.$queryRaw<ExplainRow[]>`EXPLAIN (FORMAT JSON) ${query}`;
  return rows[0]?.["QUERY PLAN"][0]?.Plan["Plan Rows"] ?? Number.POSITIVE_INFINITY;
}

/** Runs `query`, with plain index scans off when `matches` (a count query of the full-text rows) is estimated small. */
export async function queryWithFullText<T>(db: Db, query: Prisma.Sql, matches: Prisma.Sql | null): Promise<T[]> {
  if (!matches || (await estimatedRows(db, matches)) > BITMAP_MAX_ROWS) return db.$queryRaw<T[]>(query);
  return db.$transaction(async (tx) => {
    await tx.$executeRawUnsafe("SET LOCAL enable_indexscan = off");
    await tx.$executeRawUnsafe("SET LOCAL enable_indexonlyscan = off");
    return tx.$queryRaw<T[]>(query);
  });
}
