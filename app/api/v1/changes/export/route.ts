import { appendAudit } from "@/lib/audit/audit-log";
import { requirePermission } from "@/lib/auth/guard";
import { getDb } from "@/lib/db";
import { apiRoute } from "@/lib/http/api-route";
import { exportStream } from "@/lib/history/export-changes";
import { exportFileName, parseChangesRequest, parseExportFormat } from "@/lib/history/request-params";

// GET /api/v1/changes/export?format=csv|json&…the filters of /api/v1/changes
// → the whole filtered timeline as a streamed file (never held in memory).
// Every export is an audit entry (who took which slice of the history out), written before
// the first byte is sent.
export const GET = apiRoute(async ({ request, requestId }) => {
  const actor = await requirePermission("history:export");
  const params = request.nextUrl.searchParams;
  const now = new Date();
  const format = parseExportFormat(params);
  const { filter } = parseChangesRequest(params, now);
  const fileName = exportFileName(format, now);
  const db = getDb();
  await db.$transaction((tx) =>
    appendAudit(tx, { actor: actor.label, actorRole: actor.role, action: "history.export", target: `export:${fileName}`, after: { format, filter }, requestId }),
  );
  const body = exportStream(db, filter, format, { exportedAt: now, exportedBy: actor.label });
  return new Response(body, {
    headers: {
      "Content-Type": format === "csv" ? "text/csv; charset=utf-8" : "application/json; charset=utf-8",
      "Content-Disposition": `attachment; filename="${fileName}"`,
      "x-request-id": requestId,
      "Cache-Control": "no-store",
      "X-Content-Type-Options": "nosniff",
    },
  });
});
