import { formatAge, formatBytes, formatLag, linkLabel } from "@/lib/replication/format";
import type { DemoReplica } from "@/lib/replication/demo-state";
import type { ConsoleRegion } from "@/lib/replication/overview";
import type { Thresholds } from "@/lib/replication/types";
import { DemoReplicaControl } from "./demo-replica-control";
import { StatusBadge } from "./status-badge";
import { ThresholdsForm } from "./thresholds-form";

type Props = { region: ConsoleRegion; defaults: Thresholds; canConfigure: boolean; demoReplica: DemoReplica | null };

export function RegionCard({ region: r, defaults, canConfigure, demoReplica }: Props) {
  // The home region may hold only the primary: nothing there can lag.
  const primaryOnly = r.endpoints.length > 0 && r.endpoints.every((e) => e.role === "primary");
  const isDefault = r.thresholds.warningMs === defaults.warningMs && r.thresholds.criticalMs === defaults.criticalMs;
  return (
    <section className="card region-card" data-testid={`region-card-${r.region}`} data-status={r.status} aria-label={`Replication in ${r.name ?? r.region}`}>
      <div className="region-card-head">
        <div>
          <h3>{r.name ?? r.region}</h3>
          <span className="muted mono">{r.region}</span>
        </div>
        <StatusBadge status={r.status} testId="region-status" />
      </div>
      <div className="stat" data-testid="region-lag">
        {primaryOnly ? "primary" : formatLag(r.lagMs)}
      </div>
      <div className="muted">{primaryOnly ? "the home region: replicas follow it" : `behind the primary · ${formatBytes(r.lagBytes)} not yet replicated`}</div>
      <dl className="facts">
        <dt>Link</dt>
        <dd>{primaryOnly ? "—" : linkLabel(r.link)}</dd>
        <dt>Last sample</dt>
        <dd data-testid="region-age">{formatAge(r.ageMs)}</dd>
        <dt>Thresholds</dt>
        <dd>
          warning {formatLag(r.thresholds.warningMs)} · critical {formatLag(r.thresholds.criticalMs)} <span className="muted">({isDefault ? "default" : "custom"})</span>
        </dd>
      </dl>
      <table className="endpoints">
        <tbody>
          {r.endpoints.map((e) => (
            <tr key={e.id} title={e.error ?? undefined}>
              <td className="mono">{e.name}</td>
              <td className="muted">{e.role}</td>
              <td>
                <StatusBadge status={e.status} />
              </td>
              <td className="num">{e.role === "primary" ? "" : formatLag(e.lagMs)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {r.endpoints.some((e) => e.error) && (
        <p className="endpoint-errors muted">
          {r.endpoints.filter((e) => e.error).map((e) => `${e.name}: ${e.error}`).join(" · ")}
        </p>
      )}
      {canConfigure && demoReplica?.running && <DemoReplicaControl region={r.region} paused={demoReplica.paused} />}
      {canConfigure && <ThresholdsForm region={r.region} thresholds={r.thresholds} isDefault={isDefault} />}
    </section>
  );
}
