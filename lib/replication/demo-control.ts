import { spawnSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import type { Db } from "@/lib/db/client";
import { demoRedis as seededRedis } from "@/lib/seed/demo-estate";
import { isRedisServerAvailable, readDemoRedisState, registerDemoRedis, startDemoRedis, type DemoRedis } from "./demo-redis";
import { isRedisServerPid } from "./redis-server";

// The demo's Redis, seen from the start script (start it behind the seeded endpoints)
// and from the web app (which replicas exist, which are paused). The web app and the
// start script agree on the directory through the data directory only.

export const demoRedisDir = (dataDir: string) => path.join(dataDir, "redis");

export type DemoReplica = { region: string; url: string; running: boolean; paused: boolean };

/** Process state letter from the OS: "T" is stopped by a signal (SIGSTOP). */
function processState(pid: number): string | null {
  if (existsSync("/proc/self")) {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
      // "pid (comm) S …": comm may hold spaces or parentheses, so split after the last ")".
      return stat.slice(stat.lastIndexOf(")") + 2, stat.lastIndexOf(")") + 3) || null;
    } catch {
      return null;
    }
  }
  const ps = spawnSync("ps", ["-p", String(pid), "-o", "stat="], { encoding: "utf8" });
  return ps.status === 0 ? ps.stdout.trim().slice(0, 1) || null : null;
}

/** The demo replicas the start script left in `dir`, one per region, with whether each is paused now. */
export function listDemoReplicas(dir: string): DemoReplica[] {
  return readDemoRedisState(dir)
    .filter((node) => node.role === "replica")
    .map((node) => {
      const running = isRedisServerPid(node.pid);
      return { region: node.region, url: node.url, running, paused: running && processState(node.pid)?.toUpperCase() === "T" };
    });
}

export type StartDemoRedisEstateOptions = { db: Pick<Db, "redisEndpoint">; dataDir: string; log: (line: string) => void; binary?: string };

/**
 * For `npm start` in demo mode: a local primary and replicas shaped like the seeded Redis
 * endpoints (redis-sg-primary, redis-sg-replica, redis-bom-replica), and those endpoints
 * re-pointed at them. Null, with a hint, when redis-server is missing or fails: the rest
 * of the product runs without it.
 */
export async function startDemoRedisEstate(options: StartDemoRedisEstateOptions): Promise<DemoRedis | null> {
  if (!isRedisServerAvailable(options.binary)) {
    options.log("redis-server is not on the PATH: the demo Redis endpoints point at nothing (install redis-server and restart, or edit them under Inventory → Redis endpoints)");
    return null;
  }
  const primary = seededRedis.find((r) => r.role === "primary");
  if (!primary) return null;
  const replicas = seededRedis.filter((r) => r.role === "replica");
  let running: DemoRedis | null = null;
  try {
    running = await startDemoRedis({
      dir: demoRedisDir(options.dataDir),
      primaryRegion: primary.regionCode,
      replicaRegions: replicas.map((r) => r.regionCode),
      binary: options.binary,
    });
    // Same region and role ⇒ the seeded endpoint of that node; ports change on every start.
    const named = running.nodes.map((node) => ({ ...node, name: seededRedis.find((r) => r.regionCode === node.region && r.role === node.role)?.name ?? node.name }));
    await registerDemoRedis(options.db, named);
    options.log(`demo Redis: ${named.map((n) => `${n.name} on ${n.port}`).join(", ")}`);
    return running;
  } catch (error) {
    await running?.stop();
    options.log(`demo Redis did not start (${error instanceof Error ? error.message : String(error)}); replication shows the endpoints unreachable`);
    return null;
  }
}
