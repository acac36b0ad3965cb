import "server-only";
import type { Db } from "@/lib/db/client";
import { isAppError } from "@/lib/errors";
import { filterKeys, filterToParams, parseHistoryFilter, resolveRange, type HistoryFilter } from "./filter";
import { loadFilterOptions, type FilterOptions } from "./filter-options";
import { searchTimeline, type TimelinePage } from "./search-timeline";

// Everything the change-history page shows except the charts (streamed separately): the
// filter as typed, as parsed, one page of the timeline and the form's options. A filter or
// cursor that does not parse is shown as a message over an empty page, not as an error page.

export type HistoryView = {
  /** The URL's filter values as strings, for the form. */
  values: Partial<Record<(typeof filterKeys)[number], string>>;
  /** The parsed filter with its preset resolved; what the timeline and charts use. */
  filter: HistoryFilter;
  /** The filter as URL parameters, without a cursor (for links: export, first page, charts). */
  params: string;
  page: TimelinePage;
  isFirstPage: boolean;
  options: FilterOptions;
  error: string | null;
};

export const HISTORY_PAGE_SIZE = 50;

export async function loadHistoryView(db: Db, raw: Record<string, string | string[] | undefined>, now: Date): Promise<HistoryView> {
  const first = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);
  const values = Object.fromEntries(filterKeys.flatMap((key) => (first(raw[key]) ? [[key, first(raw[key]) as string]] : [])));
  const options = loadFilterOptions(db);
  let parsed: HistoryFilter = {};
  let error: string | null = null;
  try {
    parsed = parseHistoryFilter(raw);
  } catch (e) {
    if (!isAppError(e)) throw e;
    error = e.message;
  }
  const filter = resolveRange(parsed, now);
  const cursor = first(raw.cursor);
  let page: TimelinePage = { items: [], nextCursor: null };
  if (!error) {
    try {
      page = await searchTimeline(db, filter, { cursor, limit: HISTORY_PAGE_SIZE });
    } catch (e) {
      if (!isAppError(e)) throw e;
      error = e.message;
    }
  }
  return { values, filter, params: filterToParams(parsed).toString(), page, isFirstPage: !cursor, options: await options, error };
}
