import {
  CreateHostedZoneCommand,
  CreateTrafficPolicyCommand,
  CreateTrafficPolicyInstanceCommand,
  CreateTrafficPolicyVersionCommand,
  DeleteTrafficPolicyCommand,
  GetTrafficPolicyCommand,
  ListTrafficPoliciesCommand,
  ListTrafficPolicyVersionsCommand,
  UpdateTrafficPolicyCommentCommand,
  type Route53Client,
} from "@aws-sdk/client-route-53";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { expectAwsError, startTestSandbox, weightedDocument, type TestSandbox } from "./test-support";

let t: TestSandbox;
let route53: Route53Client;

beforeAll(async () => {
  t = await startTestSandbox();
  route53 = t.route53();
});
afterAll(() => t.close());

async function createPolicy(name: string, document = weightedDocument()) {
  const created = await route53.send(new CreateTrafficPolicyCommand({ Name: name, Document: document, Comment: `${name} v1` }));
  return created.TrafficPolicy?.Id as string;
}

describe("traffic policies", () => {
  it("creates, versions, reads, comments and lists a policy", async () => {
    const created = await route53.send(new CreateTrafficPolicyCommand({ Name: "flights", Document: weightedDocument(), Comment: "first" }));
    expect(created.$metadata.httpStatusCode).toBe(201);
    const id = created.TrafficPolicy?.Id as string;
    expect(id).toMatch(/^[0-9a-f-]{36}$/);
    expect(created.TrafficPolicy).toMatchObject({ Version: 1, Name: "flights", Type: "A", Comment: "first", Document: weightedDocument() });
    expect(created.Location).toMatch(new RegExp(`/2013-04-01/trafficpolicy/${id}/1$`));

    const v2 = await route53.send(new CreateTrafficPolicyVersionCommand({ Id: id, Document: weightedDocument([50, 50]), Comment: "half" }));
    expect(v2.$metadata.httpStatusCode).toBe(201);
    expect(v2.TrafficPolicy?.Version).toBe(2);
    expect(v2.Location).toMatch(/\/2$/);

    const got = await route53.send(new GetTrafficPolicyCommand({ Id: id, Version: 2 }));
    expect(got.TrafficPolicy?.Document).toBe(weightedDocument([50, 50]));

    const commented = await route53.send(new UpdateTrafficPolicyCommentCommand({ Id: id, Version: 1, Comment: "renamed" }));
    expect(commented.TrafficPolicy?.Comment).toBe("renamed");
    expect((await route53.send(new GetTrafficPolicyCommand({ Id: id, Version: 1 }))).TrafficPolicy?.Comment).toBe("renamed");

    const listed = await route53.send(new ListTrafficPoliciesCommand({}));
    expect(listed.TrafficPolicySummaries?.find((s) => s.Id === id)).toEqual({ Id: id, Name: "flights", Type: "A", LatestVersion: 2, TrafficPolicyCount: 2 });
    const versions = await route53.send(new ListTrafficPolicyVersionsCommand({ Id: id }));
    expect(versions.TrafficPolicies?.map((p) => p.Version)).toEqual([1, 2]);
    expect(versions.IsTruncated).toBe(false);
  });

  it("keeps a pretty-printed document exactly as sent (the SDK encodes its newlines as &#x0A;)", async () => {
    const pretty = JSON.stringify(JSON.parse(weightedDocument()), null, 2);
    const id = await createPolicy("pretty", pretty);
    const read = await route53.send(new GetTrafficPolicyCommand({ Id: id, Version: 1 }));
    expect(read.TrafficPolicy?.Document).toBe(pretty);
  });

  it("never reuses version numbers, hides deleted versions from lists but still returns them", async () => {
    const id = await createPolicy("numbering");
    await route53.send(new CreateTrafficPolicyVersionCommand({ Id: id, Document: weightedDocument([1, 1]) }));
    await route53.send(new CreateTrafficPolicyVersionCommand({ Id: id, Document: weightedDocument([2, 1]) }));
    await route53.send(new DeleteTrafficPolicyCommand({ Id: id, Version: 3 }));
    await route53.send(new DeleteTrafficPolicyCommand({ Id: id, Version: 2 }));
    const v4 = await route53.send(new CreateTrafficPolicyVersionCommand({ Id: id, Document: weightedDocument([3, 1]) }));
    expect(v4.TrafficPolicy?.Version).toBe(4);
    const versions = await route53.send(new ListTrafficPolicyVersionsCommand({ Id: id }));
    expect(versions.TrafficPolicies?.map((p) => p.Version)).toEqual([1, 4]);
    const deleted = await route53.send(new GetTrafficPolicyCommand({ Id: id, Version: 3 }));
    expect(deleted.TrafficPolicy?.Document).toBe(weightedDocument([2, 1]));
    await expectAwsError(route53.send(new DeleteTrafficPolicyCommand({ Id: id, Version: 3 })), "NoSuchTrafficPolicy", 404);
    const summary = (await route53.send(new ListTrafficPoliciesCommand({}))).TrafficPolicySummaries?.find((s) => s.Id === id);
    expect(summary).toMatchObject({ LatestVersion: 4, TrafficPolicyCount: 2 });
  });

  it("pages policies and versions with maxitems and markers", async () => {
    const id = await createPolicy("paged");
    for (let i = 0; i < 4; i++) await route53.send(new CreateTrafficPolicyVersionCommand({ Id: id, Document: weightedDocument([i, 1]) }));
    const first = await route53.send(new ListTrafficPolicyVersionsCommand({ Id: id, MaxItems: 2 }));
    expect(first.TrafficPolicies?.map((p) => p.Version)).toEqual([1, 2]);
    expect(first.IsTruncated).toBe(true);
    expect(first.TrafficPolicyVersionMarker).toBe("3");
    const second = await route53.send(new ListTrafficPolicyVersionsCommand({ Id: id, MaxItems: 2, TrafficPolicyVersionMarker: first.TrafficPolicyVersionMarker }));
    expect(second.TrafficPolicies?.map((p) => p.Version)).toEqual([3, 4]);
    const third = await route53.send(new ListTrafficPolicyVersionsCommand({ Id: id, MaxItems: 2, TrafficPolicyVersionMarker: second.TrafficPolicyVersionMarker }));
    expect(third.TrafficPolicies?.map((p) => p.Version)).toEqual([5]);
    expect(third.IsTruncated).toBe(false);

    const ids: string[] = [];
    let marker: string | undefined;
    do {
      const page = await route53.send(new ListTrafficPoliciesCommand({ MaxItems: 1, TrafficPolicyIdMarker: marker }));
      expect(page.TrafficPolicySummaries).toHaveLength(1);
      ids.push(page.TrafficPolicySummaries?.[0]?.Id ?? "");
      marker = page.IsTruncated ? page.TrafficPolicyIdMarker : undefined;
    } while (marker);
    const all = await route53.send(new ListTrafficPoliciesCommand({}));
    expect(ids).toEqual(all.TrafficPolicySummaries?.map((p) => p.Id));
    expect(ids.length).toBeGreaterThanOrEqual(3);
    expect([...ids].sort()).toEqual(ids);
  });

  it("stops at 1,000 versions with TooManyTrafficPolicyVersionsForCurrentPolicy", async () => {
    const id = await createPolicy("thousand");
    // Deleting versions does not give numbers back: the limit is on versions ever created.
    for (let v = 2; v <= 1000; v++) {
      await route53.send(new CreateTrafficPolicyVersionCommand({ Id: id, Document: weightedDocument([v % 256, 1]) }));
      if (v % 100 === 0) await route53.send(new DeleteTrafficPolicyCommand({ Id: id, Version: v }));
    }
    const error = await expectAwsError(route53.send(new CreateTrafficPolicyVersionCommand({ Id: id, Document: weightedDocument() })), "TooManyTrafficPolicyVersionsForCurrentPolicy", 400);
    expect(error.message).toContain("1000");
    expect((await route53.send(new GetTrafficPolicyCommand({ Id: id, Version: 1000 }))).TrafficPolicy?.Version).toBe(1000);
  });

  it("answers the documented errors", async () => {
    const id = await createPolicy("errors");
    await expectAwsError(route53.send(new CreateTrafficPolicyCommand({ Name: "errors", Document: weightedDocument() })), "TrafficPolicyAlreadyExists", 409);
    await expectAwsError(route53.send(new GetTrafficPolicyCommand({ Id: id, Version: 7 })), "NoSuchTrafficPolicy", 404);
    await expectAwsError(route53.send(new GetTrafficPolicyCommand({ Id: "00000000-0000-0000-0000-000000000000", Version: 1 })), "NoSuchTrafficPolicy", 404);
    await expectAwsError(route53.send(new CreateTrafficPolicyVersionCommand({ Id: "00000000-0000-0000-0000-000000000000", Document: weightedDocument() })), "NoSuchTrafficPolicy", 404);
    await expectAwsError(route53.send(new ListTrafficPolicyVersionsCommand({ Id: "00000000-0000-0000-0000-000000000000" })), "NoSuchTrafficPolicy", 404);
    await expectAwsError(route53.send(new CreateTrafficPolicyVersionCommand({ Id: id, Document: weightedDocument([1, 1], "AAAA") })), "ConflictingTypes", 400);
    await expectAwsError(route53.send(new CreateTrafficPolicyCommand({ Name: "x".repeat(513), Document: weightedDocument() })), "InvalidInput", 400);
    await expectAwsError(route53.send(new GetTrafficPolicyCommand({ Id: id, Version: 1001 })), "InvalidInput", 400);
    const broken = await expectAwsError(route53.send(new CreateTrafficPolicyVersionCommand({ Id: id, Document: "{not json" })), "InvalidTrafficPolicyDocument", 400);
    expect(broken.message).toContain("JSON");
    const dangling = JSON.parse(weightedDocument()) as { Rules: { split: { Items: { EndpointReference: string }[] } } };
    (dangling.Rules.split.Items[0] as { EndpointReference: string }).EndpointReference = "ghost";
    const unresolved = await expectAwsError(route53.send(new CreateTrafficPolicyCommand({ Name: "dangling", Document: JSON.stringify(dangling) })), "InvalidTrafficPolicyDocument", 400);
    expect(unresolved.message).toContain("ghost");
  });

  it("refuses to delete a version an instance uses (TrafficPolicyInUse)", async () => {
    const id = await createPolicy("in-use");
    const zone = await route53.send(new CreateHostedZoneCommand({ Name: "inuse.example.com", CallerReference: "inuse" }));
    await route53.send(new CreateTrafficPolicyInstanceCommand({ HostedZoneId: zone.HostedZone?.Id, Name: "www.inuse.example.com", TTL: 60, TrafficPolicyId: id, TrafficPolicyVersion: 1 }));
    await expectAwsError(route53.send(new DeleteTrafficPolicyCommand({ Id: id, Version: 1 })), "TrafficPolicyInUse", 400);
  });

  it("stops at 50 policies per account with TooManyTrafficPolicies", async () => {
    const existing = (await route53.send(new ListTrafficPoliciesCommand({}))).TrafficPolicySummaries?.length ?? 0;
    for (let i = existing; i < 50; i++) await createPolicy(`quota-${i}`);
    await expectAwsError(route53.send(new CreateTrafficPolicyCommand({ Name: "one-too-many", Document: weightedDocument() })), "TooManyTrafficPolicies", 400);
  });
});

describe("concurrent modification", () => {
  it("fails the second of two overlapping mutations of one policy with ConcurrentModification", async () => {
    const slow = await startTestSandbox({ mutationLatencyMs: 150 });
    try {
      const client = slow.route53();
      const created = await client.send(new CreateTrafficPolicyCommand({ Name: "race", Document: weightedDocument() }));
      const id = created.TrafficPolicy?.Id as string;
      const results = await Promise.allSettled([1, 2, 3].map((n) => client.send(new CreateTrafficPolicyVersionCommand({ Id: id, Document: weightedDocument([n, 1]) }))));
      const failures = results.filter((r): r is PromiseRejectedResult => r.status === "rejected");
      expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
      expect(failures.length).toBe(2);
      for (const f of failures) {
        expect((f.reason as Error).name).toBe("ConcurrentModification");
        expect((f.reason as { $metadata: { httpStatusCode: number } }).$metadata.httpStatusCode).toBe(400);
      }
      // Sequential calls never conflict.
      const next = await client.send(new CreateTrafficPolicyVersionCommand({ Id: id, Document: weightedDocument([9, 1]) }));
      expect(next.TrafficPolicy?.Version).toBe(3);
    } finally {
      await slow.close();
    }
  });
});
