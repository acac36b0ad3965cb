import type { CloudTrailClient } from "@aws-sdk/client-cloudtrail";
import { CreateHostedZoneCommand } from "@aws-sdk/client-route-53";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createAccountCredentials, type AccountCredentials, type CredentialsProvider } from "@/lib/aws/account-credentials";
import { createRoute53Client } from "@/lib/route53/client";
import { startTestSandbox, type TestSandbox } from "@/lib/sandbox/test-support";
import { createTestDatabase } from "@/lib/test/database";
import { createCloudTrailClient } from "./client";
import { cloudTrailIngestTask, ingestConfigFromEnv } from "./ingest-task";
import { realClock, type Clock } from "./rate-limiter";

// The worker task over a whole inventory: every account × region claimed and ingested, an
// account with a role read through that role's assumed session (the sandbox's STS, through the
// SDK's fromTemporaryCredentials), a role that refuses recorded as that account's error while
// the others carry on, a clean stop.

const BASE = Date.UTC(2026, 10, 20, 12, 0, 0);
const started = Date.now();
const now = () => BASE + (Date.now() - started);
const clock: Clock = { now, sleep: realClock.sleep };
const credentials = { accessKeyId: "AKIAINGESTTASK01", secretAccessKey: "not-checked" };

let sandbox: TestSandbox;
let accounts: AccountCredentials;
const clients: CloudTrailClient[] = [];
beforeAll(async () => {
  sandbox = await startTestSandbox({ clock: now, changeDelayMs: 0 });
  accounts = createAccountCredentials({ stsEndpoint: sandbox.sandbox.url, masterCredentials: credentials });
});
afterAll(async () => {
  clients.forEach((c) => c.destroy());
  await sandbox?.close();
});

function cloudTrail(region: string, assumed: CredentialsProvider | undefined): CloudTrailClient {
  const client = createCloudTrailClient({ region, endpoint: sandbox.sandbox.url, credentials: assumed ?? credentials });
  clients.push(client);
  return client;
}

const AUDIT_ROLE = "arn:aws:iam::444455556666:role/FlightdeckAudit";
const DENIED_ROLE = "arn:aws:iam::777788889999:role/flightdeck-denied";

describe("the worker task", () => {
  it("claims every inventory account × region (plus us-east-1), reads a role account through its assumed role, records a refused role, and stops on abort", async () => {
    const own = await createTestDatabase();
    try {
      // Flightdeck's Route 53 adapter for the role account would sign with this session.
      const route53 = createRoute53Client({ endpoint: sandbox.sandbox.url, credentials: accounts.forAccount({ accountId: "444455556666", assumeRoleArn: AUDIT_ROLE }, "route53") });
      await route53.send(new CreateHostedZoneCommand({ Name: "audit.example.com", CallerReference: "ingest-task-assumed" })).finally(() => route53.destroy());

      await own.db.region.createMany({ data: [{ code: "ap-southeast-1", name: "Singapore", latitude: 1, longitude: 103 }, { code: "ap-south-1", name: "Mumbai", latitude: 19, longitude: 72 }] });
      // The sandbox has one history for every account, and events are stored once, so an account
      // without a role here would take the role account's events (ingest.int.test.ts covers those).
      await own.db.awsAccount.createMany({
        data: [
          { accountId: "444455556666", name: "audit", assumeRoleArn: AUDIT_ROLE },
          { accountId: "777788889999", name: "refuses", assumeRoleArn: DENIED_ROLE },
        ],
      });
      const base = ingestConfigFromEnv();
      const controller = new AbortController();
      const logs: string[] = [];
      const task = cloudTrailIngestTask(
        { ...base, enabled: true, pollMs: 60_000, requestsPerSecond: 50, regions: undefined, options: { ...base.options, backfillMs: 6 * 3600_000, verifyAccount: false } },
        clock,
        (region, assumed) => cloudTrail(region, assumed),
        accounts,
      );
      const running = task.run({ db: own.db, databaseUrl: own.url, signal: controller.signal, log: (line) => logs.push(line) });
      const deadline = Date.now() + 20_000;
      const readable = (accountId: string) => accountId !== "777788889999";
      for (;;) {
        const states = await own.db.cloudTrailIngestState.findMany({ orderBy: [{ accountId: "asc" }, { region: "asc" }] });
        const caughtUp = states.filter((s) => readable(s.accountId)).every((s) => s.lowWatermark && s.chunkKind === null && s.lowWatermark <= s.backfillFrom);
        const refused = states.filter((s) => !readable(s.accountId)).every((s) => s.lastError);
        if (states.length === 6 && caughtUp && refused) break;
        if (Date.now() > deadline) throw new Error(`not caught up: ${JSON.stringify(states.map((s) => [s.accountId, s.region, s.lowWatermark, s.lastError]))}`);
        await new Promise((resolve) => setTimeout(resolve, 200));
      }
      controller.abort();
      await running;
      const states = await own.db.cloudTrailIngestState.findMany({ orderBy: [{ accountId: "asc" }, { region: "asc" }] });
      expect(states.map((s) => `${s.accountId}/${s.region}`)).toEqual(
        ["444455556666", "777788889999"].flatMap((a) => ["ap-south-1", "ap-southeast-1", "us-east-1"].map((r) => `${a}/${r}`)),
      );
      for (const state of states.filter((s) => !readable(s.accountId))) {
        expect(state.lastError).toMatch(/^could not assume arn:aws:iam::777788889999:role\/flightdeck-denied: AccessDenied: User: arn:aws:iam::123456789012:user\/user-ingesttask01 is not authorized to perform: sts:AssumeRole/);
        expect(state.lowWatermark).toBeNull();
      }
      expect(states.filter((s) => readable(s.accountId)).map((s) => s.lastError)).toEqual([null, null, null]);
      expect(await own.db.cloudTrailEvent.count({ where: { accountId: "444455556666" } })).toBeGreaterThan(1);
      expect(await own.db.cloudTrailEvent.count({ where: { accountId: "777788889999" } })).toBe(0);
      // The role account's history holds the Route 53 call its session made, under that session.
      const assumed = await own.db.cloudTrailEvent.findMany({
        where: { accountId: "444455556666", eventName: "CreateHostedZone", region: "us-east-1" },
        select: { principalType: true, actorArn: true, actor: true },
      });
      expect(assumed).toEqual([{ principalType: "AssumedRole", actorArn: "arn:aws:sts::444455556666:assumed-role/FlightdeckAudit/flightdeck-route53", actor: "flightdeck-route53" }]);
      expect(logs.some((line) => line.includes("777788889999/us-east-1: could not assume"))).toBe(true);
    } finally {
      await own.drop();
    }
  });
});
