import "server-only";
import { isAssumeRoleFailure } from "@/lib/aws/account-credentials";
import type { Db } from "@/lib/db";
import { isNotFound, type HealthVerdict, type Route53ForAccount } from "@/lib/route53";

// Copies Route 53's view of every health check into health_observation, so pages and the
// API show live health without each viewer calling Route 53 (5 requests/second per account).
// Each check is read in its service's account (through the account's role, if it has one);
// an account whose role cannot be assumed is skipped, the others are still polled, and the
// round then fails naming it.

const UNKNOWN: HealthVerdict = { status: "unknown", healthyCount: 0, checkerCount: 0, detail: "Route 53 no longer has this health check" };

export async function pollHealth(db: Db, route53For: Route53ForAccount, now: () => Date = () => new Date()): Promise<number> {
  const checks = await db.healthCheck.findMany({
    where: { route53Id: { not: null } },
    select: { id: true, route53Id: true, loadBalancer: { select: { service: { select: { awsAccount: { select: { accountId: true, assumeRoleArn: true } } } } } } },
  });
  const previous = new Map((await db.healthObservation.findMany()).map((o) => [o.healthCheckId, o]));
  let changed = 0;
  const unreachable = new Map<string, string>();
  for (const check of checks) {
    const route53Id = check.route53Id!;
    const account = check.loadBalancer.service?.awsAccount ?? null;
    if (account?.assumeRoleArn && unreachable.has(account.assumeRoleArn)) continue;
    let verdict: HealthVerdict;
    try {
      verdict = await route53For(account).getHealthCheckStatus(route53Id);
    } catch (error) {
      if (account?.assumeRoleArn && isAssumeRoleFailure(error)) {
        unreachable.set(account.assumeRoleArn, error instanceof Error ? error.message : String(error));
        continue;
      }
      if (!isNotFound(error, "NoSuchHealthCheck")) throw error;
      verdict = UNKNOWN;
    }
    const at = now();
    const before = previous.get(check.id);
    const same = before?.status === verdict.status && before.route53Id === route53Id;
    if (!same) changed++;
    const data = {
      route53Id,
      status: verdict.status,
      healthyCount: verdict.healthyCount,
      checkerCount: verdict.checkerCount,
      detail: verdict.detail ?? null,
      changedAt: same ? before.changedAt : at,
      observedAt: at,
    };
    await db.healthObservation.upsert({ where: { healthCheckId: check.id }, create: { healthCheckId: check.id, ...data }, update: data });
  }
  if (unreachable.size > 0) throw new Error(`health checks of ${unreachable.size} account role(s) not read: ${[...unreachable.values()].join("; ")}`);
  return changed;
}
