import { z } from "zod";
import { newUuid } from "../ids";
import type { TrafficPolicyInstance } from "../state";
import { noSuchInstance, Route53Error } from "./errors";
import { findZone, normalizeName } from "./hosted-zones";
import { settleInstances, startTransition } from "./instance-lifecycle";
import { defineOperation } from "./operation";
import { findVersion } from "./traffic-policies";
import { intIn, parseInput, text } from "./validation";
import { xmlList } from "./xml";

// Traffic policy instances ("policy records"): a name in a hosted zone answered by one
// traffic policy version. Create, update and delete are asynchronous on AWS, so each one
// starts a transition (Creating / Updating / Deleting) that instance-lifecycle settles.

export function instanceXml(instance: TrafficPolicyInstance) {
  return {
    Id: instance.id,
    HostedZoneId: instance.hostedZoneId,
    Name: instance.name,
    TTL: instance.ttl,
    State: instance.state,
    Message: instance.message ?? "",
    TrafficPolicyId: instance.trafficPolicyId,
    TrafficPolicyVersion: instance.trafficPolicyVersion,
    TrafficPolicyType: instance.type,
  };
}

const ttl = intIn(0, 2147483647);
const policyVersion = intIn(1, 1000);
const idParam = z.object({ Id: text(1, 36) });

export const createTrafficPolicyInstance = defineOperation({
  name: "CreateTrafficPolicyInstance",
  method: "POST",
  path: "trafficpolicyinstance",
  mutating: true,
  input: (request) =>
    parseInput(z.object({ HostedZoneId: text(1, 32), Name: text(1, 1024), TTL: ttl, TrafficPolicyId: text(1, 36), TrafficPolicyVersion: policyVersion }), request.body),
  run(runtime, input, request) {
    settleInstances(runtime);
    const { state } = runtime.store;
    const zone = findZone(runtime, input.HostedZoneId);
    const name = normalizeName(input.Name);
    if (name !== zone.name && !name.endsWith(`.${zone.name}`)) {
      throw new Route53Error("InvalidInput", `The traffic policy instance name ${name} is not permitted in zone ${zone.name}`);
    }
    const { policy, version } = findVersion(runtime, input.TrafficPolicyId, input.TrafficPolicyVersion, false);
    const instances = Object.values(state.instances);
    if (instances.some((i) => i.hostedZoneId === zone.id && i.name === name)) {
      throw new Route53Error("TrafficPolicyInstanceAlreadyExists", `A traffic policy instance already exists with the name ${name} in hosted zone ${zone.id}.`);
    }
    if ((state.recordSets[zone.id] ?? []).some((r) => r.Name === name && r.Type === version.type)) {
      throw new Route53Error("InvalidInput", `A resource record set with the name ${name} and type ${version.type} already exists.`);
    }
    if (instances.length >= runtime.policyInstanceQuota) {
      throw new Route53Error("TooManyTrafficPolicyInstances", `You've created the maximum number of traffic policy instances (${runtime.policyInstanceQuota}).`);
    }
    const instance: TrafficPolicyInstance = {
      id: newUuid(),
      hostedZoneId: zone.id,
      name,
      ttl: input.TTL,
      type: version.type,
      trafficPolicyId: policy.id,
      trafficPolicyVersion: version.version,
      activePolicyId: null,
      activeVersion: null,
      state: "Creating",
      createdAt: runtime.clock(),
    };
    state.instances[instance.id] = instance;
    startTransition(runtime, instance, "Creating");
    return {
      status: 201,
      root: "CreateTrafficPolicyInstanceResponse",
      headers: { Location: `${request.baseUrl}/2013-04-01/trafficpolicyinstance/${instance.id}` },
      resources: [{ ResourceType: "AWS::Route53::HostedZone", ResourceName: zone.id }],
      body: { TrafficPolicyInstance: instanceXml(instance) },
    };
  },
});

function findInstance(runtime: Parameters<typeof settleInstances>[0], id: string): TrafficPolicyInstance {
  settleInstances(runtime);
  const instance = runtime.store.state.instances[id];
  if (!instance) throw noSuchInstance(id);
  return instance;
}

function requireSettled(instance: TrafficPolicyInstance): void {
  if (instance.state === "Creating" || instance.state === "Updating" || instance.state === "Deleting") {
    throw new Route53Error("PriorRequestNotComplete", `The request was rejected because Route 53 was still processing a prior request (the instance is ${instance.state}).`);
  }
}

export const getTrafficPolicyInstance = defineOperation({
  name: "GetTrafficPolicyInstance",
  method: "GET",
  path: "trafficpolicyinstance/{Id}",
  mutating: false,
  input: (request) => parseInput(idParam, request.params),
  run: (runtime, input) => ({ root: "GetTrafficPolicyInstanceResponse", body: { TrafficPolicyInstance: instanceXml(findInstance(runtime, input.Id)) } }),
});

export const updateTrafficPolicyInstance = defineOperation({
  name: "UpdateTrafficPolicyInstance",
  method: "POST",
  path: "trafficpolicyinstance/{Id}",
  mutating: true,
  input: (request) =>
    parseInput(z.object({ Id: text(1, 36), TTL: ttl, TrafficPolicyId: text(1, 36), TrafficPolicyVersion: policyVersion }), { ...request.body, ...request.params }),
  run(runtime, input) {
    const instance = findInstance(runtime, input.Id);
    requireSettled(instance);
    const { version } = findVersion(runtime, input.TrafficPolicyId, input.TrafficPolicyVersion, false);
    if (version.type !== instance.type) {
      throw new Route53Error("ConflictingTypes", `You tried to update a traffic policy instance of type ${instance.type} by using a traffic policy version of type ${version.type}.`);
    }
    instance.ttl = input.TTL;
    instance.trafficPolicyId = input.TrafficPolicyId;
    instance.trafficPolicyVersion = input.TrafficPolicyVersion;
    startTransition(runtime, instance, "Updating");
    return {
      root: "UpdateTrafficPolicyInstanceResponse",
      resources: [{ ResourceType: "AWS::Route53::HostedZone", ResourceName: instance.hostedZoneId }],
      body: { TrafficPolicyInstance: instanceXml(instance) },
    };
  },
});

export const deleteTrafficPolicyInstance = defineOperation({
  name: "DeleteTrafficPolicyInstance",
  method: "DELETE",
  path: "trafficpolicyinstance/{Id}",
  mutating: true,
  input: (request) => parseInput(idParam, request.params),
  run(runtime, input) {
    const instance = findInstance(runtime, input.Id);
    requireSettled(instance);
    startTransition(runtime, instance, "Deleting");
    return { root: "DeleteTrafficPolicyInstanceResponse", resources: [{ ResourceType: "AWS::Route53::HostedZone", ResourceName: instance.hostedZoneId }], body: {} };
  },
});

// ---- the three list operations share one ordering and marker scheme ----------------------

type Marker = { zone?: string; name?: string; type?: string };
type Key = readonly [string, string, string];
const key = (i: TrafficPolicyInstance): Key => [i.hostedZoneId, i.name, i.type];

/** Plain code-unit order (not locale order), the same for sorting and for marker positions. */
function compareKeys(a: Key, b: Key): number {
  for (let i = 0; i < 3; i++) {
    const x = a[i] as string;
    const y = b[i] as string;
    if (x !== y) return x < y ? -1 : 1;
  }
  return 0;
}

function page(all: TrafficPolicyInstance[], marker: Marker, limit: number) {
  const sorted = [...all].sort((a, b) => compareKeys(key(a), key(b)));
  const start: Key = [marker.zone ?? "", marker.name ?? "", marker.type ?? ""];
  const rest = sorted.filter((i) => compareKeys(key(i), start) >= 0);
  return { items: rest.slice(0, limit), next: rest[limit] };
}

function listBody(result: ReturnType<typeof page>, limit: number, withZoneMarker: boolean) {
  const { next } = result;
  return {
    TrafficPolicyInstances: xmlList("TrafficPolicyInstance", result.items.map(instanceXml)),
    IsTruncated: next !== undefined,
    MaxItems: limit,
    HostedZoneIdMarker: withZoneMarker ? next?.hostedZoneId : undefined,
    TrafficPolicyInstanceNameMarker: next?.name,
    TrafficPolicyInstanceTypeMarker: next?.type,
  };
}

const listInput = (q: URLSearchParams) => ({
  marker: { zone: q.get("hostedzoneid") ?? undefined, name: q.get("trafficpolicyinstancename") ?? undefined, type: q.get("trafficpolicyinstancetype") ?? undefined },
  maxItems: Math.min(Number(q.get("maxitems") ?? "100") || 100, 100),
});

export const listTrafficPolicyInstances = defineOperation({
  name: "ListTrafficPolicyInstances",
  method: "GET",
  path: "trafficpolicyinstances",
  mutating: false,
  input: (request) => listInput(request.query),
  run(runtime, input) {
    settleInstances(runtime);
    const result = page(Object.values(runtime.store.state.instances), input.marker, input.maxItems);
    return { root: "ListTrafficPolicyInstancesResponse", body: listBody(result, input.maxItems, true) };
  },
});

export const listTrafficPolicyInstancesByHostedZone = defineOperation({
  name: "ListTrafficPolicyInstancesByHostedZone",
  method: "GET",
  path: "trafficpolicyinstances/hostedzone",
  mutating: false,
  input: (request) => ({ ...listInput(request.query), ...parseInput(z.object({ id: text(1, 32) }), { id: request.query.get("id") ?? undefined }) }),
  run(runtime, input) {
    settleInstances(runtime);
    const zone = findZone(runtime, input.id);
    const all = Object.values(runtime.store.state.instances).filter((i) => i.hostedZoneId === zone.id);
    const result = page(all, { ...input.marker, zone: undefined }, input.maxItems);
    return { root: "ListTrafficPolicyInstancesByHostedZoneResponse", body: listBody(result, input.maxItems, false) };
  },
});

export const listTrafficPolicyInstancesByPolicy = defineOperation({
  name: "ListTrafficPolicyInstancesByPolicy",
  method: "GET",
  path: "trafficpolicyinstances/trafficpolicy",
  mutating: false,
  input: (request) => ({
    ...listInput(request.query),
    ...parseInput(z.object({ id: text(1, 36), version: policyVersion }), { id: request.query.get("id") ?? undefined, version: request.query.get("version") ?? undefined }),
  }),
  run(runtime, input) {
    settleInstances(runtime);
    findVersion(runtime, input.id, input.version, true);
    const all = Object.values(runtime.store.state.instances).filter((i) => i.trafficPolicyId === input.id && i.trafficPolicyVersion === input.version);
    const result = page(all, input.marker, input.maxItems);
    return { root: "ListTrafficPolicyInstancesByPolicyResponse", body: listBody(result, input.maxItems, true) };
  },
});
