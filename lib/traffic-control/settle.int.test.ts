import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eventually } from "@/lib/sandbox/test-support";
import { SLUG, startTrafficHarness, type TrafficHarness } from "@/lib/test/traffic-harness";
import { buildDocument } from "@/lib/traffic";
import { documentText } from "./document-text";
import { recordVersionNumber } from "./finish-operation";
import { reconcileAll } from "./reconcile";
import { createVersionOnce, versionComment } from "./route53-steps";
import { loadServiceRecord, serviceTopology } from "./service-model";
import { startOperation } from "./start-operation";

// A publish whose process died (or whose request gave up waiting) keeps the service's lock.
// The reconciler settles it from Route 53's state, with the audit entry its author's
// request never wrote, and frees the lock.

let h: TrafficHarness;

beforeAll(async () => {
  h = await startTrafficHarness();
});
afterAll(() => h?.close());

async function abandonedPublish(percent: number) {
  const record = await loadServiceRecord(h.db, SLUG);
  const document = documentText(buildDocument(serviceTopology(record), { multiRegionPercent: percent }));
  const active = (await h.db.trafficPolicy.findFirstOrThrow()).activeVersion;
  return startOperation(h.ctx("operator", "crashy"), { kind: "publish", serviceId: record.service.id, slug: SLUG, reason: `Abandoned at ${percent}`, baseVersion: active, newVersion: { document, multiRegionPercent: percent } });
}

describe("settling abandoned operations", () => {
  it("an operation that reached Route 53 is recorded as applied once Route 53 says so", async () => {
    const started = await abandonedPublish(30);
    const policy = started.policy;
    const number = await createVersionOnce(h.route53, { policyId: policy.route53PolicyId, versionId: started.version.id, document: started.version.document, comment: versionComment(started.version.id, "x") });
    await recordVersionNumber(h.db, started.version.id, number);
    await h.route53.updateTrafficPolicyInstance(policy.route53InstanceId!, { ttl: 60, policyId: policy.route53PolicyId, version: number });
    // The process "dies" here. The worker comes by later.
    await eventually(async () => ((await reconcileAll(h.db, h.route53For, { abandonAfterMs: 0 }))[0]?.outcome === "applied" ? true : undefined), 5000, "settled");
    expect(await h.db.trafficPolicy.findFirstOrThrow()).toMatchObject({ activeVersion: 2, pendingOperationId: null });
    const audit = await h.db.auditEntry.findFirstOrThrow({ orderBy: { seq: "desc" } });
    expect(audit).toMatchObject({ action: "traffic.publish", actor: "user:crashy@flightdeck.test", after: { state: "applied", note: "settled by the worker from Route 53's state" } });
  });

  it("an operation that never reached Route 53 is recorded as failed", async () => {
    const started = await abandonedPublish(40);
    const fresh = await reconcileAll(h.db, h.route53For, { abandonAfterMs: 60_000 });
    expect(fresh[0]?.outcome).toBe("busy");
    expect((await reconcileAll(h.db, h.route53For, { abandonAfterMs: 0 }))[0]?.outcome).toBe("failed");
    const operation = await h.db.trafficOperation.findUniqueOrThrow({ where: { id: started.operation.id } });
    expect(operation.message).toMatch(/stopped before Route 53 switched.*never created/);
    expect(await h.db.trafficPolicy.findFirstOrThrow()).toMatchObject({ activeVersion: 2, pendingOperationId: null });
    expect((await reconcileAll(h.db, h.route53For, { abandonAfterMs: 0 }))[0]?.outcome).toBe("clean");
  });
});
