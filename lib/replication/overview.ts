import type { Db } from "@/lib/db/client";
import { demoMode } from "@/lib/config";
import { dataDir } from "@/lib/env";
import { demoRedisDir, listDemoReplicas, type DemoReplica } from "./demo-state";
import { downsampleSeries } from "./downsample";
import { getReplicationHistory, type ReplicationHistory } from "./query-history";
import { listReplicationBreaches, type BreachEvent } from "./query-breaches";
import { getReplicationStatus, type ReplicationOverview, type RegionStatus } from "./query-status";
import { replicationSettings, type ReplicationSettings } from "./settings";
import type { HistoryRequest } from "./api-schemas";
import type { Thresholds } from "./types";

// What the replication console and its API read: status per region with names and
// thresholds, recent breaches, and (demo mode only) the local replicas that can be
// paused. One function for the page's first render and for every live poll after it.

export type ConsoleRegion = RegionStatus & { name: string | null };

export type ReplicationConsoleData = {
  now: string;
  regions: ConsoleRegion[];
  /** Open, or ended within the last day, newest first. */
  breaches: BreachEvent[];
  /** Null outside demo mode. */
  demo: { replicas: DemoReplica[] } | null;
  defaults: Thresholds;
};

export type ConsoleDataOptions = {
  now?: Date;
  settings?: Pick<ReplicationSettings, "staleAfterMs" | "defaultThresholds">;
  /** Where the demo Redis state lives; null: not demo mode. Default: from the environment. */
  demoDir?: string | null;
};

export const breachWindowMs = 86_400_000;

export async function loadReplicationConsoleData(db: Db, options: ConsoleDataOptions = {}): Promise<ReplicationConsoleData> {
  const now = options.now ?? new Date();
  const settings = options.settings ?? replicationSettings;
  const demoDir = options.demoDir === undefined ? (demoMode ? demoRedisDir(dataDir) : null) : options.demoDir;
  const [status, breaches, regions] = await Promise.all([
    getReplicationStatus(db, { now, staleAfterMs: settings.staleAfterMs, defaults: settings.defaultThresholds }),
    listReplicationBreaches(db, { since: new Date(now.getTime() - breachWindowMs), limit: 20 }),
    db.region.findMany({ select: { code: true, name: true } }),
  ]);
  const names = new Map(regions.map((r) => [r.code, r.name]));
  return {
    now: now.toISOString(),
    regions: status.regions.map((r) => ({ ...r, name: names.get(r.region) ?? null })),
    breaches,
    demo: demoDir === null ? null : { replicas: listDemoReplicas(demoDir) },
    defaults: settings.defaultThresholds,
  };
}

export type PublicRegionStatus = Pick<RegionStatus, "region" | "status" | "lagMs" | "lagBytes" | "link" | "sampledAt">;

/** GET /api/v1/replication: exactly the documented fields, so clients can rely on the shape. */
export function toPublicStatus(overview: ReplicationOverview): { regions: PublicRegionStatus[] } {
  return { regions: overview.regions.map(({ region, status, lagMs, lagBytes, link, sampledAt }) => ({ region, status, lagMs, lagBytes, link, sampledAt })) };
}

export async function getPublicReplicationStatus(db: Db, settings: Pick<ReplicationSettings, "staleAfterMs" | "defaultThresholds"> = replicationSettings) {
  return toPublicStatus(await getReplicationStatus(db, { staleAfterMs: settings.staleAfterMs, defaults: settings.defaultThresholds }));
}

/** GET /api/v1/replication/history, after its query string was parsed. */
export async function getHistoryForApi(db: Db, request: HistoryRequest, settings: Pick<ReplicationSettings, "retention"> = replicationSettings): Promise<ReplicationHistory> {
  const history = await getReplicationHistory(db, {
    from: request.from,
    to: request.to,
    regions: request.regions,
    resolution: request.resolution,
    rawRetentionMs: settings.retention.rawRetentionMs,
  });
  return { ...history, series: downsampleSeries(history.series, request.maxPoints) };
}
