import type { CloudTrailClient } from "@aws-sdk/client-cloudtrail";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestSandbox, type TestSandbox } from "@/lib/sandbox/test-support";
import { createTestDatabase } from "@/lib/test/database";
import { createCloudTrailClient } from "./client";
import { cloudTrailIngestTask, ingestConfigFromEnv } from "./ingest-task";
import { realClock, type Clock } from "./rate-limiter";

// The worker task over a whole inventory: every account × region claimed and ingested, roles it
// cannot assume in AWS mode recorded instead of read under the wrong account, a clean stop.

const BASE = Date.UTC(2026, 10, 20, 12, 0, 0);
const started = Date.now();
const now = () => BASE + (Date.now() - started);
const clock: Clock = { now, sleep: realClock.sleep };
const credentials = { accessKeyId: "AKIAINGESTTASK01", secretAccessKey: "not-checked" };

let sandbox: TestSandbox;
const clients: CloudTrailClient[] = [];
beforeAll(async () => {
  sandbox = await startTestSandbox({ clock: now, changeDelayMs: 0 });
});
afterAll(async () => {
  clients.forEach((c) => c.destroy());
  await sandbox?.close();
});

function cloudTrail(region: string): CloudTrailClient {
  const client = createCloudTrailClient({ region, endpoint: sandbox.sandbox.url, credentials });
  clients.push(client);
  return client;
}

describe("the worker task", () => {
  it("claims every inventory account × region (plus us-east-1), skips roles it cannot assume in AWS mode, and stops on abort", async () => {
    const own = await createTestDatabase();
    try {
      await own.db.region.createMany({ data: [{ code: "ap-southeast-1", name: "Singapore", latitude: 1, longitude: 103 }, { code: "ap-south-1", name: "Mumbai", latitude: 19, longitude: 72 }] });
      await own.db.awsAccount.createMany({ data: [{ accountId: "111122223333", name: "prod" }, { accountId: "444455556666", name: "other", assumeRoleArn: "arn:aws:iam::444455556666:role/Flightdeck" }] });
      const base = ingestConfigFromEnv();
      const controller = new AbortController();
      const logs: string[] = [];
      const task = cloudTrailIngestTask(
        { ...base, enabled: true, mode: "aws", pollMs: 60_000, requestsPerSecond: 50, regions: undefined, options: { ...base.options, backfillMs: 6 * 3600_000, verifyAccount: false } },
        clock,
        (region) => cloudTrail(region),
      );
      const running = task.run({ db: own.db, databaseUrl: own.url, signal: controller.signal, log: (line) => logs.push(line) });
      const deadline = Date.now() + 20_000;
      for (;;) {
        const states = await own.db.cloudTrailIngestState.findMany({ orderBy: [{ accountId: "asc" }, { region: "asc" }] });
        if (states.length === 6 && states.filter((s) => s.accountId === "111122223333").every((s) => s.lowWatermark && s.chunkKind === null && s.lowWatermark <= s.backfillFrom)) break;
        if (Date.now() > deadline) throw new Error(`not caught up: ${JSON.stringify(states.map((s) => [s.accountId, s.region, s.lowWatermark, s.lastError]))}`);
        await new Promise((resolve) => setTimeout(resolve, 200));
      }
      controller.abort();
      await running;
      const states = await own.db.cloudTrailIngestState.findMany({ orderBy: [{ accountId: "asc" }, { region: "asc" }] });
      expect(states.map((s) => `${s.accountId}/${s.region}`)).toEqual([
        "111122223333/ap-south-1", "111122223333/ap-southeast-1", "111122223333/us-east-1",
        "444455556666/ap-south-1", "444455556666/ap-southeast-1", "444455556666/us-east-1",
      ]);
      expect(states.filter((s) => s.accountId === "444455556666").every((s) => s.lastError?.includes("credential-providers") && s.requests === 0n)).toBe(true);
      expect(await own.db.cloudTrailEvent.count({ where: { accountId: "111122223333" } })).toBeGreaterThan(0);
      expect(await own.db.cloudTrailEvent.count({ where: { accountId: "444455556666" } })).toBe(0);
    } finally {
      await own.drop();
    }
  });
});
