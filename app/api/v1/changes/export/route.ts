import { requirePermission } from "@/lib/auth/guard";
import { getDb } from "@/lib/db";
import { apiRoute } from "@/lib/http/api-route";
import { exportStream } from "@/lib/history/export-changes";
import { exportFileName, parseChangesRequest, parseExportFormat } from "@/lib/history/request-params";

// GET /api/v1/changes/export?format=csv|json&…the filters of /api/v1/changes
// → the whole filtered timeline as a streamed file (never held in memory).
export const GET = apiRoute(async ({ request }) => {
  const actor = await requirePermission("history:export");
  const params = request.nextUrl.searchParams;
  const now = new Date();
  const format = parseExportFormat(params);
  const { filter } = parseChangesRequest(params, now);
  const body = exportStream(getDb(), filter, format, { exportedAt: now, exportedBy: actor.label });
  return new Response(body, {
    headers: {
      "Content-Type": format === "csv" ? "text/csv; charset=utf-8" : "application/json; charset=utf-8",
      "Content-Disposition": `attachment; filename="${exportFileName(format, now)}"`,
      "Cache-Control": "no-store",
      "X-Content-Type-Options": "nosniff",
    },
  });
});
