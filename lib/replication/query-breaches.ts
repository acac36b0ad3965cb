import type { Db } from "@/lib/db/client";
import type { BreachLevel } from "./types";

// Breach events for the dashboard, notifications and rollout gates.

export type BreachEvent = {
  id: string;
  region: string;
  level: BreachLevel;
  thresholdMs: number;
  startedAt: string;
  endedAt: string | null;
  peakLagMs: number | null;
};

export type BreachQuery = { regions?: string[]; openOnly?: boolean; since?: Date; limit?: number };

export async function listReplicationBreaches(db: Db, query: BreachQuery = {}): Promise<BreachEvent[]> {
  const rows = await db.replicationBreach.findMany({
    where: {
      ...(query.regions?.length ? { regionCode: { in: query.regions } } : {}),
      ...(query.openOnly ? { endedAt: null } : {}),
      // A breach still open, or one that ended after `since`, overlaps the window.
      ...(query.since ? { OR: [{ endedAt: null }, { endedAt: { gte: query.since } }] } : {}),
    },
    orderBy: { startedAt: "desc" },
    take: query.limit ?? 100,
  });
  return rows.map((r) => ({
    id: r.id,
    region: r.regionCode,
    level: r.level,
    thresholdMs: r.thresholdMs,
    startedAt: r.startedAt.toISOString(),
    endedAt: r.endedAt?.toISOString() ?? null,
    peakLagMs: r.peakLagMs,
  }));
}

/**
 * For rollout gates: true while any of the regions (all, if none given) has an open
 * breach at `level` or worse. A critical breach always comes with a warning one.
 */
export async function hasOpenReplicationBreach(db: Db, options: { regions?: string[]; level?: BreachLevel } = {}): Promise<boolean> {
  const found = await db.replicationBreach.findFirst({
    where: {
      endedAt: null,
      level: options.level ?? "critical",
      ...(options.regions?.length ? { regionCode: { in: options.regions } } : {}),
    },
    select: { id: true },
  });
  return found !== null;
}
