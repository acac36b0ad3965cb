import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "@/lib/test/database";
import { createTestRedis, type TestRedis } from "@/lib/test/redis";
import { startReplicationCollector, type ReplicationCollector } from "./collector";
import { defaultHeartbeatKeyPrefix, encodeHeartbeat, heartbeatKey } from "./heartbeat";
import { getReplicationStatus, type RegionStatus } from "./query-status";
import type { RedisServer } from "./redis-server";

// Replicas fed by something other than Redis replication (an in-house replicator): two
// standalone servers that this test keeps copying the primary's heartbeat key into. One
// answers INFO (as a primary of its own: no offsets to compare), the other refuses it.

const quiet = { info: () => undefined, warn: () => undefined, error: () => undefined };
const home = "us-east-1";
const plain = "eu-central-1";
const noInfo = "sa-east-1";

let test: TestDatabase;
let redis: TestRedis;
let primary: RedisServer;
let targets: RedisServer[];
let collector: ReplicationCollector;
let key: string;
let copier: NodeJS.Timeout | undefined;
const abort = new AbortController();

async function region(code: string): Promise<RegionStatus> {
  const found = (await getReplicationStatus(test.db)).regions.find((r) => r.region === code);
  if (!found) throw new Error(`no status for ${code}`);
  return found;
}

async function waitFor(until: () => Promise<boolean>, timeoutMs: number): Promise<number> {
  const started = Date.now();
  while (Date.now() - started < timeoutMs) {
    if (await until()) return Date.now() - started;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`condition not met within ${timeoutMs} ms`);
}

/** The "replicator": copies the heartbeat key from the primary every 100 ms. */
function startCopying(): void {
  const source = redis.client(primary);
  const sinks = targets.map((t) => redis.client(t));
  copier = setInterval(async () => {
    const value = await source.get(key).catch(() => null);
    if (value) await Promise.all(sinks.map((s) => s.set(key, value).catch(() => undefined)));
  }, 100);
}

beforeAll(async () => {
  [test, redis] = await Promise.all([createTestDatabase(), createTestRedis()]);
  primary = await redis.start("primary");
  targets = await Promise.all([redis.start("standalone"), redis.start("no-info", undefined, ["--rename-command", "INFO", ""])]);
  for (const code of [home, plain, noInfo]) {
    await test.db.region.create({ data: { code, name: code, latitude: 0, longitude: 0 } });
    await test.db.replicationThreshold.create({ data: { regionCode: code, warningMs: 500, criticalMs: 1_000 } });
  }
  const source = await test.db.redisEndpoint.create({ data: { name: "primary", regionCode: home, role: "primary", url: primary.url } });
  await test.db.redisEndpoint.createMany({
    data: [
      { name: "copied-plain", regionCode: plain, role: "replica", url: targets[0]!.url },
      { name: "copied-no-info", regionCode: noInfo, role: "replica", url: targets[1]!.url },
    ],
  });
  key = heartbeatKey(defaultHeartbeatKeyPrefix, source.id);
  collector = startReplicationCollector({ db: test.db, databaseUrl: test.url, signal: abort.signal, log: quiet });
  startCopying();
  await waitFor(async () => collector.stats().ticks >= 3, 10_000);
});

afterAll(async () => {
  clearInterval(copier);
  abort.abort();
  await collector?.stopped;
  await redis?.stop();
  await test?.drop();
});

describe("replicas fed by another replicator (heartbeat only)", () => {
  it("measures lag from the heartbeat alone, without offsets", async () => {
    expect(await region(plain)).toMatchObject({ status: "ok", link: "external", lagBytes: null });
    expect(await region(noInfo)).toMatchObject({ status: "ok", link: "unknown", lagBytes: null });
    for (const code of [plain, noInfo]) expect((await region(code)).lagMs).toBeLessThan(300);
  });

  it("turns critical when the replicator stops copying", async () => {
    clearInterval(copier);
    const elapsed = await waitFor(async () => (await region(plain)).status === "critical" && (await region(noInfo)).status === "critical", 4_000);
    expect(elapsed).toBeLessThan(3_000);
  });

  it("shows a heartbeat from a clock 5 s ahead as skewed, with negative lag", async () => {
    const ahead = encodeHeartbeat({ ms: Date.now() + 5_000, seq: 1_000_000, by: "replicator-with-fast-clock" });
    await redis.client(targets[0]!).set(key, ahead);
    await waitFor(async () => (await region(plain)).status === "skewed", 3_000);
    const sample = await test.db.replicationSample.findFirst({ where: { regionCode: plain, status: "skewed" } });
    expect(sample?.clockSkew).toBe(true);
    expect(sample?.lagMs).toBeLessThan(-3_000);
    expect(sample?.clockSkewMs).toBeGreaterThan(3_000);
    // The other target is unaffected by one bad clock.
    expect((await region(noInfo)).status).toBe("critical");
  });
});
