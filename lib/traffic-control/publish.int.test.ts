import { ListTrafficPolicyVersionsCommand, GetTrafficPolicyInstanceCommand } from "@aws-sdk/client-route-53";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { isAppError } from "@/lib/errors";
import { SLUG, startTrafficHarness, type TrafficHarness } from "@/lib/test/traffic-harness";
import { parseDocument } from "@/lib/traffic";
import { publishVersion, rollbackToVersion } from "./publish";

// Publish and rollback against the sandbox and PostgreSQL: versions land in Route 53 and in
// Flightdeck's record, the policy record follows, every change is audited.

let h: TrafficHarness;
let policyId: string;
let instanceId: string;

async function route53Versions(): Promise<number[]> {
  const out = await h.outside.send(new ListTrafficPolicyVersionsCommand({ Id: policyId }));
  return (out.TrafficPolicies ?? []).map((p) => p.Version ?? 0);
}

async function instance() {
  return (await h.outside.send(new GetTrafficPolicyInstanceCommand({ Id: instanceId }))).TrafficPolicyInstance!;
}

beforeAll(async () => {
  h = await startTrafficHarness();
  ({ policyId, instanceId } = h);
});
afterAll(() => h?.close());

describe("publish", () => {
  it("starts from the bootstrap version at 10 %", async () => {
    const row = await h.db.trafficPolicy.findFirstOrThrow();
    expect(row.activeVersion).toBe(1);
    expect(await route53Versions()).toEqual([1]);
    expect((await instance()).State).toBe("Applied");
  });

  it("creates the version, switches the policy record, waits for Applied and audits it", async () => {
    const audits = await h.db.auditEntry.count();
    const result = await publishVersion(h.ctx(), h.deps, SLUG, { baseVersion: 1, multiRegionPercent: 25, reason: "Move a quarter to latency routing" });
    expect(result.version).toMatchObject({ version: 2, multiRegionPercent: 25, state: "applied", live: true, createdBy: "operator@flightdeck.test" });
    expect(result.activeVersion).toBe(2);
    expect(await route53Versions()).toEqual([1, 2]);
    const now = await instance();
    expect(now).toMatchObject({ State: "Applied", TrafficPolicyVersion: 2 });

    const stored = await h.db.trafficVersion.findFirstOrThrow({ where: { version: 2 } });
    const parsed = parseDocument(stored.document);
    expect(parsed.kind === "managed" && parsed.weights).toEqual({ single: 75, multi: 25 });
    expect((await h.db.trafficPolicy.findFirstOrThrow()).pendingOperationId).toBeNull();
    expect(await h.db.auditEntry.count()).toBe(audits + 1);
    const audit = await h.db.auditEntry.findFirstOrThrow({ orderBy: { seq: "desc" } });
    expect(audit).toMatchObject({ action: "traffic.publish", target: `service:${SLUG}`, actor: "user:operator@flightdeck.test" });
    expect(audit.after).toMatchObject({ activeVersion: 2, multiRegionPercent: 25, state: "applied" });
  });

  it("refuses a stale base version with 409 naming who published what, and sends nothing", async () => {
    const versions = await route53Versions();
    const error = await publishVersion(h.ctx("operator", "bob"), h.deps, SLUG, { baseVersion: 1, multiRegionPercent: 50, reason: "I did not see v2" }).catch((e: unknown) => e);
    expect(isAppError(error) && error.status).toBe(409);
    expect(isAppError(error) && error.message).toMatch(/operator@flightdeck\.test published v2 \(25 % multi-region\)/);
    expect(isAppError(error) && error.details).toMatchObject({ baseVersion: 1, activeVersion: 2, latest: { version: 2, by: "operator@flightdeck.test" } });
    expect(await route53Versions()).toEqual(versions);
  });

  it("rejects invalid input (422) and a no-op publish", async () => {
    for (const bad of [{ baseVersion: 2, multiRegionPercent: 101, reason: "too much" }, { baseVersion: 2, multiRegionPercent: 10, reason: "" }, { baseVersion: 2, multiRegionPercent: 2.5, reason: "fraction" }]) {
      const error = await publishVersion(h.ctx(), h.deps, SLUG, bad).catch((e: unknown) => e);
      expect(isAppError(error) && error.status, JSON.stringify(bad)).toBe(422);
    }
    const same = await publishVersion(h.ctx(), h.deps, SLUG, { baseVersion: 2, multiRegionPercent: 25, reason: "again" }).catch((e: unknown) => e);
    expect(isAppError(same) && same.status).toBe(422);
    const single = await publishVersion(h.ctx(), h.deps, "checkout", { baseVersion: 1, multiRegionPercent: 5, reason: "single region" }).catch((e: unknown) => e);
    expect(isAppError(single) && single.message).toMatch(/single-region/);
  });
});

describe("rollback", () => {
  it("points the policy record back at an earlier version without creating one", async () => {
    await publishVersion(h.ctx(), h.deps, SLUG, { baseVersion: 2, multiRegionPercent: 40, reason: "More" });
    expect(await route53Versions()).toEqual([1, 2, 3]);
    const result = await rollbackToVersion(h.ctx("admin", "carol"), h.deps, SLUG, { version: 1, reason: "Errors went up at 40 %" });
    expect(result.activeVersion).toBe(1);
    expect(await route53Versions()).toEqual([1, 2, 3]);
    expect(await instance()).toMatchObject({ State: "Applied", TrafficPolicyVersion: 1 });
    const operation = await h.db.trafficOperation.findFirstOrThrow({ where: { kind: "rollback" } });
    expect(operation).toMatchObject({ state: "applied", fromVersion: 3, actor: "user:carol@flightdeck.test" });
    const audit = await h.db.auditEntry.findFirstOrThrow({ orderBy: { seq: "desc" } });
    expect(audit).toMatchObject({ action: "traffic.rollback", before: { activeVersion: 3 } });
  });

  it("refuses the live version, unknown versions, and then publishes from the rolled-back base", async () => {
    const live = await rollbackToVersion(h.ctx(), h.deps, SLUG, { version: 1, reason: "again" }).catch((e: unknown) => e);
    expect(isAppError(live) && live.status).toBe(409);
    const missing = await rollbackToVersion(h.ctx(), h.deps, SLUG, { version: 99, reason: "nope" }).catch((e: unknown) => e);
    expect(isAppError(missing) && missing.status).toBe(404);
    const next = await publishVersion(h.ctx(), h.deps, SLUG, { baseVersion: 1, multiRegionPercent: 15, reason: "Slower this time" });
    expect(next.version.version).toBe(4);
  });
});
