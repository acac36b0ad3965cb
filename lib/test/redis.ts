import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { Redis } from "ioredis";
import { startRedisServer, type RedisServer } from "@/lib/replication/redis-server";

// Real Redis servers for integration tests, on free loopback ports, each in a throwaway
// directory. Call stop() in afterAll: it stops every server it started, by PID.

export type TestRedis = {
  start(name: string, replicaOf?: RedisServer, extraArgs?: string[]): Promise<RedisServer>;
  /** A short-lived client (closed by stop()). */
  client(server: RedisServer): Redis;
  /** Waits until a replica reports master_link_status:up. */
  waitForLink(replica: RedisServer, timeoutMs?: number): Promise<void>;
  stop(): Promise<void>;
};

export function createTestRedis(): TestRedis {
  const dir = mkdtempSync(path.join(tmpdir(), "fd-redis-"));
  const servers: RedisServer[] = [];
  const clients: Redis[] = [];
  const client = (server: RedisServer) => {
    // No ready check: it sends INFO, which some test servers rename away.
    const c = new Redis(server.url, { protocol: 2, maxRetriesPerRequest: 1, lazyConnect: true, disableClientInfo: true, enableReadyCheck: false });
    c.on("error", () => undefined);
    clients.push(c);
    return c;
  };
  return {
    async start(name, replicaOf, extraArgs) {
      const server = await startRedisServer({ dir, name, extraArgs, replicaOf: replicaOf && { host: "127.0.0.1", port: replicaOf.port } });
      servers.push(server);
      return server;
    },
    client,
    async waitForLink(replica, timeoutMs = 10_000) {
      const c = client(replica);
      const deadline = Date.now() + timeoutMs;
      while (Date.now() < deadline) {
        const info = await c.info("replication").catch(() => "");
        if (info.includes("master_link_status:up")) return;
        await new Promise((r) => setTimeout(r, 25));
      }
      throw new Error(`${replica.name} did not link to its primary within ${timeoutMs} ms`);
    },
    async stop() {
      for (const c of clients) c.disconnect();
      await Promise.all(servers.map((s) => s.stop()));
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
