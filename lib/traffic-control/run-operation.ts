import "server-only";
import { AppError } from "@/lib/errors";
import type { TrafficOperation } from "@/lib/generated/prisma/client";
import type { MutationContext } from "@/lib/mutations/mutation";
import { Route53Error, type Route53Api, type Route53ForAccount } from "@/lib/route53";
import { instanceDifference } from "./expected-instance";
import { finishOperation, recordVersionNumber, setStep } from "./finish-operation";
import { lastFailedVersions } from "./history";
import { createVersionOnce, switchInstance, versionComment, type Sleep } from "./route53-steps";
import { route53ForService } from "./service-route53";
import type { TrafficSettings } from "./settings";
import type { StartedOperation } from "./start-operation";

// Carries a started operation through Route 53 and records how it ended:
//   guard     — the policy record is where Flightdeck left it (else: drift, 409, nothing sent)
//   create    — CreateTrafficPolicyVersion once (publish only), number recorded at once
//   switch    — UpdateTrafficPolicyInstance, then State until Applied or Failed
//   finish    — outcome, policy row and audit entry in one transaction
// If Flightdeck itself fails midway, the operation stays pending/applying with the lock
// held, and the worker's reconciler settles it from what Route 53 reports.

/** `route53` picks the adapter of the service's account (its assumed role, if it has one). */
export type TrafficDeps = { route53: Route53ForAccount; settings: TrafficSettings; sleep?: Sleep };

export type RunContext = { instanceId: string; policyId: string; ttl: number };

async function guard(ctx: MutationContext, route53: Route53Api, started: StartedOperation, run: RunContext): Promise<string | null> {
  if (started.operation.kind === "revert") return null; // a revert exists to overwrite a difference
  const [instance, failedVersions] = await Promise.all([
    route53.getTrafficPolicyInstance(run.instanceId),
    lastFailedVersions(ctx.db, started.operation.serviceId, started.operation.id),
  ]);
  const difference = instanceDifference(instance, { policyId: run.policyId, activeVersion: started.policy.activeVersion, failedVersions });
  return difference?.message ?? null;
}

async function fail(ctx: MutationContext, started: StartedOperation, message: string): Promise<TrafficOperation> {
  return finishOperation(ctx, started, { state: "failed", message });
}

export type RunResult = { operation: TrafficOperation; /** Route 53's number of the version now live. */ version: number };

export async function runOperation(ctx: MutationContext, deps: TrafficDeps, started: StartedOperation, run: RunContext): Promise<RunResult> {
  const { operation, version } = started;
  let switching = false;
  try {
    // Inside the try: an account whose role cannot be assumed fails here like a refused call, before anything is sent.
    const route53 = await route53ForService(ctx.db, deps.route53, operation.serviceId);
    const drift = await guard(ctx, route53, started, run);
    if (drift) {
      await fail(ctx, started, `Not sent: Route 53 was changed outside Flightdeck. ${drift}`);
      throw new AppError("conflict", `Route 53 was changed outside Flightdeck, so nothing was sent. ${drift} Adopt or revert that change first.`, { details: { drift } });
    }
    let number = version.version;
    if (number === null) {
      await setStep(ctx.db, operation.id, "Creating the version in Route 53");
      number = await createVersionOnce(route53, { policyId: run.policyId, versionId: version.id, document: version.document, comment: versionComment(version.id, operation.reason) });
      await Promise.all([
        recordVersionNumber(ctx.db, version.id, number),
        setStep(ctx.db, operation.id, `Route 53 created v${number}; switching the policy record to it`, "applying"),
      ]);
    } else {
      await setStep(ctx.db, operation.id, `Switching the policy record to v${number}`, "applying");
    }
    switching = true;
    const outcome = await switchInstance(
      route53,
      { instanceId: run.instanceId, policyId: run.policyId, version: number, ttl: run.ttl },
      deps.settings,
      (state) => setStep(ctx.db, operation.id, `Route 53: ${state} (v${number})`),
      deps.sleep,
    );
    if (outcome.state === "timeout") {
      throw new AppError(
        "unavailable",
        `Route 53 is still ${outcome.instance.state} v${number} after ${Math.round(deps.settings.publishTimeoutMs / 1000)} s. Flightdeck keeps following it and records the outcome; v${started.policy.activeVersion ?? "—"} stays live until then.`,
        { details: { operationId: operation.id, version: number } },
      );
    }
    if (outcome.state === "failed") {
      const finished = await fail(ctx, started, outcome.message);
      throw new AppError("upstream", `Route 53 did not apply v${number}: ${outcome.message} v${started.policy.activeVersion ?? "—"} is still live.`, {
        details: { operationId: finished.id, version: number, state: "failed" },
      });
    }
    return { operation: await finishOperation(ctx, started, { state: "applied" }, undefined, number), version: number };
  } catch (error) {
    if (error instanceof Route53Error && !switching) {
      // Nothing was switched: the record is simply "this attempt failed", with AWS's words.
      const created = (await ctx.db.trafficVersion.findUnique({ where: { id: version.id } }))?.version;
      const what = created ? `Route 53 created v${created} but the change stopped` : "Route 53 did not create the version";
      await fail(ctx, started, `${what}: ${error.summary}`);
      throw new AppError("upstream", `${what}: ${error.summary}`, { details: { operationId: operation.id, version: created ?? null, state: "failed" } });
    }
    // Anything else (a database error, or Route 53 failing while we followed the switch):
    // the operation keeps its lock and the reconciler settles it from Route 53's answer.
    if (error instanceof Route53Error) {
      throw new AppError("unavailable", `Lost track of the change in Route 53 (${error.summary}). Flightdeck will record its outcome shortly.`, {
        details: { operationId: operation.id },
      });
    }
    throw error;
  }
}
