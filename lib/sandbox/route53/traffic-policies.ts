import { setTimeout as sleep } from "node:timers/promises";
import { z } from "zod";
import { newUuid } from "../ids";
import type { PolicyVersion, TrafficPolicy } from "../state";
import { noSuchTrafficPolicy, Route53Error } from "./errors";
import { defineOperation, type Route53Request, type Route53Runtime } from "./operation";
import { validatePolicyDocument } from "./policy-document";
import { maxItems, parseInput, text } from "./validation";
import { xmlList } from "./xml";

// Traffic policies and their immutable versions. Version numbers only ever grow (a policy
// remembers the last number it issued), deleted versions vanish from lists but stay readable
// with GetTrafficPolicy, and a version an instance uses cannot be deleted.

const POLICY_QUOTA = 50;
export const MAX_VERSIONS = 1000;

export function trafficPolicyXml(policy: TrafficPolicy, version: PolicyVersion) {
  return { Id: policy.id, Version: version.version, Name: policy.name, Type: version.type, Document: version.document, Comment: version.comment };
}

export function liveVersions(policy: TrafficPolicy): PolicyVersion[] {
  return Object.values(policy.versions).filter((v) => !v.deleted).sort((a, b) => a.version - b.version);
}

/** A policy whose every version was deleted is gone for lists, names and new versions. */
const isLive = (policy: TrafficPolicy): boolean => liveVersions(policy).length > 0;

export function findVersion(runtime: Route53Runtime, id: string, version: number, includeDeleted: boolean): { policy: TrafficPolicy; version: PolicyVersion } {
  const policy = runtime.store.state.trafficPolicies[id];
  const found = policy?.versions[String(version)];
  if (!policy || !found || (found.deleted && !includeDeleted)) throw noSuchTrafficPolicy(id, version);
  return { policy, version: found };
}

/** Serialises mutations per policy; an overlapping one fails the way AWS says it does. */
async function withPolicyLock<T>(runtime: Route53Runtime, id: string, work: () => T): Promise<T> {
  if (runtime.policyLocks.has(id)) {
    throw new Route53Error("ConcurrentModification", "Another user submitted a request to create, update, or delete the object at the same time that you did. Retry the request.");
  }
  runtime.policyLocks.add(id);
  try {
    if (runtime.mutationLatencyMs > 0) await sleep(runtime.mutationLatencyMs);
    return work();
  } finally {
    runtime.policyLocks.delete(id);
  }
}

const location = (request: Route53Request, id: string, version: number) => `${request.baseUrl}/2013-04-01/trafficpolicy/${id}/${version}`;
const idAndVersion = z.object({ Id: text(1, 36), Version: z.string().regex(/^\d+$/, "Member must be an integer").transform(Number).pipe(z.number().min(1, "Member must have value greater than or equal to 1").max(MAX_VERSIONS, `Member must have value less than or equal to ${MAX_VERSIONS}`)) });
const documentText = text(1, 102400);

export const createTrafficPolicy = defineOperation({
  name: "CreateTrafficPolicy",
  method: "POST",
  path: "trafficpolicy",
  mutating: true,
  input: (request) => parseInput(z.object({ Name: text(1, 512), Document: documentText, Comment: text(0, 1024).optional() }), request.body),
  run(runtime, input, request) {
    const document = validatePolicyDocument(input.Document);
    const live = Object.values(runtime.store.state.trafficPolicies).filter(isLive);
    if (live.some((p) => p.name === input.Name)) {
      throw new Route53Error("TrafficPolicyAlreadyExists", `A traffic policy with the name ${input.Name} already exists.`);
    }
    if (live.length >= POLICY_QUOTA) throw new Route53Error("TooManyTrafficPolicies", `You've created the maximum number of traffic policies (${POLICY_QUOTA}).`);
    const now = runtime.clock();
    const version: PolicyVersion = { version: 1, document: input.Document, type: document.recordType, comment: input.Comment, deleted: false, createdAt: now };
    const policy: TrafficPolicy = { id: newUuid(), name: input.Name, type: document.recordType, lastVersion: 1, versions: { "1": version }, createdAt: now };
    runtime.store.state.trafficPolicies[policy.id] = policy;
    runtime.store.changed();
    return { status: 201, root: "CreateTrafficPolicyResponse", headers: { Location: location(request, policy.id, 1) }, body: { TrafficPolicy: trafficPolicyXml(policy, version) } };
  },
});

export const createTrafficPolicyVersion = defineOperation({
  name: "CreateTrafficPolicyVersion",
  method: "POST",
  path: "trafficpolicy/{Id}",
  mutating: true,
  input: (request) => parseInput(z.object({ Id: text(1, 36), Document: documentText, Comment: text(0, 1024).optional() }), { ...request.body, ...request.params }),
  run: (runtime, input, request) =>
    withPolicyLock(runtime, input.Id, () => {
      const policy = runtime.store.state.trafficPolicies[input.Id];
      if (!policy || !isLive(policy)) throw noSuchTrafficPolicy(input.Id);
      if (policy.lastVersion >= MAX_VERSIONS) {
        throw new Route53Error("TooManyTrafficPolicyVersionsForCurrentPolicy", `This traffic policy version can't be created because you've reached the limit of ${MAX_VERSIONS} on the number of versions that you can create for the current traffic policy.`);
      }
      const document = validatePolicyDocument(input.Document);
      if (document.recordType !== policy.type) {
        throw new Route53Error("ConflictingTypes", `The RecordType of the new version (${document.recordType}) differs from the traffic policy's type (${policy.type}).`);
      }
      const number = policy.lastVersion + 1;
      const version: PolicyVersion = { version: number, document: input.Document, type: document.recordType, comment: input.Comment, deleted: false, createdAt: runtime.clock() };
      policy.versions[String(number)] = version;
      policy.lastVersion = number;
      runtime.store.changed();
      return { status: 201, root: "CreateTrafficPolicyVersionResponse", headers: { Location: location(request, policy.id, number) }, body: { TrafficPolicy: trafficPolicyXml(policy, version) } };
    }),
});

export const getTrafficPolicy = defineOperation({
  name: "GetTrafficPolicy",
  method: "GET",
  path: "trafficpolicy/{Id}/{Version}",
  mutating: false,
  input: (request) => parseInput(idAndVersion, request.params),
  run(runtime, input) {
    const { policy, version } = findVersion(runtime, input.Id, input.Version, true);
    return { root: "GetTrafficPolicyResponse", body: { TrafficPolicy: trafficPolicyXml(policy, version) } };
  },
});

export const updateTrafficPolicyComment = defineOperation({
  name: "UpdateTrafficPolicyComment",
  method: "POST",
  path: "trafficpolicy/{Id}/{Version}",
  mutating: true,
  input: (request) => ({ ...parseInput(idAndVersion, request.params), ...parseInput(z.object({ Comment: text(0, 1024) }), request.body) }),
  run: (runtime, input) =>
    withPolicyLock(runtime, input.Id, () => {
      const { policy, version } = findVersion(runtime, input.Id, input.Version, false);
      version.comment = input.Comment;
      runtime.store.changed();
      return { root: "UpdateTrafficPolicyCommentResponse", body: { TrafficPolicy: trafficPolicyXml(policy, version) } };
    }),
});

export const deleteTrafficPolicy = defineOperation({
  name: "DeleteTrafficPolicy",
  method: "DELETE",
  path: "trafficpolicy/{Id}/{Version}",
  mutating: true,
  input: (request) => parseInput(idAndVersion, request.params),
  run: (runtime, input) =>
    withPolicyLock(runtime, input.Id, () => {
      const { version } = findVersion(runtime, input.Id, input.Version, false);
      const users = Object.values(runtime.store.state.instances).filter(
        (i) => (i.trafficPolicyId === input.Id && i.trafficPolicyVersion === input.Version) || (i.activePolicyId === input.Id && i.activeVersion === input.Version),
      );
      if (users.length > 0) {
        throw new Route53Error("TrafficPolicyInUse", `One or more traffic policy instances were created by using the specified traffic policy version (${input.Version}).`);
      }
      version.deleted = true;
      runtime.store.changed();
      return { root: "DeleteTrafficPolicyResponse", body: {} };
    }),
});

export const listTrafficPolicies = defineOperation({
  name: "ListTrafficPolicies",
  method: "GET",
  path: "trafficpolicies",
  mutating: false,
  input: (request) => ({ marker: request.query.get("trafficpolicyid") ?? "", maxItems: maxItems(request.query.get("maxitems"), 100) }),
  run(runtime, input) {
    const policies = Object.values(runtime.store.state.trafficPolicies).filter(isLive).sort((a, b) => a.id.localeCompare(b.id));
    const rest = input.marker ? policies.filter((p) => p.id >= input.marker) : policies;
    const page = rest.slice(0, input.maxItems);
    const next = rest[input.maxItems];
    const summaries = page.map((p) => {
      const live = liveVersions(p);
      return { Id: p.id, Name: p.name, Type: p.type, LatestVersion: live[live.length - 1]?.version ?? p.lastVersion, TrafficPolicyCount: live.length };
    });
    return {
      root: "ListTrafficPoliciesResponse",
      body: { TrafficPolicySummaries: xmlList("TrafficPolicySummary", summaries), IsTruncated: next !== undefined, TrafficPolicyIdMarker: next?.id ?? page[page.length - 1]?.id ?? "", MaxItems: input.maxItems },
    };
  },
});

export const listTrafficPolicyVersions = defineOperation({
  name: "ListTrafficPolicyVersions",
  method: "GET",
  path: "trafficpolicies/{Id}/versions",
  mutating: false,
  input: (request) => ({
    ...parseInput(z.object({ Id: text(1, 36) }), request.params),
    marker: Number(request.query.get("trafficpolicyversion") ?? "0") || 0,
    maxItems: maxItems(request.query.get("maxitems"), 100),
  }),
  run(runtime, input) {
    const policy = runtime.store.state.trafficPolicies[input.Id];
    if (!policy) throw noSuchTrafficPolicy(input.Id);
    const rest = liveVersions(policy).filter((v) => v.version >= input.marker);
    const page = rest.slice(0, input.maxItems);
    const next = rest[input.maxItems];
    return {
      root: "ListTrafficPolicyVersionsResponse",
      body: {
        TrafficPolicies: xmlList("TrafficPolicy", page.map((v) => trafficPolicyXml(policy, v))),
        IsTruncated: next !== undefined,
        TrafficPolicyVersionMarker: next ? String(next.version) : String(page[page.length - 1]?.version ?? ""),
        MaxItems: input.maxItems,
      },
    };
  },
});
