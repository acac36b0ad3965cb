import type { CloudTrailClient } from "@aws-sdk/client-cloudtrail";
import pg from "pg";
import { accountCredentials, type AccountCredentials, type CredentialsProvider } from "@/lib/aws/account-credentials";
import { env } from "@/lib/env";
import type { TaskContext, WorkerTask } from "@/lib/worker/tasks";
import { createCloudTrailClient } from "./client";
import { defaultPlanConfig, type PlanConfig } from "./ingest-plan";
import { saveError, type IngestTarget } from "./ingest-state";
import { IngestError, ingestPass, type IngestOptions, type PassResult } from "./ingest-target";
import { listTargets, type PlannedTarget } from "./ingest-targets";
import { RateLimiters, realClock, type Clock } from "./rate-limiter";

// The worker task: round after round, each account-region is claimed through a PostgreSQL
// session advisory lock (so several workers never read the same history twice at once, and
// a worker that dies frees its claims with its connection), given one ingest pass, and
// released. Rounds follow each other at once while some backfill remains, else every poll
// interval. An account with a role is read with that role's assumed credentials; when
// AssumeRole fails, the error is recorded on each of its account-regions and the other
// accounts carry on.

export type IngestTaskConfig = {
  enabled: boolean;
  pollMs: number;
  requestsPerSecond: number;
  regions: string | undefined;
  concurrency: number;
  options: IngestOptions;
};

export function ingestConfigFromEnv(): IngestTaskConfig {
  const plan: PlanConfig = { ...defaultPlanConfig, overlapMs: env.FLIGHTDECK_CLOUDTRAIL_OVERLAP_MINUTES * 60_000 };
  return {
    enabled: env.FLIGHTDECK_CLOUDTRAIL_INGEST,
    pollMs: env.FLIGHTDECK_CLOUDTRAIL_POLL_SECONDS * 1000,
    requestsPerSecond: env.FLIGHTDECK_CLOUDTRAIL_REQUESTS_PER_SECOND,
    regions: env.FLIGHTDECK_CLOUDTRAIL_REGIONS,
    concurrency: 8,
    options: {
      plan,
      backfillMs: env.FLIGHTDECK_CLOUDTRAIL_BACKFILL_DAYS * 24 * 3600_000,
      pageSize: 50,
      budgetMs: 120_000,
      livePeriodMs: env.FLIGHTDECK_CLOUDTRAIL_POLL_SECONDS * 1000,
      verifyAccount: env.FLIGHTDECK_AWS_MODE === "aws",
    },
  };
}

// Two-key advisory locks: this class id, and a hash of "account:region".
const LOCK_CLASS = 72_169_053;

export type LockedRun<T> = { locked: true; value: T } | { locked: false };

/** Runs `work` on a dedicated connection holding the account-region's lock, or not at all if another worker holds it. */
export async function withTargetLock<T>(databaseUrl: string, target: IngestTarget, work: (client: pg.Client) => Promise<T>): Promise<LockedRun<T>> {
  const client = new pg.Client({ connectionString: databaseUrl, application_name: "flightdeck-cloudtrail-ingest" });
  client.on("error", () => undefined); // a dropped connection surfaces as a failed query in `work`
  await client.connect();
  try {
    const key = `${target.accountId}:${target.region}`;
    const { rows } = await client.query<{ locked: boolean }>("SELECT pg_try_advisory_lock($1, hashtext($2)) AS locked", [LOCK_CLASS, key]);
    if (!rows[0]?.locked) return { locked: false };
    try {
      return { locked: true, value: await work(client) };
    } finally {
      await client.query("SELECT pg_advisory_unlock($1, hashtext($2))", [LOCK_CLASS, key]).catch(() => undefined);
    }
  } finally {
    await client.end().catch(() => undefined);
  }
}

async function inBatches<T, R>(items: T[], size: number, work: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = [];
  let next = 0;
  await Promise.all(Array.from({ length: Math.min(size, items.length) }, async () => {
    while (next < items.length) {
      const item = items[next++] as T;
      results.push(await work(item));
    }
  }));
  return results;
}

type TargetOutcome = { target: PlannedTarget; result?: PassResult; skipped?: string };

/** `credentials` undefined: the SDK's default chain. */
export type CloudTrailClientFactory = (region: string, credentials: CredentialsProvider | undefined) => CloudTrailClient;

export function cloudTrailIngestTask(
  config: IngestTaskConfig = ingestConfigFromEnv(),
  clock: Clock = realClock,
  createClient: CloudTrailClientFactory = (region, credentials) => createCloudTrailClient({ region, credentials }),
  credentials: AccountCredentials = accountCredentials(),
): WorkerTask {
  return {
    name: "cloudtrail-ingest",
    async run(ctx: TaskContext) {
      if (!config.enabled) return ctx.log("off (FLIGHTDECK_CLOUDTRAIL_INGEST=0)");
      const limiters = new RateLimiters(config.requestsPerSecond, clock);
      // One client per credentials × region: accounts without a role share the default chain's.
      const clients = new Map<string, CloudTrailClient>();
      const clientFor = (target: PlannedTarget): CloudTrailClient => {
        const key = `${target.assumeRoleArn ?? ""} ${target.region}`;
        let client = clients.get(key);
        if (!client) clients.set(key, (client = createClient(target.region, credentials.forAccount(target, "cloudtrail"))));
        return client;
      };
      const runTarget = async (target: PlannedTarget): Promise<TargetOutcome> => {
        try {
          // A role that cannot be assumed fails the first LookupEvents with AssumeRoleError, recorded below like any error.
          const run = await withTargetLock(ctx.databaseUrl, target, (client) =>
            ingestPass(target, { pg: client, cloudTrail: clientFor(target), limiter: limiters.for(`${target.accountId}:${target.region}`), clock, signal: ctx.signal, log: ctx.log }, config.options).catch(async (error: unknown) => {
              const counters = error instanceof IngestError ? error.counters : { requests: 0, throttled: 0 };
              await saveError(client, target, error instanceof Error ? error.message : String(error), counters, new Date(clock.now())).catch(() => undefined);
              throw error;
            }),
          );
          return run.locked ? { target, result: run.value } : { target, skipped: "held by another worker" };
        } catch (error) {
          if (!ctx.signal.aborted) ctx.log(`${target.accountId}/${target.region}: ${error instanceof Error ? error.message : String(error)}`);
          return { target, skipped: "failed" };
        }
      };
      ctx.log(`polling every ${config.pollMs / 1000} s at ${config.requestsPerSecond} request(s)/s per account-region`);
      while (!ctx.signal.aborted) {
        let outcomes: TargetOutcome[] = [];
        try {
          outcomes = await inBatches(await listTargets(ctx.db, config.regions), config.concurrency, runTarget);
        } catch (error) {
          if (!ctx.signal.aborted) ctx.log(`round failed: ${error instanceof Error ? error.message : String(error)}`);
        }
        const stored = outcomes.reduce((sum, o) => sum + (o.result?.stored ?? 0), 0);
        if (stored) ctx.log(`stored ${stored} new event(s) from ${outcomes.filter((o) => o.result?.stored).length} account-region(s)`);
        const behind = outcomes.some((o) => o.result && !o.result.caughtUp);
        await clock.sleep(behind ? 0 : config.pollMs, ctx.signal).catch(() => undefined);
      }
      for (const client of clients.values()) client.destroy();
    },
  };
}
