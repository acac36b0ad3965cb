import Link from "next/link";
import type { ServiceSummary } from "@/lib/traffic-control/queries";
import { HealthBadges } from "./health-badges";

// Services with their live traffic state: version, split, drift and health per region.

export function ServiceTable({ services }: { services: ServiceSummary[] }) {
  return (
    <table className="data" data-testid="service-table">
      <thead>
        <tr><th>Service</th><th>Topology</th><th>Live version</th><th>Multi-region</th><th>Health</th></tr>
      </thead>
      <tbody>
        {services.map((s) => (
          <tr key={s.slug} data-testid={`service-${s.slug}`}>
            <td>
              <Link href={`/services/${s.slug}`}>{s.name}</Link> <span className="muted mono">{s.slug}</span>
              {s.drift && <span className="badge warn" title="Route 53 differs from Flightdeck's record">drift</span>}
              {s.operation && <span className="badge info">{s.operation.kind}…</span>}
            </td>
            <td><span className={`badge ${s.topology === "multi-region" ? "info" : ""}`}>{s.topology}</span></td>
            <td className="mono" data-testid="active-version">{s.activeVersion === null ? "—" : `v${s.activeVersion}`}</td>
            <td data-testid="multi-region-percent">{s.topology === "single-region" ? "—" : s.multiRegionPercent === null ? "?" : `${s.multiRegionPercent} %`}</td>
            <td><HealthBadges health={s.health} /></td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
