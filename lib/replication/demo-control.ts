import type { Db } from "@/lib/db/client";
import { demoRedis as seededRedis } from "@/lib/seed/demo-estate";
import { isRedisServerAvailable, registerDemoRedis, startDemoRedis, type DemoRedis } from "./demo-redis";
import { demoRedisDir } from "./demo-state";

// The demo's Redis from the start script's side: started behind the seeded endpoints.
// The web app reads it back through demo-state.ts (the state file and the processes).

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
