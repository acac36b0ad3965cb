import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestRedis, type TestRedis } from "@/lib/test/redis";
import type { RedisServer } from "./redis-server";
import { readReplica, RedisClients } from "./redis-probe";
import type { RedisEndpointRef } from "./types";

// A frozen replica (SIGSTOP) must read as slow on every probe, however long it stays
// frozen: the connection the probe drops after a few timeouts must not make the next
// probe report it "down" (refused), which would flip its region to unreachable.

let redis: TestRedis;
let replica: RedisServer;
let clients: RedisClients;

beforeAll(async () => {
  redis = await createTestRedis();
  const primary = await redis.start("primary");
  replica = await redis.start("replica", primary);
  await redis.waitForLink(replica);
  clients = new RedisClients(150);
});

afterAll(async () => {
  clients?.closeAll();
  replica?.resume();
  await redis?.stop();
});

describe("probing a frozen replica", () => {
  it("times out on every probe while frozen and answers again once resumed", async () => {
    const endpoint: RedisEndpointRef = { id: "r", name: "replica", regionCode: "ap-south-1", role: "replica", url: replica.url };
    expect((await readReplica(clients.get(endpoint), { keys: ["k"], timeoutMs: 150 })).answered).toBe(true);
    replica.pause();
    const kinds: string[] = [];
    try {
      // Four rounds of the drop-after-three-timeouts cycle, one probe per (short) tick.
      for (let i = 0; i < 12; i++) {
        const probe = await readReplica(clients.get(endpoint), { keys: ["k"], timeoutMs: 150 });
        kinds.push(probe.answered ? "answered" : probe.failure.kind);
        await new Promise((r) => setTimeout(r, 100));
      }
    } finally {
      replica.resume();
    }
    expect(kinds).toEqual(Array(12).fill("timeout"));
    const deadline = Date.now() + 3_000;
    let answered = false;
    while (!answered && Date.now() < deadline) answered = (await readReplica(clients.get(endpoint), { keys: ["k"], timeoutMs: 150 })).answered;
    expect(answered).toBe(true);
  });
});
