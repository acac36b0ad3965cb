import { requirePermission } from "@/lib/auth/guard";
import { getDb } from "@/lib/db";
import { apiRoute } from "@/lib/http/api-route";
import { parseInput } from "@/lib/mutations/mutation";
import { historyRequestSchema, searchParamsObject } from "@/lib/replication/api-schemas";
import { getHistoryForApi } from "@/lib/replication/overview";

// ?from&to (ISO or epoch ms) or ?range=15m, &region=… (repeat or comma-separate),
// &resolution=raw|minute, &maxPoints=N. Ranges up to 30 min come back tick by tick.
export const GET = apiRoute(async ({ request }) => {
  await requirePermission("replication:read");
  const query = parseInput(historyRequestSchema(new Date()), searchParamsObject(request.nextUrl.searchParams));
  return getHistoryForApi(getDb(), query);
});
