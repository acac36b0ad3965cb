import "server-only";
import type { Db } from "@/lib/db";
import { isNotFound, type HealthVerdict, type Route53Api } from "@/lib/route53";

// Copies Route 53's view of every health check into health_observation, so pages and the
// API show live health without each viewer calling Route 53 (5 requests/second per account).

const UNKNOWN: HealthVerdict = { status: "unknown", healthyCount: 0, checkerCount: 0, detail: "Route 53 no longer has this health check" };

export async function pollHealth(db: Db, route53: Route53Api, now: () => Date = () => new Date()): Promise<number> {
  const checks = await db.healthCheck.findMany({ where: { route53Id: { not: null } }, select: { id: true, route53Id: true } });
  const previous = new Map((await db.healthObservation.findMany()).map((o) => [o.healthCheckId, o]));
  let changed = 0;
  for (const check of checks) {
    const route53Id = check.route53Id!;
    let verdict: HealthVerdict;
    try {
      verdict = await route53.getHealthCheckStatus(route53Id);
    } catch (error) {
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
  return changed;
}
