"use client";

import type { ReplicationConsoleData } from "@/lib/replication/overview";
import { BreachList } from "./breach-list";
import { LagCharts } from "./lag-charts";
import { RegionCard } from "./region-card";
import { SetupNotices } from "./setup-notices";
import { useLiveJson } from "./use-live-json";

/** The Replication page: cards and breaches refreshed every second, charts below. */
export function ReplicationConsole({ initial, canConfigure }: { initial: ReplicationConsoleData; canConfigure: boolean }) {
  const { data, error } = useLiveJson("/api/v1/replication/console", 1_000, initial);
  const names = new Map(data.regions.map((r) => [r.region, r.name ?? r.region]));
  return (
    <div className="replication" data-testid="replication-console">
      {error && (
        <div className="notice warn" role="alert">
          {error}
        </div>
      )}
      {!canConfigure && <div className="notice info">Read-only: only admins change thresholds.</div>}
      <SetupNotices data={data} canConfigure={canConfigure} />
      {data.regions.length > 0 && (
        <>
          <div className="region-grid">
            {data.regions.map((r) => (
              <RegionCard key={r.region} region={r} defaults={data.defaults} canConfigure={canConfigure} demoReplica={data.demo?.replicas.find((d) => d.region === r.region) ?? null} />
            ))}
          </div>
          <LagCharts regions={data.regions} />
        </>
      )}
      <section className="card" aria-labelledby="breaches-heading">
        <h2 id="breaches-heading">Breaches, last 24 hours</h2>
        <BreachList breaches={data.breaches} regionNames={names} empty="No region crossed its thresholds in the last 24 hours." />
      </section>
    </div>
  );
}
