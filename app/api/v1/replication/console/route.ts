import { requirePermission } from "@/lib/auth/guard";
import { getDb } from "@/lib/db";
import { apiRoute } from "@/lib/http/api-route";
import { loadReplicationConsoleData } from "@/lib/replication/overview";

// What the Replication page polls every second: per-region detail (endpoints, age,
// thresholds), recent breaches and, in demo mode, which demo replicas are paused.
export const GET = apiRoute(async () => {
  await requirePermission("replication:read");
  return loadReplicationConsoleData(getDb());
});
