import { randomUUID } from "node:crypto";
import { hostname } from "node:os";
import type { Db } from "@/lib/db/client";
import { evaluateBreaches, type OpenBreach } from "./breaches";
import { defaultHeartbeatKeyPrefix } from "./heartbeat";
import { InventoryCache } from "./inventory-cache";
import { LeaderLock } from "./leader-lock";
import { runReplicationMaintenance, type RetentionOptions } from "./maintenance";
import { ProbeTicker, type ProbeTickResult } from "./probe-tick";
import { loadOpenBreaches, storeTick } from "./sample-store";
import { defaultEvaluationOptions, defaultThresholds, type EvaluationOptions, type Thresholds } from "./types";

// The worker task: once per second, one collector across every Flightdeck process (the
// one holding the advisory lock) probes all Redis endpoints, stores the samples, updates
// breaches and, once a minute, downsamples and prunes. The others wait and take over
// within a tick when the leader's database session goes away.

/** Any constant, the same in every process; distinct from the migration and audit locks. */
export const replicationLeaderLockKey = 7_216_905_320n;

export type CollectorLogger = {
  info(message: string, data?: Record<string, unknown>): void;
  warn(message: string, data?: Record<string, unknown>): void;
  error(message: string, data?: Record<string, unknown>): void;
};

export type TickReport = ProbeTickResult & { at: Date; durationMs: number };

export type StartReplicationCollectorOptions = {
  db: Db;
  /** For the dedicated lock connection (the pool behind `db` cannot hold a session lock). */
  databaseUrl: string;
  signal: AbortSignal;
  intervalMs?: number;
  /** Per probe; a tick makes two rounds (primaries, then replicas), so keep it under half the interval. */
  probeTimeoutMs?: number;
  /** A logger, or the worker's line printer. */
  log?: CollectorLogger | ((line: string) => void);
  defaultThresholds?: Thresholds;
  evaluation?: Partial<EvaluationOptions>;
  retention?: Omit<RetentionOptions, "now">;
  maintenanceIntervalMs?: number;
  /** Healthy ticks in a row before a breach closes. */
  breachClearAfterTicks?: number;
  heartbeatKeyPrefix?: string;
  heartbeatTtlMs?: number;
  inventoryRefreshMs?: number;
  collectorId?: string;
  /** Called after each stored leader tick (benchmarks, tests). */
  onTick?: (report: TickReport) => void;
};

export type CollectorStats = { ticks: number; lastTickAt: Date | null; lastTickMs: number | null; lastError: string | null };

export type ReplicationCollector = { id: string; isLeader(): boolean; stats(): CollectorStats; stopped: Promise<void> };

function toLogger(log: StartReplicationCollectorOptions["log"]): CollectorLogger {
  if (typeof log === "object") return log;
  const print = log ?? ((line: string) => console.log(line));
  const line = (level: string) => (message: string, data?: Record<string, unknown>) => print(`${level}: ${message}${data ? ` ${JSON.stringify(data)}` : ""}`);
  return { info: line("info"), warn: line("warn"), error: line("error") };
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) return resolve();
    const timer = setTimeout(done, Math.max(0, ms));
    function done() {
      clearTimeout(timer);
      signal.removeEventListener("abort", done);
      resolve();
    }
    signal.addEventListener("abort", done, { once: true });
  });
}

const messageOf = (error: unknown) => (error instanceof Error ? error.message : String(error));

export function startReplicationCollector(options: StartReplicationCollectorOptions): ReplicationCollector {
  const { db, signal } = options;
  const intervalMs = options.intervalMs ?? 1_000;
  const log = toLogger(options.log);
  const id = options.collectorId ?? `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
  const maintenanceIntervalMs = options.maintenanceIntervalMs ?? 60_000;
  const lock = new LeaderLock({ databaseUrl: options.databaseUrl, key: replicationLeaderLockKey, applicationName: "flightdeck-replication-collector", queryTimeoutMs: 5_000, cooldownMs: 3 * intervalMs, log });
  const inventory = new InventoryCache(db, options.inventoryRefreshMs ?? 5_000, options.defaultThresholds ?? defaultThresholds, (e) =>
    log.warn("replication inventory refresh failed; using the last one", { error: messageOf(e) }),
  );
  const stats: CollectorStats = { ticks: 0, lastTickAt: null, lastTickMs: null, lastError: null };
  let ticker: ProbeTicker | null = null;
  let openBreaches: OpenBreach[] | null = null;
  let lastMaintenanceAt = 0;
  let maintaining: Promise<void> | null = null;

  function standDown(): void {
    ticker?.close();
    ticker = null;
    openBreaches = null;
    inventory.invalidate();
  }

  function maybeMaintain(nowMs: number): void {
    if (maintaining || nowMs - lastMaintenanceAt < maintenanceIntervalMs) return;
    lastMaintenanceAt = nowMs;
    // Off the tick's path: a slow delete must not delay the next probe.
    maintaining = runReplicationMaintenance(db, options.retention)
      .then(() => undefined, (e) => log.warn("replication maintenance failed", { error: messageOf(e) }))
      .finally(() => (maintaining = null));
  }

  async function leaderTick(tickAt: number): Promise<void> {
    ticker ??= new ProbeTicker({
      collectorId: id,
      timeoutMs: options.probeTimeoutMs ?? 400,
      keyPrefix: options.heartbeatKeyPrefix ?? defaultHeartbeatKeyPrefix,
      heartbeatTtlMs: options.heartbeatTtlMs ?? 3_600_000,
      evaluation: { ...defaultEvaluationOptions, ...options.evaluation },
    });
    const { endpoints, thresholdsFor } = await inventory.current(tickAt);
    const result = await ticker.run(endpoints, thresholdsFor);
    openBreaches ??= await lock.withClient(loadOpenBreaches);
    const evaluated = evaluateBreaches({
      open: openBreaches,
      regions: result.regions,
      nowMs: tickAt,
      clearAfterTicks: options.breachClearAfterTicks ?? 3,
      newId: randomUUID,
    });
    openBreaches = null; // reloaded next tick if the write below fails
    await lock.withClient((c) => storeTick(c, new Date(tickAt), result.samples, evaluated.changes));
    openBreaches = evaluated.open;
    const durationMs = Date.now() - tickAt;
    Object.assign(stats, { ticks: stats.ticks + 1, lastTickAt: new Date(tickAt), lastTickMs: durationMs, lastError: null });
    options.onTick?.({ ...result, at: new Date(tickAt), durationMs });
    maybeMaintain(tickAt);
  }

  async function loop(): Promise<void> {
    let nextAt = Date.now();
    while (!signal.aborted) {
      const tickAt = Date.now();
      try {
        if (await lock.acquire()) await leaderTick(tickAt);
        else if (ticker) standDown();
      } catch (error) {
        const message = messageOf(error);
        // Once per distinct failure, not once a second while the database is down.
        if (message !== stats.lastError) log.error("replication collector tick failed", { error: message, leader: lock.isLeader });
        stats.lastError = message;
        if (!lock.isLeader) standDown();
      }
      nextAt += intervalMs;
      const now = Date.now();
      // Late (a slow tick): skip the missed ticks rather than run them back to back.
      if (nextAt <= now) nextAt = now + intervalMs - ((now - nextAt) % intervalMs);
      await sleep(nextAt - now, signal);
    }
    standDown();
    await maintaining;
    await lock.release();
  }

  const stopped = loop().catch((error) => log.error("replication collector stopped on an error", { error: messageOf(error) }));
  return { id, isLeader: () => lock.isLeader, stats: () => ({ ...stats }), stopped };
}
