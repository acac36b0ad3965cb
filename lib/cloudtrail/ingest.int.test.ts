import { LookupEventsCommand, type CloudTrailClient } from "@aws-sdk/client-cloudtrail";
import { CreateHostedZoneCommand } from "@aws-sdk/client-route-53";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestSandbox, type TestSandbox } from "@/lib/sandbox/test-support";
import { createTestDatabase, type TestDatabase } from "@/lib/test/database";
import { createCloudTrailClient } from "./client";
import { defaultPlanConfig } from "./ingest-plan";
import type { IngestTarget } from "./ingest-state";
import { ingestPass, type IngestDeps, type IngestOptions } from "./ingest-target";
import { withTargetLock } from "./ingest-task";
import { quotaLimiter, RateLimiter, realClock, type Clock } from "./rate-limiter";

// Ingest against the sandbox, which speaks LookupEvents through the real SDK: pagination,
// throttling and backoff, dedupe of overlapping polls, resume after a worker dies.

const BASE = Date.UTC(2026, 10, 20, 12, 0, 0);
const started = Date.now();
const now = () => BASE + (Date.now() - started);
const clock: Clock = { now, sleep: realClock.sleep };
const DAY = 24 * 3600_000;
const credentials = { accessKeyId: "AKIAINGESTTEST01", secretAccessKey: "not-checked" };

let sandbox: TestSandbox;
let db: TestDatabase;

beforeAll(async () => {
  sandbox = await startTestSandbox({ clock: now, changeDelayMs: 0 });
  db = await createTestDatabase();
});
afterAll(async () => {
  await sandbox?.close();
  await db?.drop();
});

const clients: CloudTrailClient[] = [];
function cloudTrail(region: string, url = sandbox.sandbox.url): CloudTrailClient {
  const client = createCloudTrailClient({ region, endpoint: url, credentials });
  clients.push(client);
  return client;
}
afterAll(() => clients.forEach((c) => c.destroy()));

const options = (extra: Partial<IngestOptions> = {}): IngestOptions => ({
  // Poll again at once in tests (the worker waits a poll interval between rounds).
  plan: { ...defaultPlanConfig, minLiveMs: 0 },
  backfillMs: 3 * DAY,
  pageSize: 10,
  budgetMs: 120_000,
  livePeriodMs: 60_000,
  verifyAccount: false,
  backoff: { maxAttempts: 10, baseDelayMs: 50, maxDelayMs: 400, random: Math.random },
  ...extra,
});

async function pass(target: IngestTarget, deps: Partial<IngestDeps> = {}, opts: Partial<IngestOptions> = {}) {
  const run = await withTargetLock(db.url, target, (client) =>
    ingestPass(target, { pg: client, cloudTrail: cloudTrail(target.region), limiter: new RateLimiter(1000, clock), clock, ...deps }, options(opts)),
  );
  if (!run.locked) throw new Error("lock held");
  return run.value;
}

/** Every event id CloudTrail has for the region in [start, end], read directly. */
async function listAll(region: string, start: Date, end: Date): Promise<string[]> {
  const client = cloudTrail(region);
  const ids: string[] = [];
  let token: string | undefined;
  do {
    const page = await client.send(new LookupEventsCommand({ StartTime: start, EndTime: end, NextToken: token }));
    ids.push(...(page.Events ?? []).map((e) => e.EventId as string));
    token = page.NextToken;
  } while (token);
  return ids.sort();
}

async function stored(target: IngestTarget): Promise<string[]> {
  const rows = await db.db.$queryRaw<{ event_id: string }[]>`SELECT event_id FROM cloudtrail_event WHERE account_id = ${target.accountId} AND region = ${target.region} ORDER BY event_id`;
  return rows.map((r) => r.event_id);
}

async function state(target: IngestTarget) {
  return db.db.cloudTrailIngestState.findUniqueOrThrow({ where: { accountId_region: target } });
}

describe("ingest from LookupEvents", () => {
  it("pages through the live window and the backfill until the horizon, storing exactly what CloudTrail has", async () => {
    const target = { accountId: "111122223333", region: "ap-south-1" };
    let result = await pass(target);
    for (let i = 0; i < 5 && !result.caughtUp; i++) result = await pass(target);
    expect(result.caughtUp).toBe(true);
    const s = await state(target);
    expect(s.chunkKind).toBeNull();
    expect(s.lowWatermark?.getTime()).toBe(s.backfillFrom.getTime());
    const ids = await stored(target);
    expect(ids.length).toBeGreaterThan(60);
    expect(ids).toEqual(await listAll("ap-south-1", s.backfillFrom, s.highWatermark as Date));
    expect(Number(s.requests)).toBeGreaterThan(ids.length / 10);
    expect(Number(s.eventsStored)).toBe(ids.length);
  });

  it("re-reads the overlap without storing anything twice, and picks up new events", async () => {
    const target = { accountId: "111122223333", region: "us-east-1" };
    const route53 = sandbox.route53({ accessKeyId: "AKIAOVERLAPTEST1" });
    const createZone = (i: number) => route53.send(new CreateHostedZoneCommand({ Name: `overlap-${i}.example.com`, CallerReference: `overlap-${i}-${started}` }));
    await createZone(0);
    await pass(target, {}, { backfillMs: 2 * 3600_000 });
    const before = await stored(target);
    for (let i = 1; i <= 3; i++) await createZone(i);
    const second = await pass(target, {}, { backfillMs: 2 * 3600_000 });
    expect(second.stored).toBe(3);
    expect(second.seen).toBeGreaterThanOrEqual(4); // zone 0, inside the overlap, was read again
    const third = await pass(target, {}, { backfillMs: 2 * 3600_000 });
    expect(third.seen).toBeGreaterThanOrEqual(4);
    expect(third.stored).toBe(0);
    const after = await stored(target);
    expect(after.length).toBe(before.length + 3);
    expect(new Set(after).size).toBe(after.length);
    const zones = await db.db.cloudTrailEvent.findMany({ where: { region: "us-east-1", accessKeyId: "AKIAOVERLAPTEST1" } });
    expect(zones.map((z) => z.eventName)).toEqual(["CreateHostedZone", "CreateHostedZone", "CreateHostedZone", "CreateHostedZone"]);
  });

  it("resumes from the saved NextToken after its worker's connection dies mid-chunk", async () => {
    const target = { accountId: "111122223333", region: "ap-southeast-1" };
    let pid = 0;
    await expect(
      withTargetLock(db.url, target, async (client) => {
        pid = (await client.query<{ pid: number }>("SELECT pg_backend_pid() AS pid")).rows[0]?.pid ?? 0;
        return ingestPass(target, {
          pg: client, cloudTrail: cloudTrail(target.region), limiter: new RateLimiter(1000, clock), clock,
          // The "worker" dies right after its third page is committed.
          afterPage: async ({ pages }) => {
            if (pages === 3) await db.db.$queryRaw`SELECT pg_terminate_backend(${pid}::int)`;
          },
        }, options());
      }),
    ).rejects.toThrow();
    const interrupted = await state(target);
    expect(interrupted.nextToken).not.toBeNull();
    expect((await stored(target)).length).toBe(30);

    const resumed = await pass(target); // another worker: the lock was freed with the dead connection
    let result = resumed;
    for (let i = 0; i < 5 && !result.caughtUp; i++) result = await pass(target);
    const s = await state(target);
    const ids = await stored(target);
    expect(ids).toEqual(await listAll("ap-southeast-1", s.backfillFrom, s.highWatermark as Date));
    expect(Number(s.eventsSeen)).toBe(ids.length); // nothing was read twice: the resume continued from the token
  });

  it("reads the window again when the saved NextToken is no longer valid", async () => {
    const target = { accountId: "444455556666", region: "eu-west-1" };
    await db.db.cloudTrailIngestState.create({
      data: { ...target, backfillFrom: new Date(now() - DAY), chunkKind: "live", chunkStart: new Date(now() - DAY), chunkEnd: new Date(now()), nextToken: "bm90LWEtdG9rZW4" },
    });
    const result = await pass(target, {}, { backfillMs: DAY });
    expect(result.caughtUp).toBe(true);
    const s = await state(target);
    expect(await stored(target)).toEqual(await listAll("eu-west-1", s.backfillFrom, s.highWatermark as Date));
  });

  it("lets one worker at a time hold an account-region", async () => {
    const target = { accountId: "111122223333", region: "us-west-2" };
    const inner = await withTargetLock(db.url, target, () => withTargetLock(db.url, target, async () => "second"));
    expect(inner).toEqual({ locked: true, value: { locked: false } });
  });
});

describe("ingest under CloudTrail's 2 requests/second", () => {
  let throttled: TestSandbox;
  let own: TestDatabase;
  beforeAll(async () => {
    throttled = await startTestSandbox({ clock: now, changeDelayMs: 0, throttle: true });
    own = await createTestDatabase();
  });
  afterAll(async () => {
    await throttled?.close();
    await own?.drop();
  });

  const throttledPass = (target: IngestTarget, limiter: RateLimiter) =>
    withTargetLock(own.url, target, (client) =>
      ingestPass(target, { pg: client, cloudTrail: cloudTrail(target.region, throttled.sandbox.url), limiter, clock }, options({ backfillMs: 12 * 3600_000, pageSize: 5 })),
    );
  const ownState = (target: IngestTarget) => own.db.cloudTrailIngestState.findUniqueOrThrow({ where: { accountId_region: target } });
  const ownStored = async (target: IngestTarget) =>
    (await own.db.cloudTrailEvent.findMany({ where: target, select: { eventId: true }, orderBy: { eventId: "asc" } })).map((e) => e.eventId);

  it("backs off on ThrottlingException when asked to go too fast, and still stores everything", async () => {
    const target = { accountId: "777788889999", region: "ap-south-1" };
    const run = await throttledPass(target, new RateLimiter(20, clock));
    if (!run.locked) throw new Error("lock held");
    expect(run.value.throttled).toBeGreaterThan(0);
    expect(run.value.caughtUp).toBe(true);
    const s = await ownState(target);
    expect(Number(s.throttled)).toBe(run.value.throttled);
    expect(await ownStored(target)).toEqual(await listAll("ap-south-1", s.backfillFrom, s.highWatermark as Date));
  });

  it("is never throttled at its own pace of 2 requests/second", async () => {
    const target = { accountId: "777788889999", region: "us-east-1" };
    await new Promise((resolve) => setTimeout(resolve, 1100)); // the region's bucket refills
    const begun = Date.now();
    const run = await throttledPass(target, quotaLimiter(2, clock));
    if (!run.locked) throw new Error("lock held");
    expect(run.value.requests).toBeGreaterThan(4);
    expect(run.value.throttled).toBe(0);
    expect(Date.now() - begun).toBeGreaterThanOrEqual(((run.value.requests - 1) / 2) * 1000);
  });
});

describe("client configuration", () => {
  it("talks to whatever endpoint it is configured with, signed for the target region", async () => {
    const client = createCloudTrailClient({ region: "eu-west-1", endpoint: sandbox.sandbox.url, credentials });
    clients.push(client);
    expect(await client.config.region()).toBe("eu-west-1");
    const page = await client.send(new LookupEventsCommand({ MaxResults: 1 }));
    expect(page.$metadata.httpStatusCode).toBe(200);
    const noRetries = await client.config.maxAttempts();
    expect(noRetries).toBe(1);
  });
});

