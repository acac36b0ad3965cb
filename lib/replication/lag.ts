import type { Heartbeat, HeartbeatLog } from "./heartbeat";

export type LagMeasurement = {
  /** Negative only when basis is "raw" and the heartbeat comes from a clock ahead of ours. */
  lagMs: number;
  /** "log": timed on our own clock from our write log; "raw": now minus the heartbeat's own time. */
  basis: "log" | "raw";
  /** How far in the future the heartbeat's time is, when beyond tolerance. */
  skewMs: number | null;
};

/**
 * Lag of a replica holding `heartbeat`, as of `nowMs` (our clock when its answer came, or
 * when we gave up on it).
 *
 * - Answered, heartbeat is ours: the time since the first write it is known to miss (the
 *   next heartbeat), 0 if it holds the newest. Reading right after writing, this is the
 *   replication delay, not "delay rounded up to the tick" as plain pt-heartbeat gives.
 * - Not answered (timed out): nothing newer than the heartbeat it last showed us is
 *   confirmed, so lag is the time since that heartbeat was written. A frozen replica
 *   thus crosses a 1 s threshold on the first tick it fails to answer.
 * - Heartbeat written by someone else (another collector before failover, or a replicator
 *   with its own writer): now minus its time, which carries any clock skew between us.
 */
export function measureLag(input: {
  nowMs: number;
  heartbeat: Heartbeat;
  log: HeartbeatLog | undefined;
  answered: boolean;
  skewToleranceMs: number;
}): LagMeasurement {
  const { nowMs, heartbeat, log, answered, skewToleranceMs } = input;
  const raw = nowMs - heartbeat.ms;
  const skewMs = raw < -skewToleranceMs ? -raw : null;
  const ours = log?.find(heartbeat);
  if (ours) {
    if (!answered) return { lagMs: Math.max(0, nowMs - ours.write.ms), basis: "log", skewMs };
    return { lagMs: ours.next ? Math.max(0, nowMs - ours.next.ms) : 0, basis: "log", skewMs };
  }
  // Within tolerance a slightly negative value is jitter between two clocks, not news.
  return { lagMs: skewMs === null ? Math.max(0, raw) : raw, basis: "raw", skewMs };
}
