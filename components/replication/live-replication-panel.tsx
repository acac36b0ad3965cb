"use client";

import Link from "next/link";
import { formatLag } from "@/lib/replication/format";
import type { ReplicationConsoleData } from "@/lib/replication/overview";
import { BreachList } from "./breach-list";
import { StatusBadge } from "./status-badge";
import { useLiveJson } from "./use-live-json";

export function LiveReplicationPanel({ initial }: { initial: ReplicationConsoleData }) {
  const { data } = useLiveJson("/api/v1/replication/console", 2_000, initial);
  const names = new Map(data.regions.map((r) => [r.region, r.name ?? r.region]));
  const open = data.breaches.filter((b) => b.endedAt === null && b.level === "critical").length;
  return (
    <section className="card replication-panel" data-testid="replication-panel" aria-labelledby="replication-panel-heading">
      <div className="section-head">
        <h2 id="replication-panel-heading">
          <Link href="/replication">Redis replication</Link>
        </h2>
        {open > 0 && <span className="badge bad" data-testid="open-breaches">{open} critical breach{open === 1 ? "" : "es"} open</span>}
      </div>
      {data.regions.length === 0 ? (
        <p className="muted">No Redis endpoints registered.</p>
      ) : (
        <div className="replication-regions">
          {data.regions.map((r) => (
            <div key={r.region} className="replication-region" data-testid={`panel-region-${r.region}`}>
              <StatusBadge status={r.status} />
              <span>{names.get(r.region)}</span>
              <span className="mono">{r.endpoints.every((e) => e.role === "primary") ? "primary" : formatLag(r.lagMs)}</span>
            </div>
          ))}
        </div>
      )}
      <BreachList breaches={data.breaches.slice(0, 10)} regionNames={names} empty="No replication breaches in the last 24 hours." />
    </section>
  );
}
