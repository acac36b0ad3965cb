import {
  CreateHostedZoneCommand,
  CreateTrafficPolicyCommand,
  CreateTrafficPolicyInstanceCommand,
  CreateTrafficPolicyVersionCommand,
  DeleteTrafficPolicyInstanceCommand,
  GetTrafficPolicyInstanceCommand,
  ListResourceRecordSetsCommand,
  ListTrafficPolicyInstancesByHostedZoneCommand,
  ListTrafficPolicyInstancesByPolicyCommand,
  ListTrafficPolicyInstancesCommand,
  UpdateTrafficPolicyInstanceCommand,
  type Route53Client,
} from "@aws-sdk/client-route-53";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Resolution } from "./resolver";
import { eventually, expectAwsError, startTestSandbox, weightedDocument, type TestSandbox } from "./test-support";

let t: TestSandbox;
let route53: Route53Client;
let zoneId: string;
let policyId: string;

// Long enough that the calls made "meanwhile" in a test still land inside a transition on a busy machine.
const DELAY = 700;

beforeAll(async () => {
  t = await startTestSandbox({ changeDelayMs: DELAY });
  route53 = t.route53();
  const zone = await route53.send(new CreateHostedZoneCommand({ Name: "example.com", CallerReference: "instances" }));
  zoneId = zone.HostedZone?.Id?.replace("/hostedzone/", "") as string;
  const policy = await route53.send(new CreateTrafficPolicyCommand({ Name: "split", Document: weightedDocument([100, 0]) }));
  policyId = policy.TrafficPolicy?.Id as string;
  await route53.send(new CreateTrafficPolicyVersionCommand({ Id: policyId, Document: weightedDocument([0, 100]) }));
});
afterAll(() => t.close());

const getInstance = (id: string) => route53.send(new GetTrafficPolicyInstanceCommand({ Id: id })).then((r) => r.TrafficPolicyInstance);
const waitForState = (id: string, state: string) =>
  eventually(async () => ((await getInstance(id))?.State === state ? true : undefined), 3000, `instance ${id} ${state}`);
const resolveName = async (name: string): Promise<Resolution> => (await fetch(`${t.sandbox.url}/_sandbox/resolve?name=${name}&clientRegion=eu-west-1`)).json() as Promise<Resolution>;

async function createInstance(name: string, version = 1) {
  const created = await route53.send(new CreateTrafficPolicyInstanceCommand({ HostedZoneId: zoneId, Name: name, TTL: 60, TrafficPolicyId: policyId, TrafficPolicyVersion: version }));
  return created.TrafficPolicyInstance?.Id as string;
}

describe("traffic policy instances", () => {
  it("creates an instance that goes from Creating to Applied and shows as a policy record", async () => {
    const created = await route53.send(new CreateTrafficPolicyInstanceCommand({ HostedZoneId: `/hostedzone/${zoneId}`, Name: "www.example.com", TTL: 60, TrafficPolicyId: policyId, TrafficPolicyVersion: 1 }));
    expect(created.$metadata.httpStatusCode).toBe(201);
    const instance = created.TrafficPolicyInstance;
    expect(instance).toMatchObject({ HostedZoneId: zoneId, Name: "www.example.com.", TTL: 60, State: "Creating", TrafficPolicyId: policyId, TrafficPolicyVersion: 1, TrafficPolicyType: "A" });
    expect(created.Location).toContain(`/trafficpolicyinstance/${instance?.Id}`);
    await waitForState(instance?.Id as string, "Applied");
    const records = await route53.send(new ListResourceRecordSetsCommand({ HostedZoneId: zoneId }));
    expect(records.ResourceRecordSets?.find((r) => r.TrafficPolicyInstanceId === instance?.Id)).toMatchObject({ Name: "www.example.com.", Type: "A" });
    expect((await resolveName("www.example.com")).answers).toEqual([expect.objectContaining({ endpoint: "one", value: "192.0.2.1", probability: 1 })]);
  });

  it("updates to a new version: Updating, old version answering until Applied, and PriorRequestNotComplete meanwhile", async () => {
    const id = await createInstance("update.example.com");
    await waitForState(id, "Applied");
    const updated = await route53.send(new UpdateTrafficPolicyInstanceCommand({ Id: id, TTL: 30, TrafficPolicyId: policyId, TrafficPolicyVersion: 2 }));
    expect(updated.TrafficPolicyInstance).toMatchObject({ State: "Updating", TrafficPolicyVersion: 2, TTL: 30 });
    // The complete new record set is built before Route 53 switches to it.
    const during = await resolveName("update.example.com");
    expect(during.trafficPolicyVersion).toBe(1);
    expect(during.answers.map((a) => a.endpoint)).toEqual(["one"]);
    await expectAwsError(route53.send(new UpdateTrafficPolicyInstanceCommand({ Id: id, TTL: 30, TrafficPolicyId: policyId, TrafficPolicyVersion: 1 })), "PriorRequestNotComplete", 400);
    await expectAwsError(route53.send(new DeleteTrafficPolicyInstanceCommand({ Id: id })), "PriorRequestNotComplete", 400);
    await waitForState(id, "Applied");
    const after = await resolveName("update.example.com");
    expect(after.trafficPolicyVersion).toBe(2);
    expect(after.answers.map((a) => a.endpoint)).toEqual(["two"]);
  });

  it("lets the SDK's own retries ride over PriorRequestNotComplete", async () => {
    const id = await createInstance("retry.example.com");
    // Five attempts rather than the default three: the SDK's backoff is random, and with more
    // attempts the chance that all of them land inside the transition is negligible.
    const patient = t.route53({ maxAttempts: 5 });
    // Sent while the instance is still Creating: the first attempt is refused, a retry succeeds.
    const updated = await patient.send(new UpdateTrafficPolicyInstanceCommand({ Id: id, TTL: 90, TrafficPolicyId: policyId, TrafficPolicyVersion: 2 }));
    expect(updated.$metadata.attempts).toBeGreaterThan(1);
    expect(updated.TrafficPolicyInstance?.TTL).toBe(90);
  });

  it("deletes an instance: Deleting, then gone with its policy record", async () => {
    const id = await createInstance("delete.example.com");
    await waitForState(id, "Applied");
    const deleted = await route53.send(new DeleteTrafficPolicyInstanceCommand({ Id: id }));
    expect(deleted.$metadata.httpStatusCode).toBe(200);
    expect((await getInstance(id))?.State).toBe("Deleting");
    await eventually(async () => {
      const gone = await route53.send(new GetTrafficPolicyInstanceCommand({ Id: id })).then(() => false, (e: Error) => e.name === "NoSuchTrafficPolicyInstance");
      return gone ? true : undefined;
    }, 3000);
    const records = await route53.send(new ListResourceRecordSetsCommand({ HostedZoneId: zoneId }));
    expect(records.ResourceRecordSets?.some((r) => r.TrafficPolicyInstanceId === id)).toBe(false);
  });

  it("lists instances in all three ways with markers", async () => {
    const all = await route53.send(new ListTrafficPolicyInstancesCommand({}));
    const names = (all.TrafficPolicyInstances ?? []).map((i) => i.Name);
    expect(names).toEqual([...names].sort());
    expect(names).toEqual(expect.arrayContaining(["www.example.com.", "update.example.com.", "retry.example.com."]));

    const first = await route53.send(new ListTrafficPolicyInstancesCommand({ MaxItems: 1 }));
    expect(first.IsTruncated).toBe(true);
    expect(first.TrafficPolicyInstances).toHaveLength(1);
    const second = await route53.send(
      new ListTrafficPolicyInstancesCommand({ MaxItems: 1, HostedZoneIdMarker: first.HostedZoneIdMarker, TrafficPolicyInstanceNameMarker: first.TrafficPolicyInstanceNameMarker, TrafficPolicyInstanceTypeMarker: first.TrafficPolicyInstanceTypeMarker }),
    );
    expect(second.TrafficPolicyInstances?.[0]?.Name).toBe(names[1]);

    const byZone = await route53.send(new ListTrafficPolicyInstancesByHostedZoneCommand({ HostedZoneId: zoneId }));
    expect(byZone.TrafficPolicyInstances?.map((i) => i.Name)).toEqual(names);
    const byV2 = await route53.send(new ListTrafficPolicyInstancesByPolicyCommand({ TrafficPolicyId: policyId, TrafficPolicyVersion: 2 }));
    expect(byV2.TrafficPolicyInstances?.map((i) => i.Name).sort()).toEqual(["retry.example.com.", "update.example.com."]);
    const byV2Paged = await route53.send(new ListTrafficPolicyInstancesByPolicyCommand({ TrafficPolicyId: policyId, TrafficPolicyVersion: 2, MaxItems: 1 }));
    expect(byV2Paged.IsTruncated).toBe(true);
    expect(byV2Paged.TrafficPolicyInstanceNameMarker).toBe("update.example.com.");
  });

  it("answers the documented errors", async () => {
    await expectAwsError(getInstance("00000000-0000-0000-0000-000000000000"), "NoSuchTrafficPolicyInstance", 404);
    await expectAwsError(route53.send(new CreateTrafficPolicyInstanceCommand({ HostedZoneId: "ZNOSUCHZONE", Name: "a.example.com", TTL: 60, TrafficPolicyId: policyId, TrafficPolicyVersion: 1 })), "NoSuchHostedZone", 404);
    await expectAwsError(route53.send(new CreateTrafficPolicyInstanceCommand({ HostedZoneId: zoneId, Name: "a.example.com", TTL: 60, TrafficPolicyId: policyId, TrafficPolicyVersion: 9 })), "NoSuchTrafficPolicy", 404);
    await expectAwsError(route53.send(new CreateTrafficPolicyInstanceCommand({ HostedZoneId: zoneId, Name: "www.example.com", TTL: 60, TrafficPolicyId: policyId, TrafficPolicyVersion: 1 })), "TrafficPolicyInstanceAlreadyExists", 409);
    await expectAwsError(route53.send(new CreateTrafficPolicyInstanceCommand({ HostedZoneId: zoneId, Name: "www.example.org", TTL: 60, TrafficPolicyId: policyId, TrafficPolicyVersion: 1 })), "InvalidInput", 400);
    await expectAwsError(route53.send(new ListTrafficPolicyInstancesByHostedZoneCommand({ HostedZoneId: "ZNOSUCHZONE" })), "NoSuchHostedZone", 404);

    const aaaa = await route53.send(new CreateTrafficPolicyCommand({ Name: "v6", Document: weightedDocument([1, 1], "AAAA") }));
    const www = (await route53.send(new ListTrafficPolicyInstancesCommand({}))).TrafficPolicyInstances?.find((i) => i.Name === "www.example.com.");
    await expectAwsError(
      route53.send(new UpdateTrafficPolicyInstanceCommand({ Id: www?.Id, TTL: 60, TrafficPolicyId: aaaa.TrafficPolicy?.Id, TrafficPolicyVersion: 1 })),
      "ConflictingTypes",
      400,
    );
  });

  it("fails an instance whose document names a health check that does not exist", async () => {
    const document = JSON.parse(weightedDocument()) as { Rules: { split: { Items: Record<string, string>[] } } };
    (document.Rules.split.Items[0] as Record<string, string>).HealthCheck = "11111111-2222-3333-4444-555555555555";
    const policy = await route53.send(new CreateTrafficPolicyCommand({ Name: "needs-check", Document: JSON.stringify(document) }));
    const created = await route53.send(new CreateTrafficPolicyInstanceCommand({ HostedZoneId: zoneId, Name: "failed.example.com", TTL: 60, TrafficPolicyId: policy.TrafficPolicy?.Id, TrafficPolicyVersion: 1 }));
    const id = created.TrafficPolicyInstance?.Id as string;
    await waitForState(id, "Failed");
    expect((await getInstance(id))?.Message).toContain("11111111-2222-3333-4444-555555555555");
  });

  it("enforces the policy record quota with TooManyTrafficPolicyInstances", async () => {
    // Five exist by now (www, update, retry, failed and one more); AWS's default quota is 5.
    await createInstance("fifth.example.com");
    await expectAwsError(route53.send(new CreateTrafficPolicyInstanceCommand({ HostedZoneId: zoneId, Name: "sixth.example.com", TTL: 60, TrafficPolicyId: policyId, TrafficPolicyVersion: 1 })), "TooManyTrafficPolicyInstances", 400);
  });
});
