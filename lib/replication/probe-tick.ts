import { evaluatePrimary, evaluateReplica, type HeartbeatSource, type ReplicaMemory } from "./evaluate";
import { HeartbeatLog, heartbeatKey } from "./heartbeat";
import { readReplica, RedisClients, writeHeartbeat } from "./redis-probe";
import { rollupRegions, type RegionRollup } from "./status";
import type { EvaluationOptions, RedisEndpointRef, Sample, Thresholds } from "./types";

export type ProbeTickOptions = {
  collectorId: string;
  timeoutMs: number;
  keyPrefix: string;
  heartbeatTtlMs: number;
  evaluation: EvaluationOptions;
};

export type ProbeTickResult = { samples: Sample[]; regions: (RegionRollup & { thresholds: Thresholds })[] };

/**
 * One collector tick against Redis: heartbeats onto every primary first, then every
 * replica read, so a replica read right after the write tells the replication delay.
 * Holds what must survive between ticks — clients, heartbeat logs, replica memory — and
 * is dropped as a whole when this process stops leading.
 */
export class ProbeTicker {
  private readonly clients: RedisClients;
  private readonly logs = new Map<string, HeartbeatLog>();
  private readonly memory = new Map<string, ReplicaMemory>();

  constructor(private readonly options: ProbeTickOptions) {
    this.clients = new RedisClients(options.timeoutMs);
  }

  private logFor(primaryId: string): HeartbeatLog {
    let log = this.logs.get(primaryId);
    if (!log) this.logs.set(primaryId, (log = new HeartbeatLog()));
    return log;
  }

  private forget(endpoints: readonly RedisEndpointRef[]): void {
    const ids = new Set(endpoints.map((e) => e.id));
    for (const id of this.logs.keys()) if (!ids.has(id)) this.logs.delete(id);
    for (const id of this.memory.keys()) if (!ids.has(id)) this.memory.delete(id);
    this.clients.sync(endpoints);
  }

  async run(endpoints: readonly RedisEndpointRef[], thresholdsFor: (region: string) => Thresholds): Promise<ProbeTickResult> {
    const { collectorId, timeoutMs, keyPrefix, heartbeatTtlMs, evaluation } = this.options;
    this.forget(endpoints);
    const primaries = endpoints.filter((e) => e.role === "primary");
    const replicas = endpoints.filter((e) => e.role === "replica");
    const keys = primaries.map((p) => heartbeatKey(keyPrefix, p.id));

    const writes = await Promise.all(
      primaries.map((p, i) => writeHeartbeat(this.clients.get(p), { key: keys[i]!, log: this.logFor(p.id), by: collectorId, ttlMs: heartbeatTtlMs, timeoutMs })),
    );
    const sources: HeartbeatSource[] = primaries.map((p, i) => ({ primaryId: p.id, primaryName: p.name, log: this.logFor(p.id), info: writes[i]!.info }));
    const reads = await Promise.all(replicas.map((r) => readReplica(this.clients.get(r), { keys, timeoutMs })));

    const samples = primaries.map((p, i) => evaluatePrimary(p, writes[i]!.probe));
    replicas.forEach((endpoint, i) => {
      const result = evaluateReplica({
        endpoint,
        probe: reads[i]!,
        sources,
        memory: this.memory.get(endpoint.id),
        thresholds: thresholdsFor(endpoint.regionCode),
        options: evaluation,
      });
      if (result.memory) this.memory.set(endpoint.id, result.memory);
      else this.memory.delete(endpoint.id);
      samples.push(result.sample);
    });
    const regions = rollupRegions(samples).map((r) => ({ ...r, thresholds: thresholdsFor(r.region) }));
    return { samples, regions };
  }

  close(): void {
    this.clients.closeAll();
    this.logs.clear();
    this.memory.clear();
  }
}
