import { requirePermission } from "@/lib/auth/guard";
import { getDb } from "@/lib/db";
import { apiRoute } from "@/lib/http/api-route";
import { listServiceSummaries } from "@/lib/traffic-control/queries";

// GET /api/v1/services — every service with its live version, split and health per region.
export const GET = apiRoute(async () => {
  await requirePermission("traffic:read");
  return { services: await listServiceSummaries(getDb()) };
});
