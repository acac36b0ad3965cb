import "server-only";
import type { Db } from "@/lib/db/client";
import { csvLine } from "./csv";
import type { HistoryFilter } from "./filter";
import { searchTimelineDetailed, type TimelineDetail, type TimelineItem } from "./search-timeline";

// Exports of the current filter as CSV or JSON, produced while they are downloaded: the
// timeline is read in keyset pages and each page is written before the next is read, so
// memory holds one page whatever the export's size, and a client that reads slowly slows
// the reading down (pull-based stream) instead of buffering the result.

export type ExportFormat = "csv" | "json";
export type ExportRow = TimelineItem & TimelineDetail;

export const EXPORT_PAGE = 1000;

/** Every row of the filter, page by page. */
export async function* exportRows(db: Db, filter: HistoryFilter, pageSize = EXPORT_PAGE): AsyncGenerator<ExportRow[]> {
  let cursor: string | undefined;
  for (;;) {
    const page = await searchTimelineDetailed(db, filter, { cursor, limit: pageSize });
    if (page.items.length) yield page.items;
    if (!page.nextCursor) return;
    cursor = page.nextCursor;
  }
}

export const csvColumns = [
  "time", "kind", "id", "account", "region", "source", "name", "actor", "actor_arn", "principal_type", "access_key_id",
  "source_ip", "user_agent", "read_only", "error_code", "error_message", "resources", "aws_request_id",
  "flightdeck_request_id", "target", "details",
] as const;

function details(row: ExportRow): string {
  if (row.kind === "audit") return JSON.stringify({ before: row.before, after: row.after });
  const record = (row.record ?? {}) as Record<string, unknown>;
  return JSON.stringify({ requestParameters: record.requestParameters ?? null, responseElements: record.responseElements ?? null });
}

export function csvRow(row: ExportRow): string {
  return csvLine([
    row.at, row.kind, row.id, row.account, row.region, row.source, row.name, row.actor, row.actorArn, row.principalType,
    row.accessKeyId, row.sourceIp, row.userAgent, row.readOnly === null ? "" : String(row.readOnly), row.errorCode,
    row.errorMessage, row.resources.map((r) => (r.type ? `${r.type}:${r.arn ?? r.name}` : (r.arn ?? r.name))).join(" "),
    row.awsRequestId, row.flightdeckRequestId, row.target, details(row),
  ]);
}

/** A JSON export item: the timeline item plus the full CloudTrail record or the audit entry's before/after/hash. */
function jsonItem(row: ExportRow): string {
  const { record, before, after, hash, ...item } = row;
  return JSON.stringify(row.kind === "audit" ? { ...item, before, after, hash } : { ...item, record });
}

/** The export as a byte stream, pulled page by page. */
export function exportStream(db: Db, filter: HistoryFilter, format: ExportFormat, meta: { exportedAt: Date; exportedBy: string }): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  const pages = exportRows(db, filter);
  let started = false;
  let first = true;
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      try {
        if (!started) {
          started = true;
          const head =
            format === "csv"
              ? csvLine(csvColumns)
              : `{"exportedAt":${JSON.stringify(meta.exportedAt.toISOString())},"exportedBy":${JSON.stringify(meta.exportedBy)},"filter":${JSON.stringify(filter)},"items":[\n`;
          controller.enqueue(encoder.encode(head));
          return;
        }
        const next = await pages.next();
        if (next.done) {
          if (format === "json") controller.enqueue(encoder.encode("\n]}\n"));
          controller.close();
          return;
        }
        const body =
          format === "csv"
            ? next.value.map(csvRow).join("")
            : next.value.map((row) => { const text = (first ? "" : ",\n") + jsonItem(row); first = false; return text; }).join("");
        controller.enqueue(encoder.encode(body));
      } catch (error) {
        controller.error(error);
      }
    },
    async cancel() {
      await pages.return(undefined);
    },
  });
}
