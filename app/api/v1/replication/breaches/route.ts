import { z } from "zod";
import { requirePermission } from "@/lib/auth/guard";
import { getDb } from "@/lib/db";
import { apiRoute } from "@/lib/http/api-route";
import { parseInput } from "@/lib/mutations/mutation";
import { searchParamsObject } from "@/lib/replication/api-schemas";
import { listReplicationBreaches } from "@/lib/replication/query-breaches";

const query = z.object({
  open: z.enum(["1", "0", "true", "false"], { error: "Must be 1 or 0" }).optional(),
  since: z.iso.datetime({ offset: true, error: "Must be an ISO 8601 time" }).optional(),
  region: z.array(z.string().min(1)).default([]),
  limit: z.coerce.number({ error: "Must be a number" }).int().min(1, "Must be at least 1").max(1_000, "Must be at most 1000").optional(),
});

// Breach events (for notifications, rollout gates, scripts): ?open=1 for the ones still
// open, ?since=ISO for those open or ended since then, &region=…, &limit=N (100).
export const GET = apiRoute(async ({ request }) => {
  await requirePermission("replication:read");
  const q = parseInput(query, searchParamsObject(request.nextUrl.searchParams));
  const breaches = await listReplicationBreaches(getDb(), {
    openOnly: q.open === "1" || q.open === "true",
    since: q.since ? new Date(q.since) : undefined,
    regions: q.region.flatMap((r) => r.split(",")).filter(Boolean),
    limit: q.limit,
  });
  return { breaches };
});
