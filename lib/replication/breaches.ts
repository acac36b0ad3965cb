import type { BreachLevel, ReplicationStatus, Thresholds } from "./types";

// Breach detection: a region at or above a level opens a breach of that level; the breach
// closes once the region has been below it for a few ticks in a row, so one good sample
// in a bad minute does not page twice. Warning and critical are tracked independently
// (a critical region is also above warning), which lets a rollout gate ask for either.

export type OpenBreach = {
  id: string;
  regionCode: string;
  level: BreachLevel;
  thresholdMs: number;
  startedAtMs: number;
  peakLagMs: number | null;
  /** When the current run of below-level ticks began; null while still in breach. */
  clearingSinceMs: number | null;
  clearTicks: number;
};

export type BreachChange =
  | { type: "open"; breach: OpenBreach }
  | { type: "peak"; id: string; peakLagMs: number }
  | { type: "close"; breach: OpenBreach; endedAtMs: number };

export type RegionReading = { region: string; status: ReplicationStatus; lagMs: number | null; thresholds: Thresholds };

const levels: BreachLevel[] = ["warning", "critical"];

/** true: at or above the level; false: below it; null: cannot tell (stale or skewed), change nothing. */
export function isAtLevel(level: BreachLevel, status: ReplicationStatus): boolean | null {
  if (status === "stale" || status === "skewed") return null;
  // A replica nobody can reach serves nothing current: as bad as critical lag for gates.
  if (status === "unreachable" || status === "critical") return true;
  return level === "warning" && status === "warning";
}

export function evaluateBreaches(input: {
  open: readonly OpenBreach[];
  regions: readonly RegionReading[];
  nowMs: number;
  clearAfterTicks: number;
  newId: () => string;
}): { open: OpenBreach[]; changes: BreachChange[] } {
  const { nowMs, clearAfterTicks, newId } = input;
  const readings = new Map(input.regions.map((r) => [r.region, r]));
  const byKey = new Map(input.open.map((b) => [`${b.regionCode}/${b.level}`, b]));
  const regionCodes = new Set([...readings.keys(), ...input.open.map((b) => b.regionCode)]);
  const changes: BreachChange[] = [];
  const next: OpenBreach[] = [];

  for (const region of [...regionCodes].sort()) {
    // A region gone from the inventory has nothing left to breach.
    const reading = readings.get(region) ?? { region, status: "ok" as const, lagMs: null, thresholds: { warningMs: 0, criticalMs: 0 } };
    for (const level of levels) {
      const current = byKey.get(`${region}/${level}`);
      const at = isAtLevel(level, reading.status);
      if (at === null) {
        if (current) next.push(current);
        continue;
      }
      if (at) {
        if (!current) {
          const thresholdMs = level === "critical" ? reading.thresholds.criticalMs : reading.thresholds.warningMs;
          const breach: OpenBreach = { id: newId(), regionCode: region, level, thresholdMs, startedAtMs: nowMs, peakLagMs: reading.lagMs, clearingSinceMs: null, clearTicks: 0 };
          changes.push({ type: "open", breach });
          next.push(breach);
          continue;
        }
        const peakLagMs = reading.lagMs !== null && (current.peakLagMs === null || reading.lagMs > current.peakLagMs) ? reading.lagMs : current.peakLagMs;
        if (peakLagMs !== current.peakLagMs && peakLagMs !== null) changes.push({ type: "peak", id: current.id, peakLagMs });
        next.push({ ...current, peakLagMs, clearingSinceMs: null, clearTicks: 0 });
        continue;
      }
      if (!current) continue;
      const clearing = { ...current, clearingSinceMs: current.clearingSinceMs ?? nowMs, clearTicks: current.clearTicks + 1 };
      // It ended when the region first went back below the level, not when we became sure of it.
      if (clearing.clearTicks >= clearAfterTicks) changes.push({ type: "close", breach: clearing, endedAtMs: clearing.clearingSinceMs });
      else next.push(clearing);
    }
  }
  return { open: next, changes };
}
