import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import net from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { createApiToken } from "@/lib/auth/api-tokens";
import { childEnv } from "@/lib/env";
import { waitForHttp } from "@/lib/runtime/processes";
import { createTestDatabase } from "@/lib/test/database";
import { demoRedisDir } from "../demo-state";
import { freePort } from "../redis-server";

// For benchmarks: the whole product exactly as `npm start` runs it (web, worker, sandbox,
// demo Redis), on a throwaway database, a temporary data directory and free ports, so it
// never meets a developer's own instance.

export type BenchProduct = {
  baseUrl: string;
  /** An admin API token. */
  token: string;
  /** Where the demo Redis state file is, to pause replicas by region. */
  redisDir: string;
  stop(): Promise<void>;
};

function isFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.once("error", () => resolve(false));
    server.listen(port, "127.0.0.1", () => server.close(() => resolve(true)));
  });
}

/** Two consecutive free ports: the demo's heartbeat servers take base and base + 1. */
async function freePortPair(): Promise<number> {
  for (let attempt = 0; attempt < 50; attempt++) {
    const base = 20_000 + Math.floor(Math.random() * 20_000);
    if ((await isFree(base)) && (await isFree(base + 1))) return base;
  }
  throw new Error("no two consecutive free ports found");
}

export async function startBenchProduct(options: { log: (line: string) => void; quiet?: boolean; readyTimeoutMs?: number }): Promise<BenchProduct> {
  const database = await createTestDatabase();
  const dataDir = mkdtempSync(path.join(tmpdir(), "fd-bench-"));
  const [port, sandboxPort, heartbeatBase] = [await freePort(), await freePort(), await freePortPair()];
  const baseUrl = `http://127.0.0.1:${port}`;
  const child = spawn(path.resolve("node_modules/.bin/tsx"), ["--conditions=react-server", "scripts/start.ts"], {
    stdio: options.quiet ? "ignore" : "inherit",
    // Its own process group: whatever the product started (web, worker, sandbox, Redis) can
    // be ended by group if its own shutdown does not finish, so a benchmark leaves nothing behind.
    detached: true,
    env: childEnv({
      DATABASE_URL: database.url,
      FLIGHTDECK_DATA_DIR: dataDir,
      FLIGHTDECK_DEMO: "1",
      PORT: String(port),
      NEXTAUTH_URL: baseUrl,
      FLIGHTDECK_SANDBOX_PORT: String(sandboxPort),
      FLIGHTDECK_SANDBOX_THROTTLE: "0",
      FLIGHTDECK_HEARTBEAT_BASE_PORT: String(heartbeatBase),
    }),
  });
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  const killGroup = (signal: NodeJS.Signals) => {
    try {
      if (child.pid) process.kill(-child.pid, signal);
    } catch {
      // The group is empty: everything already exited.
    }
  };
  const cleanUp = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill("SIGTERM"); // npm start's own shutdown: stops its children and the demo Redis
      const timer = setTimeout(() => killGroup("SIGKILL"), 30_000);
      await exited;
      clearTimeout(timer);
    }
    await new Promise((r) => setTimeout(r, 1_000));
    killGroup("SIGKILL"); // anything its shutdown left behind
    await database.drop().catch(() => undefined);
    rmSync(dataDir, { recursive: true, force: true });
  };
  try {
    options.log(`starting the product on ${baseUrl} (a build first if the sources changed)…`);
    await Promise.race([
      waitForHttp(`${baseUrl}/api/health`, options.readyTimeoutMs ?? 300_000, (status) => status === 200),
      exited.then(() => Promise.reject(new Error("the product exited before it was ready"))),
    ]);
    const { token } = await createApiToken(database.db, { name: `bench-lag-${Date.now()}`, role: "admin" });
    return { baseUrl, token, redisDir: demoRedisDir(dataDir), stop: cleanUp };
  } catch (error) {
    await cleanUp();
    throw error;
  }
}
