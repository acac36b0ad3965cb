import Link from "next/link";
import type { IngestStatus } from "@/lib/history/ingest-status";
import { formatTime } from "./timeline-table";

// Ingest progress and lag per account-region, for admins.

const stateBadge: Record<string, string> = { live: "ok", waiting: "ok", backfilling: "info", error: "bad", stalled: "warn" };

function lag(seconds: number | null): string {
  if (seconds === null) return "—";
  if (seconds < 120) return `${seconds} s`;
  if (seconds < 7200) return `${Math.round(seconds / 60)} min`;
  return `${Math.round(seconds / 3600)} h`;
}

export function IngestStatusTable({ status, pollSeconds }: { status: IngestStatus; pollSeconds: number }) {
  return (
    <div className="history-page">
      <div className="page-head">
        <div>
          <p className="muted"><Link href="/history?range=7d">← Change history</Link></p>
          <h1>CloudTrail ingest</h1>
          <p>
            Every inventory account × region is read from LookupEvents every {pollSeconds} s (after a backfill of up to 90 days), at most two
            requests a second each. About {status.approxEvents.toLocaleString("en")} events are stored in {status.partitions} monthly partition(s).
          </p>
        </div>
      </div>
      {status.rows.length === 0 ? (
        <p className="notice info">No account-region has been read yet: add AWS accounts and regions to the inventory, and make sure the worker runs.</p>
      ) : (
        <table className="data" data-testid="ingest-status">
          <thead>
            <tr><th>Account</th><th>Region</th><th>State</th><th>Backfill</th><th>Lag</th><th>Stored</th><th>Requests</th><th>Last poll (UTC)</th><th>Last error</th></tr>
          </thead>
          <tbody>
            {status.rows.map((r) => (
              <tr key={`${r.accountId}/${r.region}`} data-testid="ingest-row" data-state={r.state}>
                <td><span className="mono">{r.accountId}</span>{r.accountName && <div className="muted small">{r.accountName}</div>}</td>
                <td className="mono">{r.region}</td>
                <td><span className={`badge ${stateBadge[r.state] ?? ""}`}>{r.state}</span>{r.chunk && (
                  <div className="muted small">
                    reading {r.chunk.kind} {formatTime(r.chunk.start).slice(0, 16)} → {formatTime(r.chunk.end).slice(0, 16)}{r.chunk.midWindow ? " (mid-window)" : ""}
                  </div>
                )}</td>
                <td>
                  <progress max={100} value={r.backfillPercent} aria-label={`backfill of ${r.accountId} ${r.region}`} /> {r.backfillPercent} %
                  <div className="muted small">since {r.lowWatermark ? formatTime(r.lowWatermark) : "—"}</div>
                </td>
                <td title={r.highWatermark ?? undefined}>{lag(r.lagSeconds)}</td>
                <td>{r.eventsStored.toLocaleString("en")}<div className="muted small">{r.eventsSeen.toLocaleString("en")} read</div></td>
                <td>{r.requests.toLocaleString("en")}{r.throttled > 0 && <div className="muted small">{r.throttled} throttled</div>}</td>
                <td className="mono small">{r.lastPollAt ? formatTime(r.lastPollAt) : "never"}</td>
                <td className="small">{r.lastError ?? <span className="muted">—</span>}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <h2 style={{ marginTop: 24 }}>S3 log-file imports</h2>
      <p>
        {status.imports.files.toLocaleString("en")} file(s) imported ({status.imports.records.toLocaleString("en")} records, {status.imports.stored.toLocaleString("en")} new
        events){status.imports.lastAt ? `, last on ${formatTime(status.imports.lastAt)} UTC` : ""}. Import more with{" "}
        <code>npm run history:import -- &lt;directory&gt;</code>.
      </p>
      <h2 style={{ marginTop: 24 }}>Chart counts</h2>
      <p data-testid="rollup-status">
        {status.hoursToRecount === 0
          ? "The hourly counts behind the history charts are up to date."
          : `${status.hoursToRecount.toLocaleString("en")} hour(s) of events await the worker's recount; until then the charts count those hours event by event, which is slower over long ranges.`}
      </p>
    </div>
  );
}
