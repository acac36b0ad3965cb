import type { OperationView } from "@/lib/traffic-control/views";
import { stateBadge, when } from "./format";

// Every publish, rollback, revert and adoption, newest first, with how long Route 53 took.

export function OperationsTable({ operations }: { operations: OperationView[] }) {
  return (
    <section aria-labelledby="operations-title">
      <h2 id="operations-title">Operations</h2>
      <table className="data" data-testid="operations">
        <thead><tr><th>When (UTC)</th><th>What</th><th>Who</th><th>Reason</th><th>Outcome</th><th>Took</th></tr></thead>
        <tbody>
          {operations.map((o) => (
            <tr key={o.id}>
              <td className="mono">{when(o.startedAt)}</td>
              <td>{o.kind} {o.version === null ? "" : `v${o.version}`}{o.fromVersion !== null && <span className="muted"> (from v{o.fromVersion})</span>}</td>
              <td>{o.actor}</td>
              <td>{o.reason}</td>
              <td>
                <span className={`badge ${stateBadge[o.state] ?? ""}`}>{o.state}</span>
                {o.state !== "applied" && <div className="muted small">{o.message ?? o.step}</div>}
              </td>
              <td className="mono">{o.durationMs === null ? "—" : `${(o.durationMs / 1000).toFixed(2)} s`}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
