import "server-only";
import type { Db } from "@/lib/db";
import { Prisma, type TrafficOperation, type TrafficOperationState } from "@/lib/generated/prisma/client";
import { changeWithAudit, type MutationContext } from "@/lib/mutations/mutation";
import type { StartedOperation } from "./start-operation";

// Progress and outcome of an operation. Progress is written as it happens (the UI polls
// it); the outcome, the policy row and the audit entry are written in one transaction, so
// "v8 is live" and "who made it live, and why" can never disagree.

export async function setStep(db: Db, operationId: string, step: string, state?: TrafficOperationState): Promise<void> {
  await db.trafficOperation.update({ where: { id: operationId }, data: { step, ...(state ? { state } : {}) } });
}

/** Route 53 created the version: its number is recorded at once, before anything else can fail. */
export async function recordVersionNumber(db: Db, versionId: string, version: number): Promise<void> {
  await db.trafficVersion.update({ where: { id: versionId }, data: { version } });
}

export type Outcome = { state: "applied" } | { state: "failed"; message: string };

/** `versionNumber`: Route 53's number of the operation's version when the caller knows it (saves a read). */
export async function finishOperation(ctx: MutationContext, started: StartedOperation, outcome: Outcome, note?: string, versionNumber?: number): Promise<TrafficOperation> {
  const { operation, slug } = started;
  return changeWithAudit(ctx, { action: `traffic.${operation.kind}`, target: `service:${slug}` }, async (tx) => {
    const version =
      versionNumber === undefined
        ? await tx.trafficVersion.findUniqueOrThrow({ where: { id: operation.versionId } })
        : { ...started.version, version: versionNumber };
    const applied = outcome.state === "applied";
    const finished = await tx.trafficOperation.update({
      where: { id: operation.id },
      data: {
        state: outcome.state,
        step: applied ? "Applied" : "Failed",
        message: applied ? null : outcome.message,
        finishedAt: new Date(),
      },
    });
    await tx.trafficPolicy.update({
      where: { serviceId: operation.serviceId },
      data: {
        pendingOperationId: null,
        revision: { increment: 1 },
        ...(applied ? { activeVersion: version.version } : {}),
        // A revert puts back what Flightdeck recorded: whatever differed is gone. The
        // reconciler re-checks on its next round either way.
        ...(applied && operation.kind === "revert" ? { drift: Prisma.DbNull, driftDetectedAt: null } : {}),
      },
    });
    return {
      before: { activeVersion: operation.fromVersion },
      after: {
        activeVersion: applied ? version.version : operation.fromVersion,
        version: version.version,
        multiRegionPercent: version.multiRegionPercent,
        reason: operation.reason,
        state: outcome.state,
        ...(applied ? {} : { message: outcome.message }),
        ...(note ? { note } : {}),
      },
      result: finished,
    };
  });
}
