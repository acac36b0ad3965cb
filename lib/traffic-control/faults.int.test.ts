import { DeleteHealthCheckCommand, GetTrafficPolicyInstanceCommand, ListTrafficPolicyVersionsCommand } from "@aws-sdk/client-route-53";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { isAppError } from "@/lib/errors";
import { SLUG, startTrafficHarness, type TrafficHarness } from "@/lib/test/traffic-harness";
import { publishVersion } from "./publish";

// Route 53 failing at every step of a publish, through a fault-injecting proxy in front of
// the sandbox. After each one Flightdeck's record must match Route 53: the live version is
// the one the policy record answers with, every version Flightdeck numbered exists in
// Route 53 exactly once, and no lock is left behind.

let h: TrafficHarness;
let policyId: string;
let instanceId: string;
let live = 1;

const CREATE_VERSION = /^\/2013-04-01\/trafficpolicy\/[^/]+$/;
const UPDATE_INSTANCE = /^\/2013-04-01\/trafficpolicyinstance\/[^/]+$/;

async function route53Versions(): Promise<number[]> {
  return ((await h.outside.send(new ListTrafficPolicyVersionsCommand({ Id: policyId }))).TrafficPolicies ?? []).map((p) => p.Version ?? 0);
}

async function expectConsistent(): Promise<void> {
  const row = await h.db.trafficPolicy.findFirstOrThrow();
  expect(row.pendingOperationId, "no lock left behind").toBeNull();
  expect(row.activeVersion).toBe(live);
  const instance = (await h.outside.send(new GetTrafficPolicyInstanceCommand({ Id: instanceId }))).TrafficPolicyInstance!;
  if (instance.State === "Applied") expect(instance.TrafficPolicyVersion).toBe(live);
  const numbered = (await h.db.trafficVersion.findMany({ where: { version: { not: null } }, orderBy: { version: "asc" } })).map((v) => v.version);
  expect(await route53Versions()).toEqual(numbered);
}

async function publish(percent: number, reason: string) {
  return publishVersion(h.ctx(), h.deps, SLUG, { baseVersion: live, multiRegionPercent: percent, reason });
}

async function publishOk(percent: number, reason: string): Promise<number> {
  const result = await publish(percent, reason);
  expect(result.version.state).toBe("applied");
  live = result.version.version!;
  return live;
}

beforeAll(async () => {
  h = await startTrafficHarness();
  ({ policyId, instanceId } = h);
});
afterAll(() => h?.close());

describe("injected faults", () => {
  it("a 500 before CreateTrafficPolicyVersion arrives: looked up, retried, one version", async () => {
    h.proxy.add({ method: "POST", path: CREATE_VERSION, mode: "before" });
    expect(await publishOk(20, "500 before create")).toBe(2);
    await expectConsistent();
  });

  it("a 500 after Route 53 created the version: found by its marker, not created twice", async () => {
    h.proxy.add({ method: "POST", path: CREATE_VERSION, mode: "after" });
    expect(await publishOk(30, "500 after create")).toBe(3);
    expect(await route53Versions()).toEqual([1, 2, 3]);
    await expectConsistent();
  });

  it("throttling and ConcurrentModification are retried with backoff", async () => {
    h.proxy.add({ method: "POST", path: CREATE_VERSION, mode: "error", code: "ConcurrentModification", times: 2 });
    h.proxy.add({ method: "POST", path: UPDATE_INSTANCE, mode: "error", code: "Throttling", times: 3 });
    h.proxy.add({ method: "GET", path: UPDATE_INSTANCE, mode: "error", code: "Throttling", times: 2 });
    expect(await publishOk(35, "throttled and busy")).toBe(4);
    await expectConsistent();
  });

  it("a lost answer to UpdateTrafficPolicyInstance is retried (it is idempotent)", async () => {
    h.proxy.add({ method: "POST", path: UPDATE_INSTANCE, mode: "after" });
    expect(await publishOk(45, "500 after update")).toBe(5);
    await expectConsistent();
  });

  it("UpdateTrafficPolicyInstance failing for good: the version exists in Route 53 but is recorded failed, never live", async () => {
    h.proxy.add({ method: "POST", path: UPDATE_INSTANCE, mode: "before", times: 50 });
    const error = await publish(55, "update keeps failing").catch((e: unknown) => e);
    h.proxy.clear();
    expect(isAppError(error) && error.status).toBe(502);
    expect(isAppError(error) && error.message).toMatch(/v5 is still live/);
    const failed = await h.db.trafficVersion.findFirstOrThrow({ where: { multiRegionPercent: 55 } });
    expect(failed.version).toBe(6);
    const operation = await h.db.trafficOperation.findFirstOrThrow({ where: { versionId: failed.id } });
    expect(operation.state).toBe("failed");
    expect(operation.message).toMatch(/InternalFailure/);
    const audit = await h.db.auditEntry.findFirstOrThrow({ orderBy: { seq: "desc" } });
    expect(audit.after).toMatchObject({ state: "failed", version: 6, activeVersion: 5 });
    await expectConsistent();
    // The lock is free: the next publish goes through from the unchanged base.
    expect(await publishOk(56, "after the outage")).toBe(7);
    await expectConsistent();
  });

  it("Route 53 rejecting the version outright: recorded as never created, nothing live changes", async () => {
    h.proxy.add({ method: "POST", path: CREATE_VERSION, mode: "error", code: "TooManyTrafficPolicyVersionsForCurrentPolicy" });
    const error = await publish(65, "quota").catch((e: unknown) => e);
    expect(isAppError(error) && error.status).toBe(502);
    const attempt = await h.db.trafficVersion.findFirstOrThrow({ where: { multiRegionPercent: 65 } });
    expect(attempt.version).toBeNull();
    expect(isAppError(error) && error.message).toMatch(/did not create the version.*TooManyTrafficPolicyVersionsForCurrentPolicy/);
    await expectConsistent();
  });

  it("the policy record Failed in Route 53: AWS's message is kept and the old version stays live", async () => {
    // A health check the document names disappears: Route 53 cannot build the records.
    const sg = await h.db.healthCheck.findFirstOrThrow({ where: { loadBalancer: { name: "flights-hb-sg" } } });
    await h.outside.send(new DeleteHealthCheckCommand({ HealthCheckId: sg.route53Id! }));
    const error = await publish(70, "health check gone").catch((e: unknown) => e);
    expect(isAppError(error) && error.status).toBe(502);
    expect(isAppError(error) && error.message).toMatch(new RegExp(`Health check ${sg.route53Id} does not exist`));
    const operation = await h.db.trafficOperation.findFirstOrThrow({ orderBy: { startedAt: "desc" } });
    expect(operation).toMatchObject({ state: "failed", message: `Health check ${sg.route53Id} does not exist.` });
    const instance = (await h.outside.send(new GetTrafficPolicyInstanceCommand({ Id: instanceId }))).TrafficPolicyInstance!;
    expect(instance.State).toBe("Failed");
    await expectConsistent();
  });
});
