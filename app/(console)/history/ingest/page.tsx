import { IngestStatusTable } from "@/components/history/ingest-status-table";
import { pageActor } from "@/lib/auth/page-guard";
import { getDb } from "@/lib/db";
import { env } from "@/lib/env";
import { loadIngestStatus } from "@/lib/history/ingest-status";

export const metadata = { title: "CloudTrail ingest" };

export default async function IngestPage() {
  // Ingest follows the inventory's accounts and regions, so it is shown to those who administer them.
  await pageActor("history:ingest", "/history/ingest");
  const pollSeconds = env.FLIGHTDECK_CLOUDTRAIL_POLL_SECONDS;
  const status = await loadIngestStatus(getDb(), new Date(), pollSeconds * 1000);
  return <IngestStatusTable status={status} pollSeconds={pollSeconds} />;
}
