import { LookupEventsCommand } from "@aws-sdk/client-cloudtrail";
import { ListTrafficPolicyVersionsCommand } from "@aws-sdk/client-route-53";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { isAppError } from "@/lib/errors";
import { SLUG, startTrafficHarness, type TrafficHarness } from "@/lib/test/traffic-harness";
import { pollHealth } from "./health-poll";
import { publishVersion } from "./publish";
import { reconcileAll } from "./reconcile";

// A service whose inventory account names a role: publishing, health polling and the drift
// reconciler all reach Route 53 through that role's session (the sandbox's STS through the
// SDK's fromTemporaryCredentials), and Route 53's CloudTrail shows the assumed role. A role
// that refuses fails the publish with the reason, before anything is sent.

let h: TrafficHarness;
let accountId: string;
const ROLE = (name: string) => `arn:aws:iam::111122223333:role/${name}`;

beforeAll(async () => {
  h = await startTrafficHarness();
  accountId = (await h.db.service.findUniqueOrThrow({ where: { slug: SLUG }, select: { awsAccount: true } })).awsAccount!.id;
});
afterAll(() => h?.close());

const setRole = (arn: string | null) => h.db.awsAccount.update({ where: { id: accountId }, data: { assumeRoleArn: arn } });

/** The identities of every recorded call of that name (CloudTrail times have whole seconds, so order alone cannot tell them apart). */
async function identities(eventName: string): Promise<Record<string, unknown>[]> {
  const found = await h.sandbox.cloudTrail().send(new LookupEventsCommand({ LookupAttributes: [{ AttributeKey: "EventName", AttributeValue: eventName }] }));
  return (found.Events ?? []).map((e) => (JSON.parse(e.CloudTrailEvent ?? "{}") as { userIdentity: Record<string, unknown> }).userIdentity);
}

describe("a service in an account with a role", () => {
  it("publishes through the assumed role, and CloudTrail records the calls as that role's session", async () => {
    const before = await identities("CreateTrafficPolicy");
    expect(before).toHaveLength(1);
    expect(before[0]).toMatchObject({ type: "IAMUser", accessKeyId: "AKIAFLIGHTDECKTEST01" });
    await setRole(ROLE("FlightdeckTraffic"));
    const result = await publishVersion(h.ctx(), h.deps, SLUG, { baseVersion: 1, multiRegionPercent: 30, reason: "Through the account's role" });
    expect(result.version).toMatchObject({ version: 2, state: "applied" });
    for (const name of ["CreateTrafficPolicyVersion", "UpdateTrafficPolicyInstance"]) {
      const assumed = (await identities(name)).filter((identity) => identity.type !== "IAMUser");
      expect(assumed, name).toHaveLength(1);
      expect(assumed[0], name).toMatchObject({
        type: "AssumedRole",
        arn: "arn:aws:sts::111122223333:assumed-role/FlightdeckTraffic/flightdeck-route53",
        accountId: "111122223333",
        accessKeyId: expect.stringMatching(/^ASIA/),
        sessionContext: { sessionIssuer: { arn: ROLE("FlightdeckTraffic") } },
      });
    }
  });

  it("polls health and reconciles through the role", async () => {
    expect(await pollHealth(h.db, h.route53For)).toBeGreaterThanOrEqual(0);
    expect(await h.db.healthObservation.count()).toBe(2);
    expect((await reconcileAll(h.db, h.route53For, { abandonAfterMs: 60_000 })).map((r) => r.outcome)).toEqual(["clean"]);
  });

  it("fails a publish with AssumeRole's reason when the role refuses, sends nothing and frees the service", async () => {
    await setRole(ROLE("traffic-denied"));
    const before = (await h.outside.send(new ListTrafficPolicyVersionsCommand({ Id: h.policyId }))).TrafficPolicies?.length;
    const error = await publishVersion(h.ctx(), h.deps, SLUG, { baseVersion: 2, multiRegionPercent: 40, reason: "The role refuses" }).catch((e: unknown) => e);
    expect(isAppError(error) && error.status).toBe(502);
    expect((error as Error).message).toMatch(/could not assume arn:aws:iam::111122223333:role\/traffic-denied: AccessDenied: User: .* is not authorized to perform: sts:AssumeRole/);
    expect((await h.outside.send(new ListTrafficPolicyVersionsCommand({ Id: h.policyId }))).TrafficPolicies?.length).toBe(before);
    const policy = await h.db.trafficPolicy.findFirstOrThrow();
    expect(policy).toMatchObject({ activeVersion: 2, pendingOperationId: null });
    const operation = await h.db.trafficOperation.findFirstOrThrow({ orderBy: { startedAt: "desc" } });
    expect(operation.state).toBe("failed");
    expect(operation.message).toMatch(/could not assume .*traffic-denied: AccessDenied/);
    // The worker's rounds say so too, and nothing is recorded as drift.
    const logs: string[] = [];
    expect(await reconcileAll(h.db, h.route53For, { abandonAfterMs: 60_000 }, (line) => logs.push(line))).toEqual([]);
    expect(logs.join("\n")).toMatch(/reconcile failed: .*could not assume arn:aws:iam::111122223333:role\/traffic-denied: AccessDenied/);
    await expect(pollHealth(h.db, h.route53For)).rejects.toThrow(/could not assume .*traffic-denied/);
  });
});
