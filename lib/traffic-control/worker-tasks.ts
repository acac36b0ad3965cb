import "server-only";
import { getRoute53ForAccount, type Route53ForAccount } from "@/lib/route53";
import type { TaskContext, WorkerTask } from "@/lib/worker/tasks";
import { runExclusive, TRAFFIC_HEALTH_LOCK, TRAFFIC_RECONCILE_LOCK } from "./exclusive";
import { pollHealth } from "./health-poll";
import { reconcileAll } from "./reconcile";
import { trafficSettings, type TrafficSettings } from "./settings";

// Traffic control's background work: health polling and the drift reconciler (which also
// settles operations their requests left behind). Each round is claimed through an
// advisory lock, so several workers never run the same round twice.

function pause(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer);
      signal.removeEventListener("abort", done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal.addEventListener("abort", done, { once: true });
  });
}

async function every(ctx: TaskContext, intervalMs: number, key: bigint, round: () => Promise<void>): Promise<void> {
  while (!ctx.signal.aborted) {
    try {
      await runExclusive(ctx.db, key, round);
    } catch (error) {
      ctx.log(`round failed: ${error instanceof Error ? error.message : String(error)}`);
    }
    await pause(intervalMs, ctx.signal);
  }
}

export function createTrafficTasks(settings: TrafficSettings = trafficSettings, route53: () => Route53ForAccount = () => getRoute53ForAccount()): WorkerTask[] {
  return [
    {
      name: "traffic-health",
      run: (ctx) =>
        every(ctx, settings.healthPollMs, TRAFFIC_HEALTH_LOCK, async () => {
          const changed = await pollHealth(ctx.db, route53());
          if (changed > 0) ctx.log(`${changed} health check(s) changed status`);
        }),
    },
    {
      name: "traffic-reconcile",
      run: (ctx) =>
        every(ctx, settings.driftReconcileMs, TRAFFIC_RECONCILE_LOCK, async () => {
          // A request follows its change for publishTimeoutMs; past that (plus slack) it has given up.
          await reconcileAll(ctx.db, route53(), { abandonAfterMs: settings.publishTimeoutMs + 15_000 }, ctx.log);
        }),
    },
  ];
}
