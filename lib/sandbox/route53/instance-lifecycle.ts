import type { TrafficPolicyInstance } from "../state";
import type { Route53Runtime } from "./operation";
import { validatePolicyDocument, type PolicyDocument } from "./policy-document";
import { ruleEntries } from "./policy-rules";

// Instance transitions are derived from timestamps instead of timers: an instance is
// Creating/Updating/Deleting until `pendingUntil`, and whoever looks next (an API call, the
// resolver) settles it. That keeps the behaviour identical across a restart of the sandbox.
//
// As on AWS, an update first builds the complete new record set and only then switches to
// it, so the previous version keeps answering until the transition ends.

type Transition = "Creating" | "Updating" | "Deleting";

export function startTransition(runtime: Route53Runtime, instance: TrafficPolicyInstance, state: Transition): void {
  instance.state = state;
  instance.message = undefined;
  instance.pendingUntil = runtime.clock() + runtime.changeDelayMs;
  instance.pendingFailure = state === "Deleting" ? undefined : missingHealthCheck(runtime, instance);
  if (state === "Creating") {
    const records = (runtime.store.state.recordSets[instance.hostedZoneId] ??= []);
    // The policy record itself: what ListResourceRecordSets shows for a traffic policy instance.
    records.push({ Name: instance.name, Type: instance.type, TTL: instance.ttl, TrafficPolicyInstanceId: instance.id });
  }
  runtime.store.changed();
}

export function settleInstances(runtime: Route53Runtime): void {
  const now = runtime.clock();
  const { state } = runtime.store;
  for (const instance of Object.values(state.instances)) {
    if (instance.pendingUntil === undefined || instance.pendingUntil > now) continue;
    settle(runtime, instance);
  }
}

function settle(runtime: Route53Runtime, instance: TrafficPolicyInstance): void {
  const { state } = runtime.store;
  const records = state.recordSets[instance.hostedZoneId] ?? [];
  const policyRecord = records.find((r) => r.TrafficPolicyInstanceId === instance.id);
  instance.pendingUntil = undefined;
  if (instance.state === "Deleting") {
    delete state.instances[instance.id];
    state.recordSets[instance.hostedZoneId] = records.filter((r) => r.TrafficPolicyInstanceId !== instance.id);
  } else if (instance.pendingFailure) {
    // A failed update leaves the old records answering; a failed create never answered.
    instance.state = "Failed";
    instance.message = instance.pendingFailure;
    instance.pendingFailure = undefined;
  } else {
    instance.state = "Applied";
    instance.activePolicyId = instance.trafficPolicyId;
    instance.activeVersion = instance.trafficPolicyVersion;
    if (policyRecord) policyRecord.TTL = instance.ttl;
  }
  runtime.store.changed();
}

/** AWS builds the records only when every health check the document names exists. */
function missingHealthCheck(runtime: Route53Runtime, instance: TrafficPolicyInstance): string | undefined {
  const document = activeDocument(runtime, instance.trafficPolicyId, instance.trafficPolicyVersion);
  if (!document) return undefined;
  for (const rule of Object.values(document.rules)) {
    for (const entry of ruleEntries(rule)) {
      if (entry.healthCheck === undefined) continue;
      const check = runtime.store.state.healthChecks[entry.healthCheck];
      if (!check || check.deleted) return `Health check ${entry.healthCheck} does not exist.`;
    }
  }
  return undefined;
}

const parsedDocuments = new Map<string, PolicyDocument>();

/** Parsed documents are cached by policy and version: versions are immutable. */
export function activeDocument(runtime: Route53Runtime, policyId: string | null, version: number | null): PolicyDocument | undefined {
  if (policyId === null || version === null) return undefined;
  const stored = runtime.store.state.trafficPolicies[policyId]?.versions[String(version)];
  if (!stored) return undefined;
  const cacheKey = `${policyId}/${version}`;
  let document = parsedDocuments.get(cacheKey);
  if (!document) {
    document = validatePolicyDocument(stored.document);
    parsedDocuments.set(cacheKey, document);
  }
  return document;
}
