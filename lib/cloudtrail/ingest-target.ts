import type { CloudTrailClient } from "@aws-sdk/client-cloudtrail";
import type pg from "pg";
import { storeEvents } from "./event-store";
import { completeChunk, nextChunk, progressOf, type Chunk, type IngestProgress, type PlanConfig } from "./ingest-plan";
import { loadProgress, saveChunk, savePage, type IngestTarget } from "./ingest-state";
import { normalizeLookupEvent } from "./lookup-event";
import { isThrottle, lookupPage, StaleTokenError, type BackoffOptions } from "./lookup-page";
import type { NormalizedEvent } from "./normalize-event";
import type { Clock, RateLimiter } from "./rate-limiter";

// One ingest pass over one account-region: finish the chunk in progress, catch up with the
// present once, then backfill until the horizon or the time budget. Each page is stored
// together with the new position in one transaction, so the position never runs ahead of
// the data (a crash re-reads at most one page) nor behind it by more than a page.

export type IngestOptions = {
  plan: PlanConfig;
  /** The backfill horizon for an account-region seen for the first time. */
  backfillMs: number;
  /** LookupEvents MaxResults, 1–50. */
  pageSize: number;
  /** A pass hands the lock back after this long, even mid-chunk (it resumes from its token). */
  budgetMs: number;
  /** During a long backfill, catch up with the present again once the newest window is this old. */
  livePeriodMs: number;
  /** Refuse events from another account (real AWS: the credentials reach a different account than the inventory says). */
  verifyAccount: boolean;
  backoff?: BackoffOptions;
};

export type IngestDeps = {
  /** The connection holding this account-region's advisory lock; every write goes through it. */
  pg: pg.ClientBase;
  cloudTrail: CloudTrailClient;
  limiter: RateLimiter;
  clock: Clock;
  signal?: AbortSignal;
  log?: (line: string) => void;
  /** Called after each page is committed (tests use it to stop a worker mid-chunk). */
  afterPage?: (info: { chunk: Chunk; pages: number; stored: number }) => void | Promise<void>;
};

export type PassResult = { pages: number; seen: number; stored: number; skipped: number; requests: number; throttled: number; caughtUp: boolean };

export class IngestError extends Error {
  constructor(
    message: string,
    readonly counters: { requests: number; throttled: number },
  ) {
    super(message);
    this.name = "IngestError";
  }
}

function accept(events: NormalizedEvent[], target: IngestTarget, verifyAccount: boolean): void {
  if (!verifyAccount) return;
  const foreign = events.find((e) => typeof e.record.recipientAccountId === "string" && e.record.recipientAccountId !== target.accountId);
  if (foreign) throw new Error(`the credentials read account ${String(foreign.record.recipientAccountId)}'s history, not ${target.accountId}'s; check the account's role in the inventory`);
}

export async function ingestPass(target: IngestTarget, deps: IngestDeps, options: IngestOptions): Promise<PassResult> {
  const { clock } = deps;
  const started = clock.now();
  const result: PassResult = { pages: 0, seen: 0, stored: 0, skipped: 0, requests: 0, throttled: 0, caughtUp: false };
  let pending = { requests: 0, throttled: 0 };
  let progress: IngestProgress = await loadProgress(deps.pg, target, new Date(started - options.backfillMs));
  let liveDone = false;
  try {
    while (!deps.signal?.aborted && clock.now() - started < options.budgetMs) {
      const now = new Date(clock.now());
      // Catch up with the present first; during the backfill that follows, again whenever it is a poll period old.
      const chunk = nextChunk(progress, now, liveDone ? { ...options.plan, minLiveMs: options.livePeriodMs } : options.plan);
      if (!chunk) {
        result.caughtUp = true;
        break;
      }
      if (chunk !== progress.chunk) {
        await saveChunk(deps.pg, target, chunk, now);
        progress = { ...progress, chunk };
      }
      let page;
      try {
        page = await lookupPage(deps.cloudTrail, { start: chunk.start, end: chunk.end, nextToken: chunk.nextToken, maxResults: options.pageSize }, {
          limiter: deps.limiter,
          clock,
          signal: deps.signal,
          backoff: options.backoff,
          onRetry: ({ reason, delayMs }) => {
            // Failed attempts count as requests (they spent the rate budget); throttles separately.
            pending = { requests: pending.requests + 1, throttled: pending.throttled + (reason.startsWith("Throttl") ? 1 : 0) };
            deps.log?.(`${target.accountId}/${target.region}: ${reason}, retrying in ${delayMs} ms`);
          },
        });
      } catch (error) {
        pending = { requests: pending.requests + 1, throttled: pending.throttled + (isThrottle(error) ? 1 : 0) };
        if (!(error instanceof StaleTokenError)) throw error;
        deps.log?.(`${target.accountId}/${target.region}: ${error.message}; reading the window again`);
        progress = { ...progress, chunk: { ...chunk, nextToken: null } };
        await saveChunk(deps.pg, target, progress.chunk as Chunk, now);
        continue;
      }
      pending = { requests: pending.requests + 1, throttled: pending.throttled };
      const events: NormalizedEvent[] = [];
      for (const raw of page.events) {
        const normalized = normalizeLookupEvent(raw, target);
        if (normalized.ok) events.push(normalized.event);
        else result.skipped += 1;
      }
      accept(events, target, options.verifyAccount);
      const done = page.nextToken === null;
      const marks = done ? completeChunk(progress, chunk) : { lowWatermark: progress.lowWatermark, highWatermark: progress.highWatermark };
      const position: Chunk | null = done ? null : { ...chunk, nextToken: page.nextToken };
      await deps.pg.query("BEGIN");
      let stored: number;
      try {
        stored = await storeEvents(deps.pg, events);
        await savePage(deps.pg, target, { chunk: position, ...marks, seen: page.events.length, stored, ...pending, at: new Date(clock.now()) });
        await deps.pg.query("COMMIT");
      } catch (error) {
        await deps.pg.query("ROLLBACK").catch(() => undefined);
        throw error;
      }
      result.pages += 1;
      result.seen += page.events.length;
      result.stored += stored;
      result.requests += pending.requests;
      result.throttled += pending.throttled;
      pending = { requests: 0, throttled: 0 };
      progress = { ...progress, ...marks, chunk: position };
      if (done && chunk.kind === "live") liveDone = true;
      await deps.afterPage?.({ chunk, pages: result.pages, stored });
    }
  } catch (error) {
    if (deps.signal?.aborted) return result;
    // Committed pages already counted their requests; only the rest is reported with the error.
    throw new IngestError(error instanceof Error ? error.message : String(error), pending);
  }
  if (!result.caughtUp) result.caughtUp = progressOf(progress, new Date(clock.now()), options.plan).caughtUp;
  return result;
}
