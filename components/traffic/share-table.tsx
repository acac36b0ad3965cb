import type { ShareDelta } from "@/lib/traffic";
import { percent, signedPercent } from "./format";

// Effective share per endpoint: "now" alone, or before/after with the change.

export function ShareTable({ rows, caption }: { rows: ShareDelta[]; caption?: string }) {
  const compare = rows.some((r) => r.before !== r.after);
  return (
    <table className="data share-table" data-testid="share-table">
      {caption && <caption>{caption}</caption>}
      <thead>
        <tr>
          <th>Endpoint</th>
          <th>{compare ? "Before" : "Share of traffic"}</th>
          {compare && <th>After</th>}
          {compare && <th>Change</th>}
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => (
          <tr key={row.endpointId} data-testid={`share-${row.endpointId}`}>
            <td className="mono">{row.endpointId}</td>
            <td data-testid={`share-before-${row.endpointId}`}>{percent(row.before)}</td>
            {compare && <td data-testid={`share-after-${row.endpointId}`}>{percent(row.after)}</td>}
            {compare && <td className={row.delta && row.delta > 0 ? "delta-up" : row.delta && row.delta < 0 ? "delta-down" : ""}>{signedPercent(row.delta)}</td>}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** A single share report as rows (before = after), for the "live now" table. */
export function shareRows(shares: Record<string, number>): ShareDelta[] {
  return Object.entries(shares).map(([endpointId, share]) => ({ endpointId, before: share, after: share, delta: 0 }));
}
