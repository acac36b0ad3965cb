import { Redis } from "ioredis";
import type { PrimaryProbe, ProbeFailure, ReplicaProbe } from "./evaluate";
import { encodeHeartbeat, parseHeartbeat, type HeartbeatLog } from "./heartbeat";
import { parseReplicationInfo, type ReplicationInfo } from "./info";
import type { RedisEndpointRef } from "./types";

// The only code that talks to Redis. Each endpoint keeps one lazily connected client
// across ticks; every probe is a single pipelined round trip bounded by its own timeout,
// so a dead, frozen or far-away endpoint costs the tick at most that timeout and never
// holds up the others (the collector runs probes side by side).

export type RedisClientEntry = {
  url: string;
  client: Redis;
  lastError: string | null;
  timeouts: number;
  /**
   * Set when a probe gave up on this connection. A frozen server never answers our FIN, so
   * the old client can linger half-closed and fail the next command at once with
   * "Connection is closed", which would read as "down": the next probe gets a new client.
   */
  dropped: boolean;
};

/** Consecutive timeouts after which the connection is dropped: replies may be piling up behind a frozen server. */
const resetAfterTimeouts = 3;

export class RedisClients {
  private readonly entries = new Map<string, RedisClientEntry>();

  constructor(private readonly timeoutMs: number) {}

  /** Drops clients of endpoints that left the inventory or changed address. */
  sync(endpoints: readonly RedisEndpointRef[]): void {
    const wanted = new Map(endpoints.map((e) => [e.id, e.url]));
    for (const [id, entry] of this.entries) {
      if (wanted.get(id) !== entry.url) {
        entry.client.disconnect();
        this.entries.delete(id);
      }
    }
  }

  get(endpoint: RedisEndpointRef): RedisClientEntry {
    const found = this.entries.get(endpoint.id);
    if (found && !found.dropped) return found;
    const client = new Redis(endpoint.url, {
      lazyConnect: true,
      // RESP2 and no handshake extras: works on Redis 5–7, ElastiCache and proxies alike.
      protocol: 2,
      enableReadyCheck: false,
      disableClientInfo: true,
      connectTimeout: this.timeoutMs,
      commandTimeout: this.timeoutMs,
      maxRetriesPerRequest: 0,
      // We reconnect on the next tick ourselves; ioredis's backoff would only queue stale probes.
      retryStrategy: () => null,
      connectionName: "flightdeck-replication",
    });
    const entry: RedisClientEntry = { url: endpoint.url, client, lastError: null, timeouts: 0, dropped: false };
    // ioredis reports the cause (ECONNREFUSED…) only as an event; the command just sees "Connection is closed".
    client.on("error", (error: Error) => {
      entry.lastError = error.message;
    });
    this.entries.set(endpoint.id, entry);
    return entry;
  }

  closeAll(): void {
    for (const entry of this.entries.values()) entry.client.disconnect();
    this.entries.clear();
  }
}

type Outcome<T> = { ok: true; value: T; atMs: number; durationMs: number } | { ok: false; failure: ProbeFailure; atMs: number; durationMs: number };

export function classifyFailure(message: string): ProbeFailure["kind"] {
  return /timed? ?out|ETIMEDOUT/i.test(message) ? "timeout" : "down";
}

async function withEntry<T>(entry: RedisClientEntry, timeoutMs: number, work: (client: Redis) => Promise<T>): Promise<Outcome<T>> {
  const started = performance.now();
  const done = () => ({ atMs: Date.now(), durationMs: performance.now() - started });
  if (entry.client.status === "wait" || entry.client.status === "end") {
    entry.lastError = null;
    // Failures surface through the commands below and the "error" event.
    entry.client.connect().catch(() => undefined);
  }
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out after ${timeoutMs} ms`)), timeoutMs + 50);
  });
  try {
    const value = await Promise.race([work(entry.client), timeout]);
    entry.timeouts = 0;
    return { ok: true, value, ...done() };
  } catch (error) {
    let message = error instanceof Error ? error.message : String(error);
    if (/Connection is closed/i.test(message) && entry.lastError) message = entry.lastError;
    const kind = classifyFailure(message);
    if (kind === "timeout" && ++entry.timeouts >= resetAfterTimeouts) {
      entry.timeouts = 0;
      entry.dropped = true;
      entry.client.disconnect();
    }
    return { ok: false, failure: { kind, error: message.slice(0, 500) }, ...done() };
  } finally {
    clearTimeout(timer);
  }
}

function unwrap(results: [Error | null, unknown][] | null, index: number): unknown {
  const [error, value] = results?.[index] ?? [new Error("no reply"), null];
  if (error) throw error;
  return value;
}

export type HeartbeatWriteResult = { probe: PrimaryProbe; info: ReplicationInfo | null };

/** Writes the next heartbeat on a primary and reads its INFO replication right after it. */
export async function writeHeartbeat(
  entry: RedisClientEntry,
  input: { key: string; log: HeartbeatLog; by: string; ttlMs: number; timeoutMs: number },
): Promise<HeartbeatWriteResult> {
  const { key, log, by, ttlMs, timeoutMs } = input;
  const outcome = await withEntry(entry, timeoutMs, async (client) => {
    if (log.pendingSeq === null) log.seed(parseHeartbeat(await client.get(key)));
    const seq = log.takeSeq();
    const ms = Date.now();
    const results = await client.pipeline().set(key, encodeHeartbeat({ ms, seq, by }), "PX", ttlMs).info("replication").exec();
    unwrap(results, 0);
    log.record({ seq, ms });
    let info: ReplicationInfo | null = null;
    try {
      info = parseReplicationInfo(String(unwrap(results, 1)));
    } catch {
      // INFO may be renamed or denied by ACL; byte lag is then unknown, time lag still works.
    }
    return { seq, info };
  });
  if (outcome.ok) return { probe: { ok: true, atMs: outcome.atMs, durationMs: outcome.durationMs, seq: outcome.value.seq }, info: outcome.value.info };
  const failure = /^READONLY/.test(outcome.failure.error)
    ? { kind: "down" as const, error: `registered as primary but is read-only (a replica?): ${outcome.failure.error}` }
    : outcome.failure;
  return { probe: { ok: false, atMs: outcome.atMs, durationMs: outcome.durationMs, failure }, info: null };
}

/** Reads every registered primary's heartbeat key and INFO replication from a replica. */
export async function readReplica(entry: RedisClientEntry, input: { keys: readonly string[]; timeoutMs: number }): Promise<ReplicaProbe> {
  const outcome = await withEntry(entry, input.timeoutMs, async (client) => {
    const pipeline = client.pipeline();
    if (input.keys.length) pipeline.mget(...input.keys);
    pipeline.info("replication");
    const results = await pipeline.exec();
    const values = input.keys.length ? (unwrap(results, 0) as (string | null)[]) : [];
    let info: ReplicationInfo | null = null;
    try {
      info = parseReplicationInfo(String(unwrap(results, input.keys.length ? 1 : 0)));
    } catch {
      // As above: a replicator's target may refuse INFO; the heartbeat alone still gives lag.
    }
    return { values, info };
  });
  if (!outcome.ok) return { answered: false, atMs: outcome.atMs, durationMs: outcome.durationMs, failure: outcome.failure };
  return { answered: true, atMs: outcome.atMs, durationMs: outcome.durationMs, ...outcome.value };
}
