import "server-only";
import { Route53Error, type InstanceInfo, type InstanceState, type Route53Api } from "@/lib/route53";
import type { TrafficSettings } from "./settings";

// The Route 53 half of a publish or rollback, step by step. Each step is safe to repeat or
// tells the caller exactly what is known, so Flightdeck's record never claims more than
// Route 53 did.

export type Sleep = (ms: number) => Promise<void>;
export const realSleep: Sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** Comment marker that lets a retry find a version whose creation answer was lost. */
export function versionMarker(versionId: string): string {
  return `[flightdeck:${versionId}]`;
}

export function versionComment(versionId: string, text: string): string {
  return `${versionMarker(versionId)} ${text}`.slice(0, 1024);
}

/**
 * CreateTrafficPolicyVersion exactly once. Throttling and busy answers are retried inside
 * the adapter; when an answer is lost (5xx, dropped connection) the version may exist, so
 * before trying again this looks for the marker in the versions Route 53 lists.
 */
export async function createVersionOnce(route53: Route53Api, input: { policyId: string; versionId: string; document: string; comment: string }): Promise<number> {
  const marker = versionMarker(input.versionId);
  for (let attempt = 1; ; attempt++) {
    try {
      const created = await route53.createTrafficPolicyVersion({ policyId: input.policyId, document: input.document, comment: input.comment });
      return created.version;
    } catch (error) {
      if (!(error instanceof Route53Error) || !error.ambiguous) throw error;
      const existing = (await route53.listTrafficPolicyVersions(input.policyId)).find((v) => v.comment?.startsWith(marker));
      if (existing) return existing.version;
      if (attempt >= 3) throw error;
    }
  }
}

export type SwitchOutcome =
  | { state: "applied"; instance: InstanceInfo }
  | { state: "failed"; message: string }
  | { state: "timeout"; instance: InstanceInfo };

export type SwitchTarget = { instanceId: string; policyId: string; version: number; ttl: number };

const onTarget = (instance: InstanceInfo, target: SwitchTarget) => instance.policyId === target.policyId && instance.version === target.version;

/** UpdateTrafficPolicyInstance, then follows State until Applied, Failed or the timeout. */
export async function switchInstance(
  route53: Route53Api,
  target: SwitchTarget,
  settings: Pick<TrafficSettings, "pollMs" | "maxPollMs" | "publishTimeoutMs">,
  onState: (state: InstanceState) => Promise<void>,
  sleep: Sleep = realSleep,
): Promise<SwitchOutcome> {
  let instance: InstanceInfo;
  try {
    instance = await route53.updateTrafficPolicyInstance(target.instanceId, { ttl: target.ttl, policyId: target.policyId, version: target.version });
  } catch (error) {
    if (!(error instanceof Route53Error)) throw error;
    // The update may have landed although its answer did not: ask Route 53 what it has.
    const now = await route53.getTrafficPolicyInstance(target.instanceId).catch(() => undefined);
    if (!now || !onTarget(now, target)) return { state: "failed", message: error.summary };
    instance = now;
  }
  const deadline = Date.now() + settings.publishTimeoutMs;
  let delay = settings.pollMs;
  let reported: InstanceState | undefined;
  for (;;) {
    if (instance.state !== reported) {
      reported = instance.state;
      await onState(instance.state);
    }
    if (onTarget(instance, target)) {
      if (instance.state === "Applied") return { state: "applied", instance };
      if (instance.state === "Failed") return { state: "failed", message: instance.message || "Route 53 reported Failed without a message." };
    } else if (instance.state === "Applied" || instance.state === "Failed") {
      return { state: "failed", message: `While this change applied, the policy record was switched to v${instance.version} by someone else.` };
    }
    if (Date.now() >= deadline) return { state: "timeout", instance };
    await sleep(delay);
    delay = Math.min(Math.round(delay * 1.5), settings.maxPollMs);
    instance = await route53.getTrafficPolicyInstance(target.instanceId);
  }
}
