import "server-only";
import { AppError } from "@/lib/errors";
import type { Prisma, TrafficOperation, TrafficOperationKind, TrafficPolicy, TrafficVersion } from "@/lib/generated/prisma/client";
import type { MutationContext } from "@/lib/mutations/mutation";
import { inProgressConflict, staleBaseConflict } from "./conflict";

// The one door to changing a service's policy record. Under a row lock on the service's
// traffic_policy row it checks that nothing else is running and that the operator's base
// version is still the live one, then records the version (for a publish) and the
// operation, and takes the lock by pointing pending_operation_id at it — all in one
// transaction. Of any number of simultaneous requests exactly one gets through; the others
// get a 409 before anything reaches Route 53.

type Tx = Prisma.TransactionClient;

export type NewVersion = { document: string; multiRegionPercent: number | null };

export type OperationRequest = {
  kind: Exclude<TrafficOperationKind, "bootstrap" | "adopt">;
  serviceId: string;
  slug: string;
  reason: string;
  /** publish: the version the operator saw live (null when none was). */
  baseVersion?: number | null;
  /** publish: the document to create. */
  newVersion?: NewVersion;
  /** rollback/revert: the Route 53 number of an existing version. */
  targetVersion?: number;
};

export type StartedOperation = {
  operation: TrafficOperation;
  version: TrafficVersion;
  /** The policy row as it was when the lock was taken. */
  policy: TrafficPolicy;
  slug: string;
};

type LockedRow = { active_version: number | null; pending_operation_id: string | null };

async function lockPolicy(tx: Tx, serviceId: string): Promise<LockedRow> {
  const rows = await tx.$queryRaw<LockedRow[]>`
    SELECT active_version, pending_operation_id FROM traffic_policy WHERE service_id = ${serviceId}::uuid FOR UPDATE`;
  const row = rows[0];
  if (!row) throw new AppError("invalid", "This service has no traffic policy record yet.");
  return row;
}

async function targetVersion(tx: Tx, request: OperationRequest, active: number | null, ctx: MutationContext): Promise<TrafficVersion> {
  if (request.kind === "publish") {
    if (request.baseVersion !== undefined && request.baseVersion !== active) {
      throw await staleBaseConflict(tx, request.serviceId, request.baseVersion ?? 0, active);
    }
    const current = active === null ? null : await tx.trafficVersion.findUnique({ where: { serviceId_version: { serviceId: request.serviceId, version: active } } });
    if (current && current.document === request.newVersion!.document) {
      throw new AppError("invalid", `v${active} already sends exactly this: nothing to publish.`, { fieldErrors: { multiRegionPercent: ["Same as the live version"] } });
    }
    return tx.trafficVersion.create({
      data: {
        serviceId: request.serviceId,
        document: request.newVersion!.document,
        multiRegionPercent: request.newVersion!.multiRegionPercent,
        reason: request.reason,
        origin: "publish",
        createdBy: ctx.actor.label,
        createdByRole: ctx.actor.role,
      },
    });
  }
  const number = request.targetVersion!;
  const version = await tx.trafficVersion.findUnique({ where: { serviceId_version: { serviceId: request.serviceId, version: number } } });
  if (!version) throw new AppError("not_found", `${request.slug} has no version ${number}.`);
  if (request.kind === "rollback" && number === active) throw new AppError("conflict", `v${number} is already live.`, { details: { activeVersion: active } });
  if (request.kind === "revert" && number !== active) {
    throw new AppError("conflict", `Flightdeck's live version changed to v${active ?? "—"} meanwhile; check the drift again.`, { details: { activeVersion: active } });
  }
  if (version.route53DeletedAt) throw new AppError("invalid", `v${number} was deleted in Route 53 outside Flightdeck; it cannot be made live again.`);
  return version;
}

export async function startOperation(ctx: MutationContext, request: OperationRequest): Promise<StartedOperation> {
  return ctx.db.$transaction(
    async (tx) => {
      const row = await lockPolicy(tx, request.serviceId);
      if (row.pending_operation_id) throw await inProgressConflict(tx, row.pending_operation_id, row.active_version);
      const version = await targetVersion(tx, request, row.active_version, ctx);
      const operation = await tx.trafficOperation.create({
        data: {
          serviceId: request.serviceId,
          kind: request.kind,
          versionId: version.id,
          fromVersion: row.active_version,
          reason: request.reason,
          actor: ctx.actor.label,
          actorRole: ctx.actor.role,
          state: "pending",
          step: "Checking the policy record in Route 53",
          requestId: ctx.requestId,
        },
      });
      const policy = await tx.trafficPolicy.update({
        where: { serviceId: request.serviceId },
        data: { pendingOperationId: operation.id, revision: { increment: 1 } },
      });
      return { operation, version, policy, slug: request.slug };
    },
    // Twenty requests at once queue for a pool of ten connections; each holds the lock for milliseconds.
    { maxWait: 15_000, timeout: 15_000 },
  );
}
