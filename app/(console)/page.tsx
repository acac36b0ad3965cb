import Link from "next/link";
import { redirect } from "next/navigation";
import { ReplicationPanel } from "@/components/replication/replication-panel";
import { navFor } from "@/components/shell/nav-items";
import { pageActor } from "@/lib/auth/page-guard";
import { can } from "@/lib/auth/permissions";
import { getDb } from "@/lib/db";
import { HealthBadges } from "@/components/traffic/health-badges";
import { listServiceSummaries } from "@/lib/traffic-control/queries";

export default async function DashboardPage() {
  const actor = await pageActor();
  if (!can(actor.role, "dashboard:read")) redirect(navFor(actor.role)[0]?.href ?? "/inventory");
  const db = getDb();
  const [services, regions, loadBalancers, healthChecks, redis, traffic] = await Promise.all([
    db.service.findMany({ orderBy: { slug: "asc" }, include: { homeRegion: true } }),
    db.region.count(),
    db.loadBalancer.count(),
    db.healthCheck.count(),
    db.redisEndpoint.count(),
    listServiceSummaries(db),
  ]);
  const trafficOf = new Map(traffic.map((t) => [t.slug, t]));
  const multi = services.filter((s) => s.topology === "multi_region");
  return (
    <>
      <div className="page-head">
        <div>
          <h1>Dashboard</h1>
          <p>The estate at a glance.</p>
        </div>
      </div>
      <div className="grid" style={{ marginBottom: 24 }}>
        <div className="card"><div className="muted">Services</div><div className="stat" data-testid="stat-services">{services.length}</div><div className="muted">{multi.length} multi-region</div></div>
        <div className="card"><div className="muted">Regions</div><div className="stat">{regions}</div></div>
        <div className="card"><div className="muted">Load balancers</div><div className="stat">{loadBalancers}</div><div className="muted">{healthChecks} health checks</div></div>
        <div className="card"><div className="muted">Redis endpoints</div><div className="stat">{redis}</div></div>
      </div>
      {can(actor.role, "replication:read") && <ReplicationPanel db={db} />}
      <h2>Services</h2>
      <table className="data">
        <thead><tr><th>Service</th><th>Path</th><th>Topology</th><th>Home region</th><th>Record</th><th>Live version</th><th>Health</th></tr></thead>
        <tbody>
          {services.map((s) => (
            <tr key={s.id}>
              <td>
                <Link href={s.topology === "multi_region" ? `/services/${s.slug}` : `/inventory/services/${s.id}`}>{s.name}</Link> <span className="muted mono">{s.slug}</span>
              </td>
              <td className="mono">{s.pathPattern}</td>
              <td><span className={`badge ${s.topology === "multi_region" ? "info" : ""}`}>{s.topology === "multi_region" ? "multi-region" : "single-region"}</span></td>
              <td>{s.homeRegion.name} <span className="muted">{s.homeRegionCode}</span></td>
              <td className="mono">{s.recordName}</td>
              <td data-testid={`dashboard-version-${s.slug}`}>
                {trafficOf.get(s.slug)?.activeVersion ? `v${trafficOf.get(s.slug)?.activeVersion} · ${trafficOf.get(s.slug)?.multiRegionPercent ?? "?"} % multi-region` : "—"}
                {trafficOf.get(s.slug)?.drift && <span className="badge warn">drift</span>}
              </td>
              <td><HealthBadges health={trafficOf.get(s.slug)?.health ?? []} /></td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}
