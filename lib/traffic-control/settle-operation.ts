import "server-only";
import type { Actor } from "@/lib/auth/guard";
import { isRole } from "@/lib/auth/permissions";
import type { Db } from "@/lib/db";
import type { TrafficOperation } from "@/lib/generated/prisma/client";
import type { MutationContext } from "@/lib/mutations/mutation";
import type { Route53Api } from "@/lib/route53";
import { finishOperation, recordVersionNumber } from "./finish-operation";
import { versionMarker } from "./route53-steps";

// An operation whose request gave up (timeout) or whose process died still holds its
// service's lock. The reconciler settles it from what Route 53 reports — never from
// guesses — and writes the audit entry on behalf of the person who started it.

export type SettleResult = "applied" | "failed" | "still-applying";

function contextOf(db: Db, operation: TrafficOperation): MutationContext {
  const actor: Actor = {
    kind: operation.actor.startsWith("token:") ? "token" : "user",
    id: operation.id,
    label: operation.actor,
    name: operation.actor,
    // Only people start operations that hold the lock, so the role is always one of theirs.
    role: isRole(operation.actorRole) ? operation.actorRole : "operator",
  };
  return { actor, requestId: operation.requestId, db };
}

export async function settleOperation(db: Db, route53: Route53Api, operation: TrafficOperation, slug: string): Promise<SettleResult> {
  const policy = await db.trafficPolicy.findUniqueOrThrow({ where: { serviceId: operation.serviceId } });
  let version = await db.trafficVersion.findUniqueOrThrow({ where: { id: operation.versionId } });
  if (version.version === null) {
    const marker = versionMarker(version.id);
    const found = (await route53.listTrafficPolicyVersions(policy.route53PolicyId)).find((v) => v.comment?.startsWith(marker));
    if (found) {
      await recordVersionNumber(db, version.id, found.version);
      version = { ...version, version: found.version };
    }
  }
  const ctx = contextOf(db, operation);
  const started = { operation, version, policy, slug };
  const note = "settled by the worker from Route 53's state";
  const instance = policy.route53InstanceId ? await route53.getTrafficPolicyInstance(policy.route53InstanceId) : null;
  const onTarget = instance !== null && version.version !== null && instance.policyId === policy.route53PolicyId && instance.version === version.version;
  if (onTarget && (instance.state === "Updating" || instance.state === "Creating")) return "still-applying";
  if (onTarget && instance.state === "Applied") {
    await finishOperation(ctx, started, { state: "applied" }, note);
    return "applied";
  }
  const message = onTarget
    ? instance.message || `Route 53 reports the policy record ${instance.state}.`
    : `Flightdeck stopped before Route 53 switched the policy record to this version${version.version === null ? " (the version was never created)" : ""}.`;
  await finishOperation(ctx, started, { state: "failed", message }, note);
  return "failed";
}
