import { requirePermission } from "@/lib/auth/guard";
import { getDb } from "@/lib/db";
import { apiRoute } from "@/lib/http/api-route";
import { getPublicReplicationStatus } from "@/lib/replication/overview";

// {"regions":[{"region","status","lagMs","lagBytes","link","sampledAt"}]}: the latest
// sample per region, as the collector last measured it (every second by default).
export const GET = apiRoute(async () => {
  await requirePermission("replication:read");
  return getPublicReplicationStatus(getDb());
});
