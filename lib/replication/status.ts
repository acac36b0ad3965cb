import type { ReplicationLink, ReplicationStatus, Sample, Thresholds } from "./types";

/** Worst wins when several endpoints make up a region or a minute; unreachable is worst of all. */
export const statusSeverity: Record<ReplicationStatus, number> = {
  ok: 0,
  skewed: 1,
  stale: 2,
  warning: 3,
  critical: 4,
  unreachable: 5,
};

const linkSeverity: Record<ReplicationLink, number> = { up: 0, external: 1, sync: 2, unknown: 3, down: 4 };

export function worstStatus(statuses: Iterable<ReplicationStatus>): ReplicationStatus {
  let worst: ReplicationStatus = "ok";
  for (const s of statuses) if (statusSeverity[s] > statusSeverity[worst]) worst = s;
  return worst;
}

export function worstLink(links: Iterable<ReplicationLink | null>): ReplicationLink | null {
  let worst: ReplicationLink | null = null;
  for (const l of links) if (l !== null && (worst === null || linkSeverity[l] > linkSeverity[worst])) worst = l;
  return worst;
}

/** Thresholds are inclusive: lag equal to the critical threshold is critical. */
export function statusFromLag(lagMs: number, thresholds: Thresholds): "ok" | "warning" | "critical" {
  if (lagMs >= thresholds.criticalMs) return "critical";
  if (lagMs >= thresholds.warningMs) return "warning";
  return "ok";
}

export function isAboveThreshold(status: ReplicationStatus): boolean {
  return status === "warning" || status === "critical";
}

export type RegionRollup = {
  region: string;
  status: ReplicationStatus;
  lagMs: number | null;
  lagBytes: number | null;
  link: ReplicationLink | null;
};

function maxOf(values: (number | null)[]): number | null {
  const present = values.filter((v): v is number => v !== null);
  return present.length ? Math.max(...present) : null;
}

/** A region is as bad as its worst endpoint and as far behind as its furthest one. */
export function rollupRegion(region: string, samples: readonly Pick<Sample, "status" | "lagMs" | "lagBytes" | "link">[]): RegionRollup {
  return {
    region,
    status: worstStatus(samples.map((s) => s.status)),
    lagMs: maxOf(samples.map((s) => s.lagMs)),
    lagBytes: maxOf(samples.map((s) => s.lagBytes)),
    link: worstLink(samples.map((s) => s.link)),
  };
}

export function rollupRegions(samples: readonly Sample[]): RegionRollup[] {
  const byRegion = new Map<string, Sample[]>();
  for (const s of samples) byRegion.set(s.regionCode, [...(byRegion.get(s.regionCode) ?? []), s]);
  return [...byRegion].map(([region, list]) => rollupRegion(region, list)).sort((a, b) => a.region.localeCompare(b.region));
}
