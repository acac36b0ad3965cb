import { AppError } from "@/lib/errors";
import type { ExportFormat } from "./export-changes";
import { parseHistoryFilter, resolveRange, type HistoryFilter } from "./filter";
import { MAX_PAGE } from "./search-timeline";

// The REST API's parameters besides the filter: page size, cursor, export format.

export type ChangesRequest = { filter: HistoryFilter; limit: number; cursor: string | undefined };

function parseLimit(value: string | null): number {
  if (value === null || value === "") return 50;
  if (!/^\d+$/.test(value) || Number(value) < 1 || Number(value) > MAX_PAGE) {
    throw new AppError("invalid", `limit must be a whole number from 1 to ${MAX_PAGE}.`, { fieldErrors: { limit: [`use 1–${MAX_PAGE}`] } });
  }
  return Number(value);
}

/** Filter (presets resolved against `now`), limit and cursor from a request's query string. */
export function parseChangesRequest(params: URLSearchParams, now: Date): ChangesRequest {
  return { filter: resolveRange(parseHistoryFilter(params), now), limit: parseLimit(params.get("limit")), cursor: params.get("cursor") || undefined };
}

export function parseExportFormat(params: URLSearchParams): ExportFormat {
  const format = params.get("format") ?? "csv";
  if (format !== "csv" && format !== "json") throw new AppError("invalid", "format must be csv or json.", { fieldErrors: { format: ["use csv or json"] } });
  return format;
}

export function exportFileName(format: ExportFormat, now: Date): string {
  return `flightdeck-changes-${now.toISOString().slice(0, 19).replace(/[-:]/g, "").replace("T", "-")}.${format}`;
}
