import { env, type Env } from "@/lib/env";
import type { RetentionOptions } from "./maintenance";
import type { Thresholds } from "./types";

// The replication settings every process must agree on, derived once from the
// environment: the worker's collector uses them to measure and judge, the web app to
// judge freshness and to show the same default thresholds.

export type ReplicationSettings = {
  intervalMs: number;
  probeTimeoutMs: number;
  defaultThresholds: Thresholds;
  retention: Required<Omit<RetentionOptions, "now">>;
  /** A latest sample older than this is shown as "stale": the collector is not running. */
  staleAfterMs: number;
};

type ReplicationEnv = Pick<
  Env,
  | "FLIGHTDECK_REPLICATION_INTERVAL_MS"
  | "FLIGHTDECK_REPLICATION_PROBE_TIMEOUT_MS"
  | "FLIGHTDECK_REPLICATION_WARNING_MS"
  | "FLIGHTDECK_REPLICATION_CRITICAL_MS"
  | "FLIGHTDECK_REPLICATION_RAW_RETENTION_HOURS"
  | "FLIGHTDECK_REPLICATION_AGGREGATE_RETENTION_DAYS"
>;

export function replicationSettingsFrom(source: ReplicationEnv): ReplicationSettings {
  const intervalMs = source.FLIGHTDECK_REPLICATION_INTERVAL_MS;
  const probeTimeoutMs = source.FLIGHTDECK_REPLICATION_PROBE_TIMEOUT_MS;
  const warningMs = source.FLIGHTDECK_REPLICATION_WARNING_MS;
  const criticalMs = source.FLIGHTDECK_REPLICATION_CRITICAL_MS;
  const problems: string[] = [];
  // A tick probes primaries, then replicas: two timeouts must fit in one interval.
  if (2 * probeTimeoutMs > intervalMs) problems.push("FLIGHTDECK_REPLICATION_PROBE_TIMEOUT_MS must be at most half of FLIGHTDECK_REPLICATION_INTERVAL_MS");
  if (warningMs >= criticalMs) problems.push("FLIGHTDECK_REPLICATION_WARNING_MS must be below FLIGHTDECK_REPLICATION_CRITICAL_MS");
  const rawRetentionMs = Math.round(source.FLIGHTDECK_REPLICATION_RAW_RETENTION_HOURS * 3_600_000);
  const aggregateRetentionMs = Math.round(source.FLIGHTDECK_REPLICATION_AGGREGATE_RETENTION_DAYS * 86_400_000);
  if (aggregateRetentionMs < rawRetentionMs) problems.push("replication aggregates must be kept at least as long as raw samples");
  if (problems.length) throw new Error(`Invalid environment:\n${problems.map((p) => `  ${p}`).join("\n")}`);
  return {
    intervalMs,
    probeTimeoutMs,
    defaultThresholds: { warningMs, criticalMs },
    retention: { rawRetentionMs, aggregateRetentionMs },
    // Three missed ticks (plus a slow one's probes) before a region goes grey, never under 5 s.
    staleAfterMs: Math.max(5_000, 3 * intervalMs + 2 * probeTimeoutMs),
  };
}

export const replicationSettings: ReplicationSettings = replicationSettingsFrom(env);
