import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { Redis } from "ioredis";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "@/lib/test/database";
import { isRedisServerAvailable, readDemoRedisState, registerDemoRedis, setDemoReplicaPaused, startDemoRedis, type DemoRedis } from "./demo-redis";
import { isRedisServerPid } from "./redis-server";

// The demo's local Redis estate: started, registered, paused from "another process"
// (through its state file), and stopped without leaving a process behind.

const dir = mkdtempSync(path.join(tmpdir(), "fd-demo-redis-"));
let demo: DemoRedis;
let test: TestDatabase;

/** Linux process state letter: "T" when stopped by SIGSTOP. */
const state = (pid: number) => readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]?.[0];

beforeAll(async () => {
  test = await createTestDatabase();
  demo = await startDemoRedis({ dir, primaryRegion: "ap-southeast-1", replicaRegions: ["ap-south-1", "eu-west-1"] });
});

afterAll(async () => {
  await demo?.stop();
  await test?.drop();
  rmSync(dir, { recursive: true, force: true });
});

describe("demo Redis", () => {
  it("finds redis-server on PATH", () => {
    expect(isRedisServerAvailable()).toBe(true);
    expect(isRedisServerAvailable("/nonexistent/redis-server")).toBe(false);
  });

  it("starts a primary and one replica per region, replicating", async () => {
    expect(demo.nodes.map((n) => [n.region, n.role])).toEqual([
      ["ap-southeast-1", "primary"],
      ["ap-south-1", "replica"],
      ["eu-west-1", "replica"],
    ]);
    const primary = new Redis(demo.nodes[0]!.url, { protocol: 2, lazyConnect: true });
    const replica = new Redis(demo.nodes[2]!.url, { protocol: 2, lazyConnect: true });
    try {
      await primary.set("demo-check", "1");
      const deadline = Date.now() + 5_000;
      while ((await replica.get("demo-check")) !== "1" && Date.now() < deadline) await new Promise((r) => setTimeout(r, 25));
      expect(await replica.get("demo-check")).toBe("1");
    } finally {
      primary.disconnect();
      replica.disconnect();
    }
    expect(readDemoRedisState(dir)).toEqual(demo.nodes);
  });

  it("pauses and resumes a region's replica through the state file", async () => {
    const pid = demo.nodes.find((n) => n.region === "ap-south-1")!.pid;
    // A signal takes effect when the kernel next schedules the process: poll its state briefly.
    const settles = async (stopped: boolean) => {
      for (const deadline = Date.now() + 2_000; (state(pid) === "T") !== stopped && Date.now() < deadline; ) await new Promise((r) => setTimeout(r, 10));
      return state(pid);
    };
    setDemoReplicaPaused(dir, "ap-south-1", true);
    expect(await settles(true)).toBe("T");
    setDemoReplicaPaused(dir, "ap-south-1", false);
    expect(await settles(false)).not.toBe("T");
    expect(() => setDemoReplicaPaused(dir, "ap-southeast-1", true)).toThrow(/no demo Redis replica/);
  });

  it("registers the nodes as endpoints, re-pointing them on the next run", async () => {
    for (const n of demo.nodes) await test.db.region.create({ data: { code: n.region, name: n.region, latitude: 0, longitude: 0 } });
    await registerDemoRedis(test.db, demo.nodes.map((n) => ({ ...n, url: "redis://127.0.0.1:1" })));
    await registerDemoRedis(test.db, demo.nodes);
    const endpoints = await test.db.redisEndpoint.findMany({ orderBy: { name: "asc" } });
    expect(endpoints.map((e) => [e.name, e.role, e.url]).sort()).toEqual(demo.nodes.map((n) => [n.name, n.role, n.url]).sort());
  });

  it("stops every server it started", async () => {
    const pids = demo.nodes.map((n) => n.pid);
    setDemoReplicaPaused(dir, "eu-west-1", true);
    await demo.stop();
    expect(pids.filter(isRedisServerPid)).toEqual([]);
    expect(readDemoRedisState(dir)).toEqual([]);
  });
});
