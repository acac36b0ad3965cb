import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "@/lib/test/database";
import { createTestRedis, type TestRedis } from "@/lib/test/redis";
import { startReplicationCollector, type ReplicationCollector } from "./collector";
import { defaultHeartbeatKeyPrefix, heartbeatKey, parseHeartbeat } from "./heartbeat";
import type { RedisServer } from "./redis-server";

// Two collectors on one database, as two worker processes would run: one leads and
// writes, the other waits; when the leader's database session dies, the other takes over.

const quiet = { info: () => undefined, warn: () => undefined, error: () => undefined };

let test: TestDatabase;
let redis: TestRedis;
let primary: RedisServer;
let replicaId: string;
let key: string;
const aborts = { a: new AbortController(), b: new AbortController() };
let a: ReplicationCollector;
let b: ReplicationCollector;

async function waitFor(until: () => boolean | Promise<boolean>, timeoutMs: number): Promise<void> {
  const started = Date.now();
  while (Date.now() - started < timeoutMs) {
    if (await until()) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`condition not met within ${timeoutMs} ms`);
}

const heartbeat = async () => parseHeartbeat(await redis.client(primary).get(key));
const writer = async () => (await heartbeat())?.by;
const replicaSamples = () => test.db.replicationSample.count({ where: { endpointId: replicaId } });

beforeAll(async () => {
  [test, redis] = await Promise.all([createTestDatabase(), createTestRedis()]);
  primary = await redis.start("primary");
  const replica = await redis.start("replica", primary);
  await redis.waitForLink(replica);
  for (const code of ["ap-southeast-1", "ap-south-1"]) await test.db.region.create({ data: { code, name: code, latitude: 0, longitude: 0 } });
  const p = await test.db.redisEndpoint.create({ data: { name: "primary", regionCode: "ap-southeast-1", role: "primary", url: primary.url } });
  replicaId = (await test.db.redisEndpoint.create({ data: { name: "replica", regionCode: "ap-south-1", role: "replica", url: replica.url } })).id;
  key = heartbeatKey(defaultHeartbeatKeyPrefix, p.id);

  a = startReplicationCollector({ db: test.db, databaseUrl: test.url, signal: aborts.a.signal, log: quiet, collectorId: "A" });
  await waitFor(() => a.isLeader() && a.stats().ticks >= 1, 5_000);
  b = startReplicationCollector({ db: test.db, databaseUrl: test.url, signal: aborts.b.signal, log: quiet, collectorId: "B" });
});

afterAll(async () => {
  aborts.a.abort();
  aborts.b.abort();
  await Promise.all([a?.stopped, b?.stopped]);
  await redis?.stop();
  await test?.drop();
});

describe("one active collector", () => {
  it("lets only the leader probe and write", async () => {
    await new Promise((r) => setTimeout(r, 2_500));
    expect([a.isLeader(), b.isLeader()]).toEqual([true, false]);
    expect(b.stats().ticks).toBe(0);
    expect(await writer()).toBe("A");
    // One sample per leader tick: nobody else wrote any.
    expect(await replicaSamples()).toBe(a.stats().ticks);
  });

  it("hands over when the leader's database session is killed", async () => {
    const [killed] = await test.db.$queryRaw<{ killed: boolean }[]>`
      SELECT pg_terminate_backend(l.pid) AS killed FROM pg_locks l
      WHERE l.locktype = 'advisory' AND l.granted AND l.database = (SELECT oid FROM pg_database WHERE datname = current_database())`;
    expect(killed?.killed).toBe(true);
    const seqOfA = (await heartbeat())?.seq ?? 0;
    await waitFor(() => b.isLeader(), 3_000);
    expect(a.isLeader()).toBe(false);
    const ticksOfA = a.stats().ticks;
    const before = await replicaSamples();
    await waitFor(async () => (await writer()) === "B" && (await replicaSamples()) >= before + 2, 4_000);
    // B continued A's heartbeat sequence instead of starting over.
    expect((await heartbeat())?.seq).toBeGreaterThan(seqOfA);
    // The old leader reconnected as a follower and stays one.
    expect(a.isLeader()).toBe(false);
    expect(a.stats().ticks).toBe(ticksOfA);
  });

  it("hands back when the leader stops", async () => {
    aborts.b.abort();
    await b.stopped;
    await waitFor(() => a.isLeader(), 3_000);
    await waitFor(async () => (await writer()) === "A", 3_000);
  });
});
