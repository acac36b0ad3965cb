import { spawnSync } from "node:child_process";
import { writeFileSync } from "node:fs";
import type { Db } from "@/lib/db/client";
import { demoStateFile, isRedisServerPid, readDemoRedisState, signalDemoReplica, type DemoRedisNode } from "./demo-state";
import { startRedisServer, type RedisServer } from "./redis-server";

export { readDemoRedisState, setDemoReplicaPaused, type DemoRedisNode } from "./demo-state";

// The demo's Redis estate: a primary in the home region and one native replica in each
// other region, all on loopback. Its state file lets another process (the web app's
// sandbox-only control) pause and resume a replica by region.

export type DemoRedis = {
  nodes: DemoRedisNode[];
  /** SIGSTOP / SIGCONT the replica of a region, so its lag grows and recovers. */
  setPaused(region: string, paused: boolean): void;
  stop(): Promise<void>;
};

export type DemoRedisOptions = { dir: string; primaryRegion: string; replicaRegions: readonly string[]; binary?: string };

export function isRedisServerAvailable(binary = "redis-server"): boolean {
  return spawnSync(binary, ["--version"], { stdio: "ignore" }).status === 0;
}

/** Leftovers of a demo that died without stopping its servers would hold ports and confuse the state file. */
function killLeftovers(dir: string): void {
  for (const node of readDemoRedisState(dir)) if (isRedisServerPid(node.pid)) process.kill(node.pid, "SIGKILL");
}

export async function startDemoRedis(options: DemoRedisOptions): Promise<DemoRedis> {
  killLeftovers(options.dir);
  const servers: { server: RedisServer; region: string; role: DemoRedisNode["role"] }[] = [];
  const stop = async () => {
    await Promise.all(servers.map(({ server }) => server.stop()));
    writeFileSync(demoStateFile(options.dir), JSON.stringify({ nodes: [] }));
  };
  try {
    const primary = await startRedisServer({ dir: options.dir, name: `${options.primaryRegion}-primary`, binary: options.binary });
    servers.push({ server: primary, region: options.primaryRegion, role: "primary" });
    const replicas = await Promise.all(
      options.replicaRegions.map((region) =>
        startRedisServer({ dir: options.dir, name: `${region}-replica`, binary: options.binary, replicaOf: { host: "127.0.0.1", port: primary.port } }),
      ),
    );
    replicas.forEach((server, i) => servers.push({ server, region: options.replicaRegions[i]!, role: "replica" }));
  } catch (error) {
    await stop();
    throw error;
  }
  const nodes = servers.map(({ server, region, role }): DemoRedisNode => ({ name: `demo-redis-${server.name}`, region, role, url: server.url, port: server.port, pid: server.pid }));
  writeFileSync(demoStateFile(options.dir), JSON.stringify({ nodes }, null, 2));
  return { nodes, setPaused: (region, paused) => signalDemoReplica(nodes, region, paused), stop };
}

/**
 * Registers (or re-points, ports change per run) the demo nodes as Redis endpoints.
 * Their regions must already be in the inventory.
 */
export async function registerDemoRedis(db: Pick<Db, "redisEndpoint">, nodes: readonly DemoRedisNode[]): Promise<void> {
  for (const node of nodes) {
    const data = { regionCode: node.region, role: node.role, url: node.url };
    await db.redisEndpoint.upsert({ where: { name: node.name }, create: { name: node.name, ...data }, update: data });
  }
}
