import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "@/lib/test/database";
import { createTestRedis, type TestRedis } from "@/lib/test/redis";
import { startReplicationCollector, type CollectorLogger, type ReplicationCollector } from "./collector";
import { listReplicationBreaches } from "./query-breaches";
import { getReplicationHistory } from "./query-history";
import { getReplicationStatus, type RegionStatus } from "./query-status";
import type { RedisServer } from "./redis-server";
import { breachChannel } from "./sample-store";
import { setRegionThresholds } from "./thresholds";

// A primary in ap-southeast-1 and native replicas in ap-south-1 and eu-west-1, all real
// redis-servers, watched by a real collector ticking once per second.

const quiet: CollectorLogger = { info: () => undefined, warn: () => undefined, error: () => undefined };
const home = "ap-southeast-1";
const south = "ap-south-1";
const west = "eu-west-1";

let test: TestDatabase;
let redis: TestRedis;
let primary: RedisServer;
let replicaSouth: RedisServer;
let replicaWest: RedisServer;
let collector: ReplicationCollector;
let listener: pg.Client;
const notifications: { event: string; region: string; level: string }[] = [];
const abort = new AbortController();

async function region(code: string): Promise<RegionStatus> {
  const found = (await getReplicationStatus(test.db)).regions.find((r) => r.region === code);
  if (!found) throw new Error(`no status for ${code}`);
  return found;
}

/** Polls the query module (what the API will serve) until `until` holds; returns the elapsed ms. */
async function waitFor(until: () => Promise<boolean>, timeoutMs: number, everyMs = 50): Promise<number> {
  const started = Date.now();
  while (Date.now() - started < timeoutMs) {
    if (await until()) return Date.now() - started;
    await new Promise((r) => setTimeout(r, everyMs));
  }
  throw new Error(`condition not met within ${timeoutMs} ms`);
}

beforeAll(async () => {
  [test, redis] = await Promise.all([createTestDatabase(), createTestRedis()]);
  primary = await redis.start("primary");
  [replicaSouth, replicaWest] = await Promise.all([redis.start("replica-south", primary), redis.start("replica-west", primary)]);
  await Promise.all([redis.waitForLink(replicaSouth), redis.waitForLink(replicaWest)]);

  for (const [code, latitude, longitude] of [[home, 1.3, 103.8], [south, 19.1, 72.9], [west, 53.3, -6.3]] as const) {
    await test.db.region.create({ data: { code, name: code, latitude, longitude } });
  }
  await test.db.redisEndpoint.createMany({
    data: [
      { name: "home-primary", regionCode: home, role: "primary", url: primary.url },
      { name: "south-replica", regionCode: south, role: "replica", url: replicaSouth.url },
      { name: "west-replica", regionCode: west, role: "replica", url: replicaWest.url },
    ],
  });
  for (const code of [south, west]) await setRegionThresholds(test.db, { regionCode: code, warningMs: 500, criticalMs: 1_000 }, "user:test");

  listener = new pg.Client({ connectionString: test.url });
  await listener.connect();
  listener.on("notification", (n) => notifications.push(JSON.parse(n.payload ?? "{}")));
  await listener.query(`LISTEN ${breachChannel}`);

  collector = startReplicationCollector({ db: test.db, databaseUrl: test.url, signal: abort.signal, log: quiet, probeTimeoutMs: 400 });
  await waitFor(async () => collector.stats().ticks >= 3, 10_000);
});

afterAll(async () => {
  abort.abort();
  await collector?.stopped;
  await listener?.end();
  await redis?.stop();
  await test?.drop();
});

describe("replication collector against real Redis", () => {
  it("reports lag near zero at rest, with link up and offsets compared", async () => {
    for (const code of [south, west]) {
      const status = await region(code);
      expect(status).toMatchObject({ status: "ok", link: "up" });
      expect(status.lagMs).toBeLessThan(50);
      expect(status.lagBytes).toBeLessThan(1_024);
      expect(status.ageMs).toBeLessThan(2_500);
    }
    expect(await region(home)).toMatchObject({ status: "ok", lagMs: 0 });
    const worst = await test.db.replicationSample.aggregate({ where: { regionCode: { in: [south, west] } }, _max: { lagMs: true } });
    expect(worst._max.lagMs).toBeLessThan(100);
  });

  it("shows a paused replica critical within 2 s while the other stays ok, then recovers", async () => {
    const westStatuses = new Set<string>();
    replicaSouth.pause();
    let elapsed: number;
    try {
      elapsed = await waitFor(async () => {
        westStatuses.add((await region(west)).status);
        return (await region(south)).status === "critical";
      }, 4_000);
    } finally {
      replicaSouth.resume();
    }
    expect(elapsed).toBeLessThan(2_000);
    expect([...westStatuses]).toEqual(["ok"]);
    const paused = await test.db.replicationSample.findFirst({ where: { regionCode: south, status: "critical" }, orderBy: { sampledAt: "desc" } });
    expect(paused?.lagMs).toBeGreaterThanOrEqual(1_000);
    // The primary still lists the frozen replica, so its acknowledged offset gives byte lag.
    expect(Number(paused?.lagBytes)).toBeGreaterThan(0);
    expect(paused?.error).toMatch(/timed? ?out/i);

    expect(await listReplicationBreaches(test.db, { regions: [south], openOnly: true })).toEqual(
      expect.arrayContaining([expect.objectContaining({ level: "critical", thresholdMs: 1_000 })]),
    );
    await waitFor(async () => (await region(south)).status === "ok", 5_000);
    // Three healthy ticks in a row close the breaches.
    await waitFor(async () => (await listReplicationBreaches(test.db, { regions: [south], openOnly: true })).length === 0, 6_000, 200);
    const [closed] = await listReplicationBreaches(test.db, { regions: [south] });
    expect(closed?.endedAt).not.toBeNull();
    expect(closed?.peakLagMs).toBeGreaterThanOrEqual(1_000);
    // Notifications and rollout gates hear of both ends through LISTEN.
    const heard = notifications.filter((n) => n.region === south && n.level === "critical").map((n) => n.event);
    expect(heard).toEqual(["opened", "closed"]);
  });

  it("shows a killed replica unreachable and recovers when it is restarted", async () => {
    await replicaWest.kill();
    const elapsed = await waitFor(async () => (await region(west)).status === "unreachable", 4_000);
    expect(elapsed).toBeLessThan(2_500);
    const down = await region(west);
    expect(down.lagMs).toBeNull();
    expect(down.endpoints[0]?.error).toMatch(/ECONNREFUSED|closed/i);
    expect((await region(south)).status).toBe("ok");

    await replicaWest.restart();
    await redis.waitForLink(replicaWest);
    await waitFor(async () => (await region(west)).status === "ok", 5_000);
    expect((await region(west)).lagMs).toBeLessThan(100);
  });

  it("serves per-tick history of the last minutes with the incidents in it", async () => {
    const to = new Date();
    const history = await getReplicationHistory(test.db, { from: new Date(to.getTime() - 5 * 60_000), to });
    expect(history.resolution).toBe("raw");
    const byRegion = new Map(history.series.map((s) => [s.region, s.points]));
    expect([...byRegion.keys()].sort()).toEqual([home, south, west].sort());
    expect(byRegion.get(south)?.some((p) => p.status === "critical")).toBe(true);
    expect(byRegion.get(west)?.some((p) => p.status === "unreachable")).toBe(true);
    expect(byRegion.get(home)?.every((p) => p.status === "ok" && p.lagMs === 0)).toBe(true);
  });

  it("keeps sampling when the primary dies: home unreachable, replicas stale (nothing to measure against)", async () => {
    const ticks = collector.stats().ticks;
    await primary.kill();
    await waitFor(async () => (await region(home)).status === "unreachable", 3_000);
    // Replicas still answer, but no heartbeat is being written: lag cannot be told, rather than "0 ms, ok".
    await waitFor(async () => (await region(south)).status === "stale" && (await region(west)).status === "stale", 6_000);
    expect((await region(south)).endpoints[0]?.error).toMatch(/not being written/);
    expect((await region(south)).link).toBe("down");
    expect(collector.stats().ticks).toBeGreaterThanOrEqual(ticks + 2);
  });
});
