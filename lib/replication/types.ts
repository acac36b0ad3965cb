// Plain data shared by the replication core and its adapters. The string unions mirror
// the PostgreSQL enums in prisma/schema/replication.prisma; the core never imports Prisma.

export type ReplicationStatus = "ok" | "warning" | "critical" | "unreachable" | "stale" | "skewed";

export type ReplicationLink = "up" | "down" | "sync" | "external" | "unknown";

export type BreachLevel = "warning" | "critical";

export type Thresholds = { warningMs: number; criticalMs: number };

/** AWS sees 5–10 s alert thresholds in practice (../shared/design/AWS-FACTS.md). */
export const defaultThresholds: Thresholds = { warningMs: 5_000, criticalMs: 10_000 };

export type RedisEndpointRef = {
  id: string;
  name: string;
  regionCode: string;
  role: "primary" | "replica";
  url: string;
};

/** What one endpoint looked like in one tick: one row of replication_sample, minus the tick time. */
export type Sample = {
  endpointId: string;
  regionCode: string;
  status: ReplicationStatus;
  lagMs: number | null;
  lagBytes: number | null;
  link: ReplicationLink | null;
  lastIoSecondsAgo: number | null;
  syncInProgress: boolean;
  clockSkew: boolean;
  clockSkewMs: number | null;
  heartbeatSeq: number | null;
  probeMs: number | null;
  error: string | null;
};

/** Limits the evaluation needs besides thresholds; all in milliseconds. */
export type EvaluationOptions = {
  /** A source primary whose heartbeat was last written longer ago makes its replicas' lag "stale". */
  staleAfterMs: number;
  /** A heartbeat further than this in the future counts as clock skew. */
  skewToleranceMs: number;
  /** A replica that has timed out for this long is "unreachable" rather than lagging. */
  unreachableAfterMs: number;
};

export const defaultEvaluationOptions: EvaluationOptions = {
  staleAfterMs: 3_000,
  skewToleranceMs: 250,
  // Redis's own repl-timeout: after this the primary drops the replica too.
  unreachableAfterMs: 60_000,
};

/** PostgreSQL integer columns; lag that old is "very old" anyway. */
export const maxStoredInt = 2_147_483_647;

export function clampInt(value: number): number {
  return Math.max(-maxStoredInt, Math.min(maxStoredInt, Math.round(value)));
}
