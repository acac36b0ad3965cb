import {
  ChangeResourceRecordSetsCommand,
  CreateHealthCheckCommand,
  CreateHostedZoneCommand,
  ListResourceRecordSetsCommand,
  type Change,
  type Route53Client,
} from "@aws-sdk/client-route-53";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Resolution } from "./resolver";
import { expectAwsError, startTestSandbox, type TestSandbox } from "./test-support";

let t: TestSandbox;
let route53: Route53Client;
let zoneId: string;

beforeAll(async () => {
  t = await startTestSandbox();
  route53 = t.route53();
  const zone = await route53.send(new CreateHostedZoneCommand({ Name: "records.example.com", CallerReference: "records" }));
  zoneId = zone.HostedZone?.Id as string;
});
afterAll(() => t.close());

const a = (name: string, value: string, extra: Partial<NonNullable<Change["ResourceRecordSet"]>> = {}) => ({
  Name: name,
  Type: "A" as const,
  TTL: 60,
  ResourceRecords: [{ Value: value }],
  ...extra,
});
const change = (...changes: Change[]) => route53.send(new ChangeResourceRecordSetsCommand({ HostedZoneId: zoneId, ChangeBatch: { Changes: changes } }));
const list = async () => (await route53.send(new ListResourceRecordSetsCommand({ HostedZoneId: zoneId }))).ResourceRecordSets ?? [];

describe("resource record sets", () => {
  it("creates, upserts and deletes records, listed in Route 53's order", async () => {
    const created = await change(
      { Action: "CREATE", ResourceRecordSet: a("www.records.example.com", "192.0.2.1") },
      { Action: "CREATE", ResourceRecordSet: a("api.records.example.com", "192.0.2.2") },
      { Action: "CREATE", ResourceRecordSet: { Name: "alias.records.example.com", Type: "A", AliasTarget: { HostedZoneId: "/hostedzone/Z2FDTNDATAQYW2", DNSName: "d111111abcdef8.cloudfront.net", EvaluateTargetHealth: false } } },
    );
    expect(created.ChangeInfo?.Status).toBe("PENDING");
    await change({ Action: "UPSERT", ResourceRecordSet: a("www.records.example.com", "192.0.2.99") });
    const records = await list();
    // Names sort by reversed labels: the apex first, then its children alphabetically.
    expect(records.map((r) => `${r.Name} ${r.Type}`)).toEqual([
      "records.example.com. NS",
      "records.example.com. SOA",
      "alias.records.example.com. A",
      "api.records.example.com. A",
      "www.records.example.com. A",
    ]);
    expect(records.find((r) => r.Name === "www.records.example.com.")?.ResourceRecords).toEqual([{ Value: "192.0.2.99" }]);
    expect(records.find((r) => r.Name === "alias.records.example.com.")?.AliasTarget).toEqual({ HostedZoneId: "Z2FDTNDATAQYW2", DNSName: "d111111abcdef8.cloudfront.net.", EvaluateTargetHealth: false });
    await change({ Action: "DELETE", ResourceRecordSet: a("api.records.example.com", "192.0.2.2") });
    expect((await list()).some((r) => r.Name === "api.records.example.com.")).toBe(false);
  });

  it("applies a batch all-or-nothing and reports every problem in one InvalidChangeBatch", async () => {
    const before = await list();
    const error = await expectAwsError(
      change(
        { Action: "CREATE", ResourceRecordSet: a("fresh.records.example.com", "192.0.2.5") },
        { Action: "CREATE", ResourceRecordSet: a("www.records.example.com", "192.0.2.6") },
        { Action: "DELETE", ResourceRecordSet: a("missing.records.example.com", "192.0.2.7") },
      ),
      "InvalidChangeBatch",
      400,
    );
    expect(error.message).toContain("Tried to create resource record set [name='www.records.example.com.', type='A'] but it already exists");
    expect(error.message).toContain("Tried to delete resource record set [name='missing.records.example.com.', type='A'] but it was not found");
    expect(await list()).toEqual(before);

    await expectAwsError(change({ Action: "DELETE", ResourceRecordSet: a("www.records.example.com", "192.0.2.1") }), "InvalidChangeBatch", 400);
    await expectAwsError(change({ Action: "CREATE", ResourceRecordSet: a("www.elsewhere.org", "192.0.2.1") }), "InvalidChangeBatch", 400);
    await expectAwsError(change({ Action: "CREATE", ResourceRecordSet: { Name: "www.records.example.com", Type: "CNAME", TTL: 60, ResourceRecords: [{ Value: "other.example.com" }] } }), "InvalidChangeBatch", 400);
    await expectAwsError(change({ Action: "CREATE", ResourceRecordSet: a("bad.records.example.com", "not-an-ip") }), "InvalidChangeBatch", 400);
    await expectAwsError(change({ Action: "CREATE", ResourceRecordSet: a("hc.records.example.com", "192.0.2.1", { HealthCheckId: "00000000-1111-2222-3333-444444444444" }) }), "NoSuchHealthCheck", 404);
    await expectAwsError(route53.send(new ChangeResourceRecordSetsCommand({ HostedZoneId: "ZMISSING", ChangeBatch: { Changes: [{ Action: "CREATE", ResourceRecordSet: a("x.example.com", "192.0.2.1") }] } })), "NoSuchHostedZone", 404);
    await expectAwsError(route53.send(new ChangeResourceRecordSetsCommand({ HostedZoneId: zoneId, ChangeBatch: { Changes: [] } })), "InvalidInput", 400);
  });

  it("pages ListResourceRecordSets with maxitems and the next name/type/identifier", async () => {
    const weighted = [0, 1, 2, 3].map((i) => ({ Action: "CREATE" as const, ResourceRecordSet: a("w.records.example.com", `192.0.2.${20 + i}`, { SetIdentifier: `w${i}`, Weight: 10 }) }));
    await change(...weighted);
    const all = await list();
    const paged: string[] = [];
    let next: { StartRecordName?: string; StartRecordType?: "A"; StartRecordIdentifier?: string } = {};
    for (let pages = 0; pages < 20; pages++) {
      const page = await route53.send(new ListResourceRecordSetsCommand({ HostedZoneId: zoneId, MaxItems: 2, ...next }));
      expect(page.ResourceRecordSets?.length).toBeLessThanOrEqual(2);
      paged.push(...(page.ResourceRecordSets ?? []).map((r) => `${r.Name}/${r.Type}/${r.SetIdentifier ?? ""}`));
      if (!page.IsTruncated) break;
      next = { StartRecordName: page.NextRecordName, StartRecordType: page.NextRecordType as "A", StartRecordIdentifier: page.NextRecordIdentifier };
    }
    expect(paged).toEqual(all.map((r) => `${r.Name}/${r.Type}/${r.SetIdentifier ?? ""}`));
    expect(paged.filter((p) => p.startsWith("w.records"))).toHaveLength(4);
  });

  it("resolves plain weighted records with their health checks, all-zero weights splitting evenly", async () => {
    const check = await route53.send(new CreateHealthCheckCommand({ CallerReference: "rr-dead", HealthCheckConfig: { Type: "HTTP", IPAddress: "127.0.0.1", Port: 9, RequestInterval: 1, FailureThreshold: 1, Regions: ["us-east-1", "us-west-2", "eu-west-1"] } }));
    await change(
      { Action: "CREATE", ResourceRecordSet: a("z.records.example.com", "192.0.2.31", { SetIdentifier: "z1", Weight: 0 }) },
      { Action: "CREATE", ResourceRecordSet: a("z.records.example.com", "192.0.2.32", { SetIdentifier: "z2", Weight: 0 }) },
    );
    const even = (await (await fetch(`${t.sandbox.url}/_sandbox/resolve?name=z.records.example.com`)).json()) as Resolution;
    expect(even.source).toBe("record-sets");
    expect(even.answers.map((x) => x.probability)).toEqual([0.5, 0.5]);

    await change({ Action: "CREATE", ResourceRecordSet: a("h.records.example.com", "192.0.2.41", { SetIdentifier: "h1", Weight: 50, HealthCheckId: check.HealthCheck?.Id }) }, { Action: "CREATE", ResourceRecordSet: a("h.records.example.com", "192.0.2.42", { SetIdentifier: "h2", Weight: 50 }) });
    const deadline = Date.now() + 3000;
    let answers: Resolution["answers"] = [];
    while (Date.now() < deadline) {
      answers = ((await (await fetch(`${t.sandbox.url}/_sandbox/resolve?name=h.records.example.com`)).json()) as Resolution).answers;
      if (answers.length === 1) break;
      await new Promise((r) => setTimeout(r, 50));
    }
    expect(answers).toEqual([expect.objectContaining({ endpoint: "h2", value: "192.0.2.42", probability: 1 })]);
  });
});
