// The heartbeat key (pt-heartbeat method): the collector writes its clock and a sequence
// number on each primary; whatever replicates the primary, native or not, carries it to
// the replicas, where reading it back tells how far behind they are.

export type Heartbeat = { ms: number; seq: number; by: string | null };

export const defaultHeartbeatKeyPrefix = "flightdeck:heartbeat";

/** One key per primary, so a replica fed by several sources (or re-pointed) stays unambiguous. */
export function heartbeatKey(prefix: string, primaryId: string): string {
  return `${prefix}:${primaryId}`;
}

export function encodeHeartbeat(heartbeat: Heartbeat): string {
  return JSON.stringify({ ms: heartbeat.ms, seq: heartbeat.seq, by: heartbeat.by });
}

const isCount = (v: unknown): v is number => typeof v === "number" && Number.isSafeInteger(v) && v >= 0;

/** Our JSON, or the plain `ms:seq` an in-house replicator may prefer to write; null if neither. */
export function parseHeartbeat(value: string | null | undefined): Heartbeat | null {
  if (!value) return null;
  const plain = /^(\d{1,16}):(\d{1,15})$/.exec(value);
  if (plain) return { ms: Number(plain[1]), seq: Number(plain[2]), by: null };
  let parsed: unknown;
  try {
    parsed = JSON.parse(value);
  } catch {
    return null;
  }
  if (typeof parsed !== "object" || parsed === null) return null;
  const { ms, seq, by } = parsed as Record<string, unknown>;
  if (!isCount(ms) || !isCount(seq)) return null;
  return { ms, seq, by: typeof by === "string" ? by : null };
}

export type HeartbeatWrite = { seq: number; ms: number };

/**
 * The heartbeats this collector wrote to one primary, oldest first. Knowing when the
 * *next* heartbeat after the one a replica holds was written gives its lag on our own
 * clock alone, so neither the primary's nor the replica's clock matters.
 */
export class HeartbeatLog {
  private readonly writes: HeartbeatWrite[] = [];
  private nextSeq: number | null = null;

  constructor(private readonly capacity = 900) {}

  /** The sequence number for the next write; null until seeded from the primary's current value. */
  get pendingSeq(): number | null {
    return this.nextSeq;
  }

  /** Continue after whatever is on the primary, so sequence numbers survive collector failover. */
  seed(current: Heartbeat | null): void {
    this.nextSeq = (current?.seq ?? 0) + 1;
  }

  /** Consumes a sequence number whether or not the write then succeeds: numbers are never reused. */
  takeSeq(): number {
    const seq = this.nextSeq ?? 1;
    this.nextSeq = seq + 1;
    return seq;
  }

  record(write: HeartbeatWrite): void {
    this.writes.push(write);
    if (this.writes.length > this.capacity) this.writes.splice(0, this.writes.length - this.capacity);
  }

  get lastWrite(): HeartbeatWrite | null {
    return this.writes.at(-1) ?? null;
  }

  /** Our write matching this heartbeat (same seq and time), or null if someone else wrote it. */
  find(heartbeat: Heartbeat): { write: HeartbeatWrite; next: HeartbeatWrite | null } | null {
    for (let i = this.writes.length - 1; i >= 0; i--) {
      const write = this.writes[i]!;
      if (write.seq < heartbeat.seq) return null;
      if (write.seq === heartbeat.seq) {
        return write.ms === heartbeat.ms ? { write, next: this.writes[i + 1] ?? null } : null;
      }
    }
    return null;
  }
}

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
