import { getDb } from "@/lib/db";
import type { HistoryFilter } from "@/lib/history/filter";
import { queryCharts } from "@/lib/history/query-charts";
import { HistoryCharts } from "./history-charts";

// Streams in after the timeline: counting a broad filter can take a moment, listing a page does not.
export async function ChartsSection({ filter, params }: { filter: HistoryFilter; params: string }) {
  const charts = await queryCharts(getDb(), filter, new Date());
  return <HistoryCharts charts={charts} params={params} />;
}
