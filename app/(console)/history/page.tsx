import { redirect } from "next/navigation";
import { HistoryView } from "@/components/history/history-view";
import { pageActor } from "@/lib/auth/page-guard";
import { can } from "@/lib/auth/permissions";
import { getDb } from "@/lib/db";
import { loadHistoryView } from "@/lib/history/load-history-view";

export const metadata = { title: "Change history" };

export default async function HistoryPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const actor = await pageActor("history:read", "/history");
  const raw = await searchParams;
  // The URL is the whole state of the view: a bare /history becomes its default filter.
  if (Object.keys(raw).length === 0) redirect("/history?range=7d");
  const view = await loadHistoryView(getDb(), raw, new Date());
  // Ingest status is administration of the inventory's accounts, so it follows that permission.
  return <HistoryView view={view} canExport={can(actor.role, "history:export")} canSeeIngest={can(actor.role, "history:ingest")} />;
}
