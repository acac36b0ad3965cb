import {
  CreateTrafficPolicyVersionCommand,
  DeleteTrafficPolicyCommand,
  GetTrafficPolicyInstanceCommand,
  ListTrafficPolicyVersionsCommand,
  UpdateTrafficPolicyInstanceCommand,
} from "@aws-sdk/client-route-53";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { isAppError } from "@/lib/errors";
import { eventually } from "@/lib/sandbox/test-support";
import { SLUG, startTrafficHarness, type TrafficHarness } from "@/lib/test/traffic-harness";
import { buildDocument } from "@/lib/traffic";
import { documentText } from "./document-text";
import type { DriftReport } from "./drift";
import { publishVersion, rollbackToVersion } from "./publish";
import { reconcileAll } from "./reconcile";
import { adoptDrift, revertDrift } from "./resolve-drift";
import { loadServiceRecord, serviceTopology } from "./service-model";

// Changes made straight through the SDK, behind Flightdeck's back, are found by the
// reconciler, shown with what differs, and resolved by adopting or reverting them.

let h: TrafficHarness;
let policyId: string;
let instanceId: string;

const reconcile = () => reconcileAll(h.db, h.route53For, { abandonAfterMs: 60_000 });
const drift = async () => (await h.db.trafficPolicy.findFirstOrThrow()).drift as DriftReport | null;
const versions = async () => ((await h.outside.send(new ListTrafficPolicyVersionsCommand({ Id: policyId }))).TrafficPolicies ?? []).map((p) => p.Version);

async function outsideSwitch(version: number): Promise<void> {
  await h.outside.send(new UpdateTrafficPolicyInstanceCommand({ Id: instanceId, TTL: 60, TrafficPolicyId: policyId, TrafficPolicyVersion: version }));
  await eventually(async () => {
    const i = (await h.outside.send(new GetTrafficPolicyInstanceCommand({ Id: instanceId }))).TrafficPolicyInstance;
    return i?.State === "Applied" ? true : undefined;
  });
}

beforeAll(async () => {
  h = await startTrafficHarness();
  ({ policyId, instanceId } = h);
});
afterAll(() => h?.close());

describe("drift", () => {
  it("is clean right after set-up", async () => {
    expect((await reconcile())[0]).toMatchObject({ slug: SLUG, outcome: "clean" });
    expect(await drift()).toBeNull();
  });

  it("is detected after a change made straight through the SDK, with what differs", async () => {
    const record = await loadServiceRecord(h.db, SLUG);
    const document = documentText(buildDocument(serviceTopology(record), { multiRegionPercent: 50 }));
    await h.outside.send(new CreateTrafficPolicyVersionCommand({ Id: policyId, Document: document, Comment: "Hotfix from the console" }));
    await outsideSwitch(2);
    expect((await reconcile())[0]).toMatchObject({ outcome: "drift", items: 2 });
    const report = await drift();
    expect(report?.items.map((i) => i.kind)).toEqual(["instance-version", "extra-versions"]);
    expect(report?.items[0]?.message).toBe("The policy record answers with v2; Flightdeck's record says v1.");
    expect(report?.items[1]?.message).toBe("v2 was created outside Flightdeck.");
    expect(report?.instance).toMatchObject({ version: 2, state: "Applied" });
  });

  it("blocks a publish with 409 before anything is sent", async () => {
    const before = await versions();
    const error = await publishVersion(h.ctx(), h.deps, SLUG, { baseVersion: 1, multiRegionPercent: 20, reason: "unaware" }).catch((e: unknown) => e);
    expect(isAppError(error) && error.status).toBe(409);
    expect(isAppError(error) && error.message).toMatch(/changed outside Flightdeck.*answers with v2/);
    expect(await versions()).toEqual(before);
    expect(await h.db.trafficPolicy.findFirstOrThrow()).toMatchObject({ activeVersion: 1, pendingOperationId: null });
  });

  it("can be adopted: the outside version joins the history and becomes live in Flightdeck's record", async () => {
    const result = await adoptDrift(h.ctx(), h.deps, SLUG);
    expect(result).toEqual({ activeVersion: 2, importedVersions: [2], deletedVersions: [] });
    const adopted = await h.db.trafficVersion.findFirstOrThrow({ where: { version: 2 } });
    expect(adopted).toMatchObject({ origin: "adopt", multiRegionPercent: 50, reason: "Hotfix from the console" });
    expect(await drift()).toBeNull();
    expect(await h.db.auditEntry.findFirstOrThrow({ orderBy: { seq: "desc" } })).toMatchObject({ action: "traffic.adopt", after: { activeVersion: 2 } });
    expect((await reconcile())[0]?.outcome).toBe("clean");
    const again = await adoptDrift(h.ctx(), h.deps, SLUG).catch((e: unknown) => e);
    expect(isAppError(again) && again.status).toBe(409);
  });

  it("can be reverted: the policy record goes back to Flightdeck's live version", async () => {
    await outsideSwitch(1);
    expect((await reconcile())[0]?.outcome).toBe("drift");
    expect(await revertDrift(h.ctx(), h.deps, SLUG)).toEqual({ activeVersion: 2 });
    const instance = (await h.outside.send(new GetTrafficPolicyInstanceCommand({ Id: instanceId }))).TrafficPolicyInstance;
    expect(instance).toMatchObject({ State: "Applied", TrafficPolicyVersion: 2 });
    expect((await reconcile())[0]?.outcome).toBe("clean");
    expect(await h.db.auditEntry.findFirstOrThrow({ orderBy: { seq: "desc" } })).toMatchObject({ action: "traffic.revert" });
  });

  it("notices versions deleted outside Flightdeck; adopting marks them, and they cannot be rolled back to", async () => {
    await h.outside.send(new DeleteTrafficPolicyCommand({ Id: policyId, Version: 1 }));
    await reconcile();
    expect((await drift())?.items).toEqual([{ kind: "missing-versions", versions: [1], message: "v1 was deleted in Route 53 outside Flightdeck." }]);
    expect(await adoptDrift(h.ctx(), h.deps, SLUG)).toEqual({ activeVersion: 2, importedVersions: [], deletedVersions: [1] });
    const error = await rollbackToVersion(h.ctx(), h.deps, SLUG, { version: 1, reason: "gone" }).catch((e: unknown) => e);
    expect(isAppError(error) && error.status).toBe(422);
    expect((await reconcile())[0]?.outcome).toBe("clean");
  });
});
