import { requirePermission } from "@/lib/auth/guard";
import { getDb } from "@/lib/db";
import { apiRoute } from "@/lib/http/api-route";
import { parseChangesRequest } from "@/lib/history/request-params";
import { searchTimeline } from "@/lib/history/search-timeline";

// GET /api/v1/changes?from&to&account&region&source&name&actor&resource&resourceType&readOnly&errors&q&kind&range&cursor&limit
// → {"items": [...], "nextCursor": string | null}, newest first; CloudTrail events and audit entries merged.
export const GET = apiRoute(async ({ request }) => {
  await requirePermission("history:read");
  const { filter, limit, cursor } = parseChangesRequest(request.nextUrl.searchParams, new Date());
  return searchTimeline(getDb(), filter, { cursor, limit });
});
