import { requirePermission } from "@/lib/auth/guard";
import { getDb } from "@/lib/db";
import { env } from "@/lib/env";
import { apiRoute } from "@/lib/http/api-route";
import { loadIngestStatus } from "@/lib/history/ingest-status";

// GET /api/v1/changes/ingest → CloudTrail ingest progress and lag per account-region (admins).
export const GET = apiRoute(async () => {
  await requirePermission("history:ingest");
  return loadIngestStatus(getDb(), new Date(), env.FLIGHTDECK_CLOUDTRAIL_POLL_SECONDS * 1000);
});
