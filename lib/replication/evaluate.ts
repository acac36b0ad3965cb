import { measureLag, parseHeartbeat, type Heartbeat, type HeartbeatLog, type LagMeasurement } from "./heartbeat";
import type { ReplicationInfo } from "./info";
import { statusFromLag } from "./status";
import { clampInt, type EvaluationOptions, type ReplicationLink, type Sample, type Thresholds } from "./types";

// Turns what the probes saw in one tick into samples. Pure: the collector hands in the
// probe results, its heartbeat logs and what it remembers of each replica.

export type ProbeFailure = { kind: "timeout" | "down"; error: string };

export type ReplicaProbe =
  | { answered: true; atMs: number; durationMs: number; values: (string | null)[]; info: ReplicationInfo | null }
  | { answered: false; atMs: number; durationMs: number; failure: ProbeFailure };

export type PrimaryProbe =
  | { ok: true; atMs: number; durationMs: number; seq: number }
  | { ok: false; atMs: number; durationMs: number; failure: ProbeFailure };

/** A primary as its replicas' heartbeats see it; `values` in a ReplicaProbe follow this order. */
export type HeartbeatSource = { primaryId: string; primaryName: string; log: HeartbeatLog; info: ReplicationInfo | null };

/** The newest heartbeat a replica showed us, kept across ticks for when it stops answering. */
export type ReplicaMemory = { sourceId: string; heartbeat: Heartbeat; failingSinceMs: number | null };

type Endpoint = { id: string; regionCode: string; url: string };

const blank = { lagBytes: null, lastIoSecondsAgo: null, syncInProgress: false, clockSkew: false, clockSkewMs: null, heartbeatSeq: null, error: null };

export function evaluatePrimary(endpoint: Endpoint, probe: PrimaryProbe): Sample {
  const common = { ...blank, endpointId: endpoint.id, regionCode: endpoint.regionCode, link: null, probeMs: Math.round(probe.durationMs) };
  if (!probe.ok) return { ...common, status: "unreachable", lagMs: null, error: probe.failure.error };
  // The primary is the reference: zero behind itself, which keeps home-region charts flat rather than empty.
  return { ...common, status: "ok", lagMs: 0, lagBytes: 0, heartbeatSeq: probe.seq };
}

function linkOf(info: ReplicationInfo | null): ReplicationLink {
  if (!info) return "unknown";
  if (info.role === "master") return "external";
  if (info.role !== "slave") return "unknown";
  if (info.syncInProgress) return "sync";
  return info.masterLinkStatus ?? "unknown";
}

/** Offsets are comparable only within one replication history, which the replid names. */
function byteLagFromReplica(info: ReplicationInfo | null, sources: readonly HeartbeatSource[]): number | null {
  if (info?.role !== "slave" || info.slaveReplOffset === null || !info.masterReplid) return null;
  for (const { info: primary } of sources) {
    if (primary?.masterReplid === info.masterReplid && primary.masterReplOffset !== null) {
      return Math.max(0, primary.masterReplOffset - info.slaveReplOffset);
    }
  }
  return null;
}

const loopback = new Set(["localhost", "127.0.0.1", "::1", "[::1]"]);
const sameHost = (a: string, b: string) => a === b || (loopback.has(a) && loopback.has(b));

/** For a replica that does not answer, the primary's list of replicas still has its acknowledged offset. */
export function byteLagFromPrimary(url: string, sources: readonly HeartbeatSource[]): number | null {
  let host: string;
  let port: number;
  try {
    const parsed = new URL(url);
    host = parsed.hostname;
    port = parsed.port ? Number(parsed.port) : 6379;
  } catch {
    return null;
  }
  for (const { info } of sources) {
    const entry = info?.replicas.find((r) => r.port === port && sameHost(r.ip, host));
    if (entry && info?.masterReplOffset != null) return Math.max(0, info.masterReplOffset - entry.offset);
  }
  return null;
}

function judge(m: LagMeasurement, thresholds: Thresholds) {
  if (m.basis === "raw" && m.skewMs !== null) return "skewed" as const;
  return statusFromLag(m.lagMs, thresholds);
}

export function evaluateReplica(input: {
  endpoint: Endpoint;
  probe: ReplicaProbe;
  sources: readonly HeartbeatSource[];
  memory: ReplicaMemory | undefined;
  thresholds: Thresholds;
  options: EvaluationOptions;
}): { sample: Sample; memory: ReplicaMemory | undefined } {
  const { endpoint, probe, sources, memory, thresholds, options } = input;
  const base = { ...blank, endpointId: endpoint.id, regionCode: endpoint.regionCode, probeMs: Math.round(probe.durationMs) };

  if (!probe.answered) {
    const failingSinceMs = memory?.failingSinceMs ?? probe.atMs;
    const kept = memory && { ...memory, failingSinceMs };
    const failed = { ...base, link: "unknown" as const, lagBytes: byteLagFromPrimary(endpoint.url, sources), error: probe.failure.error };
    // Refused or dropped connections mean the process is gone; a timeout only that it is slow or frozen.
    if (probe.failure.kind === "down" || !memory || probe.atMs - failingSinceMs >= options.unreachableAfterMs) {
      return { sample: { ...failed, status: "unreachable", lagMs: null }, memory: kept };
    }
    const source = sources.find((s) => s.primaryId === memory.sourceId);
    const m = measureLag({ nowMs: probe.atMs, heartbeat: memory.heartbeat, log: source?.log, answered: false, skewToleranceMs: options.skewToleranceMs });
    const sample: Sample = { ...failed, status: judge(m, thresholds), lagMs: clampInt(m.lagMs), heartbeatSeq: memory.heartbeat.seq };
    return { sample: { ...sample, clockSkew: m.skewMs !== null, clockSkewMs: m.skewMs === null ? null : clampInt(m.skewMs) }, memory: kept };
  }

  const info = probe.info;
  const observed = {
    ...base,
    link: linkOf(info),
    lagBytes: byteLagFromReplica(info, sources),
    lastIoSecondsAgo: info?.masterLastIoSecondsAgo ?? null,
    syncInProgress: info?.syncInProgress ?? false,
  };
  const candidates = sources.flatMap((source, i) => {
    const heartbeat = parseHeartbeat(probe.values[i]);
    if (!heartbeat) return [];
    const m = measureLag({ nowMs: probe.atMs, heartbeat, log: source.log, answered: true, skewToleranceMs: options.skewToleranceMs });
    const lastWrite = source.log.lastWrite;
    const sourceStale = !lastWrite || probe.atMs - lastWrite.ms > options.staleAfterMs;
    return [{ source, heartbeat, m, sourceStale }];
  });
  // Prefer a source we are still writing, then a sane clock, then the freshest: a replica
  // may hold old keys of a former primary, or a key some other writer set.
  const skewed = (c: { m: LagMeasurement }) => Number(c.m.basis === "raw" && c.m.skewMs !== null);
  candidates.sort((a, b) => Number(a.sourceStale) - Number(b.sourceStale) || skewed(a) - skewed(b) || a.m.lagMs - b.m.lagMs);
  const best = candidates[0];
  if (!best) {
    const error = "no heartbeat from any registered primary on this replica";
    return { sample: { ...observed, status: "stale", lagMs: null, error }, memory: undefined };
  }
  const { m, heartbeat } = best;
  const status = best.sourceStale ? "stale" : judge(m, thresholds);
  const error = best.sourceStale ? `heartbeat of primary ${best.source.primaryName} is not being written` : null;
  const sample: Sample = {
    ...observed,
    status,
    lagMs: clampInt(m.lagMs),
    clockSkew: m.skewMs !== null,
    clockSkewMs: m.skewMs === null ? null : clampInt(m.skewMs),
    heartbeatSeq: heartbeat.seq,
    error,
  };
  return { sample, memory: { sourceId: best.source.primaryId, heartbeat, failingSinceMs: null } };
}
