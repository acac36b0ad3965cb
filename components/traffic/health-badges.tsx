import type { RegionHealth } from "@/lib/traffic-control/queries";
import { stateBadge } from "./format";

// One badge per region: the health Route 53 reports for that region's bespoke ELB.

export function HealthBadges({ health }: { health: RegionHealth[] }) {
  if (health.length === 0) return <span className="muted">—</span>;
  return (
    <span className="health-badges">
      {health.map((h) => (
        <span key={h.loadBalancer} className={`badge ${stateBadge[h.status] ?? ""}`} title={h.detail ?? undefined} data-testid={`health-${h.regionCode}`} data-health={h.status}>
          {h.regionCode}: {h.status}
        </span>
      ))}
    </span>
  );
}
