import "server-only";
import type { Db } from "@/lib/db";
import { Prisma, type TrafficPolicy } from "@/lib/generated/prisma/client";
import type { Route53Api, Route53ForAccount } from "@/lib/route53";
import { compareWithRoute53, type DriftReport } from "./drift";
import { readFlightdeckSide, readRoute53Side } from "./route53-snapshot";
import { settleOperation, type SettleResult } from "./settle-operation";

// One reconcile round for one service: settle an operation left behind, else compare
// Route 53 with Flightdeck's record and store what differs. The stored result is written
// only if Flightdeck's record did not change meanwhile (same revision, no lock), so a
// publish finishing during the round is never reported as drift.

export type ReconcileResult = { slug: string; outcome: "clean" | "drift" | "busy" | "stale-snapshot" | SettleResult; items?: number };

export type ReconcileOptions = {
  /** An operation older than this (ms) is considered abandoned by its request. */
  abandonAfterMs: number;
  now?: () => Date;
};

export async function reconcileService(db: Db, route53: Route53Api, policy: TrafficPolicy, slug: string, options: ReconcileOptions): Promise<ReconcileResult> {
  const now = options.now?.() ?? new Date();
  if (policy.pendingOperationId) {
    const operation = await db.trafficOperation.findUnique({ where: { id: policy.pendingOperationId } });
    if (!operation || now.getTime() - operation.startedAt.getTime() < options.abandonAfterMs) return { slug, outcome: "busy" };
    return { slug, outcome: await settleOperation(db, route53, operation, slug) };
  }
  const route53Side = await readRoute53Side(route53, policy);
  const flightdeckSide = await readFlightdeckSide(db, policy);
  const items = compareWithRoute53(route53Side, flightdeckSide);
  const instance = route53Side.instance;
  const report: DriftReport = {
    items,
    instance: instance ? { policyId: instance.policyId, version: instance.version, state: instance.state, message: instance.message } : null,
    checkedAt: now.toISOString(),
  };
  const written = await db.trafficPolicy.updateMany({
    where: { serviceId: policy.serviceId, revision: policy.revision, pendingOperationId: null },
    data: {
      drift: items.length > 0 ? (report as unknown as Prisma.InputJsonValue) : Prisma.DbNull,
      driftDetectedAt: items.length > 0 ? (policy.driftDetectedAt ?? now) : null,
      reconciledAt: now,
    },
  });
  if (written.count === 0) return { slug, outcome: "stale-snapshot" };
  return { slug, outcome: items.length > 0 ? "drift" : "clean", items: items.length };
}

/** Every service with a policy record, one after the other (Route 53's rate limit is per account), each in its account's Route 53. */
export async function reconcileAll(db: Db, route53For: Route53ForAccount, options: ReconcileOptions, log: (line: string) => void = () => {}): Promise<ReconcileResult[]> {
  const policies = await db.trafficPolicy.findMany();
  const services = await db.service.findMany({
    where: { id: { in: policies.map((p) => p.serviceId) } },
    select: { id: true, slug: true, awsAccount: { select: { accountId: true, assumeRoleArn: true } } },
  });
  const byId = new Map(services.map((s) => [s.id, s]));
  const results: ReconcileResult[] = [];
  for (const policy of policies) {
    const service = byId.get(policy.serviceId);
    const slug = service?.slug ?? policy.serviceId;
    try {
      const result = await reconcileService(db, route53For(service?.awsAccount ?? null), policy, slug, options);
      if (result.outcome !== "clean" && result.outcome !== "busy") log(`${slug}: ${result.outcome}${result.items ? ` (${result.items} difference(s))` : ""}`);
      results.push(result);
    } catch (error) {
      log(`${slug}: reconcile failed: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
  return results;
}
