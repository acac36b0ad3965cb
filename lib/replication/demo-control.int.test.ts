import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seedDemoEstate } from "@/lib/seed/seed";
import { createTestDatabase, type TestDatabase } from "@/lib/test/database";
import { startDemoRedisEstate } from "./demo-control";
import type { DemoRedis } from "./demo-redis";
import { demoRedisDir, listDemoReplicas, setDemoReplicaPaused } from "./demo-state";

// What `npm start` does in demo mode: real redis-servers behind the seeded endpoints,
// and what the web app reads back (which replicas exist, which are paused).

const dataDir = mkdtempSync(path.join(tmpdir(), "fd-demo-estate-"));
const lines: string[] = [];
let test: TestDatabase;
let demo: DemoRedis | null = null;

beforeAll(async () => {
  test = await createTestDatabase();
  await seedDemoEstate(test.db, { heartbeatBasePort: 1 });
  demo = await startDemoRedisEstate({ db: test.db, dataDir, log: (line) => lines.push(line) });
});

afterAll(async () => {
  await demo?.stop();
  await test?.drop();
  rmSync(dataDir, { recursive: true, force: true });
});

describe("the demo Redis estate", () => {
  it("re-points the seeded endpoints at local servers instead of adding new ones", async () => {
    expect(demo).not.toBeNull();
    const endpoints = await test.db.redisEndpoint.findMany({ orderBy: { name: "asc" } });
    expect(endpoints.map((e) => [e.name, e.regionCode, e.role])).toEqual([
      ["redis-bom-replica", "ap-south-1", "replica"],
      ["redis-sg-primary", "ap-southeast-1", "primary"],
      ["redis-sg-replica", "ap-southeast-1", "replica"],
    ]);
    const urls = new Set(demo!.nodes.map((n) => n.url));
    expect(endpoints.every((e) => urls.has(e.url))).toBe(true);
    expect(lines.join("\n")).toContain("redis-bom-replica on");
  });

  it("lists one running replica per replica region, none paused", () => {
    const replicas = listDemoReplicas(demoRedisDir(dataDir));
    expect(replicas.map((r) => [r.region, r.running, r.paused])).toEqual([
      ["ap-southeast-1", true, false],
      ["ap-south-1", true, false],
    ]);
  });

  it("sees a replica paused from another process, and resumed", () => {
    const dir = demoRedisDir(dataDir);
    setDemoReplicaPaused(dir, "ap-south-1", true);
    expect(listDemoReplicas(dir).find((r) => r.region === "ap-south-1")?.paused).toBe(true);
    expect(listDemoReplicas(dir).find((r) => r.region === "ap-southeast-1")?.paused).toBe(false);
    setDemoReplicaPaused(dir, "ap-south-1", false);
    expect(listDemoReplicas(dir).find((r) => r.region === "ap-south-1")?.paused).toBe(false);
  });

  it("without redis-server says so and starts nothing", async () => {
    const messages: string[] = [];
    const other = mkdtempSync(path.join(tmpdir(), "fd-demo-none-"));
    try {
      expect(await startDemoRedisEstate({ db: test.db, dataDir: other, log: (l) => messages.push(l), binary: "/nonexistent/redis-server" })).toBeNull();
      expect(messages.join("\n")).toContain("redis-server is not on the PATH");
      expect(listDemoReplicas(demoRedisDir(other))).toEqual([]);
    } finally {
      rmSync(other, { recursive: true, force: true });
    }
  });

  it("after stop, lists nothing", async () => {
    await demo!.stop();
    demo = null;
    expect(listDemoReplicas(demoRedisDir(dataDir))).toEqual([]);
  });
});
