import Link from "next/link";
import { Suspense } from "react";
import type { HistoryView as View } from "@/lib/history/load-history-view";
import { ChartsSection } from "./charts-section";
import { FilterForm } from "./filter-form";
import { TimelineTable } from "./timeline-table";

// The change-history page: filters, charts of the filter, the merged timeline with keyset
// paging, and exports of exactly what is filtered.

type Props = { view: View; canExport: boolean; canSeeIngest: boolean };

export function HistoryView({ view, canExport, canSeeIngest }: Props) {
  const withParams = (path: string, extra: Record<string, string>) => {
    const params = new URLSearchParams(view.params);
    for (const [key, value] of Object.entries(extra)) params.set(key, value);
    return `${path}?${params.toString()}`;
  };
  return (
    <div className="history-page">
      <div className="page-head">
        <div>
          <h1>Change history</h1>
          <p>CloudTrail events of every account and region, and Flightdeck&apos;s own audit log, in one timeline.</p>
        </div>
        <div className="actions">
          {canSeeIngest && <Link className="btn" href="/history/ingest">Ingest status</Link>}
          <Link className="btn" href="/audit?verify=1">Verify audit chain</Link>
          {canExport && (
            <>
              <a className="btn" href={withParams("/api/v1/changes/export", { format: "csv" })} download data-testid="export-csv">Export CSV</a>
              <a className="btn" href={withParams("/api/v1/changes/export", { format: "json" })} download data-testid="export-json">Export JSON</a>
            </>
          )}
        </div>
      </div>
      <FilterForm key={view.params} values={view.values} options={view.options} />
      {view.error ? (
        <p className="notice error" role="status" data-testid="filter-error">{view.error}</p>
      ) : (
        <>
          <Suspense fallback={<p className="muted history-charts-loading">Charting the filter…</p>}>
            <ChartsSection filter={view.filter} params={view.params} />
          </Suspense>
          <TimelineTable items={view.page.items} />
          <nav className="pager" aria-label="Pages">
            {!view.isFirstPage && <Link href={`/history?${view.params}`}>← Newest</Link>}
            {view.page.nextCursor && (
              <Link href={withParams("/history", { cursor: view.page.nextCursor })} data-testid="older-page">
                Older →
              </Link>
            )}
          </nav>
        </>
      )}
    </div>
  );
}
