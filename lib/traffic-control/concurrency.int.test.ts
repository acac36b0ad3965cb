import { ListTrafficPolicyVersionsCommand } from "@aws-sdk/client-route-53";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { isAppError } from "@/lib/errors";
import { SLUG, startTrafficHarness, type TrafficHarness } from "@/lib/test/traffic-harness";
import { publishVersion } from "./publish";

// Twenty operators release the slider at the same moment, all from the version they saw.
// Exactly one publish may win; the others get a 409 that names the winner, and none of
// them reaches Route 53.

let h: TrafficHarness;
let policyId: string;

const route53Versions = async () =>
  ((await h.outside.send(new ListTrafficPolicyVersionsCommand({ Id: policyId }))).TrafficPolicies ?? []).map((p) => p.Version);

beforeAll(async () => {
  h = await startTrafficHarness();
  policyId = (await h.db.trafficPolicy.findFirstOrThrow()).route53PolicyId;
});
afterAll(() => h?.close());

describe("20 parallel publishes from the same base version", () => {
  it("give exactly one 201 and nineteen 409, and exactly one new version in Route 53", async () => {
    const before = await route53Versions();
    const writesBefore = h.proxy.log.filter((line) => line.startsWith("POST")).length;
    const results = await Promise.allSettled(
      Array.from({ length: 20 }, (_, i) =>
        publishVersion(h.ctx("operator", `op${i}`), h.deps, SLUG, { baseVersion: 1, multiRegionPercent: 11 + i, reason: `Parallel publish ${i}` }),
      ),
    );
    const statuses = results.map((r) => (r.status === "fulfilled" ? 201 : isAppError(r.reason) ? r.reason.status : 500));
    expect(statuses.filter((s) => s === 201)).toHaveLength(1);
    expect(statuses.filter((s) => s === 409)).toHaveLength(19);

    const winner = results.find((r) => r.status === "fulfilled");
    const won = winner?.status === "fulfilled" ? winner.value.version : undefined;
    expect(won).toMatchObject({ version: 2, state: "applied", live: true });
    for (const r of results) {
      if (r.status !== "rejected" || !isAppError(r.reason)) continue;
      // Either the winner was still running ("is publishing …") or had finished ("published v2 …").
      expect(r.reason.message).toMatch(new RegExp(`${won?.createdBy.replace(/[.@]/g, "\\$&")} (is publishing|published v2)`));
    }

    expect(await route53Versions()).toEqual([...before, 2]);
    // One CreateTrafficPolicyVersion and one UpdateTrafficPolicyInstance: the losers sent nothing.
    expect(h.proxy.log.filter((line) => line.startsWith("POST")).length - writesBefore).toBe(2);
    expect(await h.db.trafficVersion.count()).toBe(2);
    expect(await h.db.trafficOperation.count({ where: { kind: "publish" } })).toBe(1);
    expect(await h.db.trafficPolicy.findFirstOrThrow()).toMatchObject({ activeVersion: 2, pendingOperationId: null });
    expect(await h.db.auditEntry.count({ where: { action: "traffic.publish" } })).toBe(1);
  });

  it("a rollback racing a publish: one of them runs, the other is told who holds the service", async () => {
    const { rollbackToVersion } = await import("./publish");
    const results = await Promise.allSettled([
      publishVersion(h.ctx("operator", "dora"), h.deps, SLUG, { baseVersion: 2, multiRegionPercent: 60, reason: "Race A" }),
      rollbackToVersion(h.ctx("operator", "eve"), h.deps, SLUG, { version: 1, reason: "Race B" }),
    ]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    const loser = results.find((r) => r.status === "rejected");
    expect(loser?.status === "rejected" && isAppError(loser.reason) && loser.reason.status).toBe(409);
    expect((await h.db.trafficPolicy.findFirstOrThrow()).pendingOperationId).toBeNull();
  });
});
