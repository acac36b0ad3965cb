import {
  ChangeResourceRecordSetsCommand,
  CreateHostedZoneCommand,
  GetChangeCommand,
  GetHostedZoneCommand,
  ListHostedZonesCommand,
  type Route53Client,
} from "@aws-sdk/client-route-53";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eventually, expectAwsError, startTestSandbox, type TestSandbox } from "./test-support";

let t: TestSandbox;
let route53: Route53Client;

beforeAll(async () => {
  t = await startTestSandbox({ changeDelayMs: 800 });
  route53 = t.route53();
});
afterAll(() => t.close());

describe("hosted zones", () => {
  it("creates a zone with its NS and SOA records and a PENDING change", async () => {
    const created = await route53.send(new CreateHostedZoneCommand({ Name: "Example.COM", CallerReference: "zone-1", HostedZoneConfig: { Comment: "demo" } }));
    expect(created.$metadata.httpStatusCode).toBe(201);
    expect(created.HostedZone?.Id).toMatch(/^\/hostedzone\/Z[0-9A-Z]+$/);
    expect(created.HostedZone?.Name).toBe("example.com.");
    expect(created.HostedZone?.Config).toEqual({ Comment: "demo", PrivateZone: false });
    expect(created.HostedZone?.ResourceRecordSetCount).toBe(2);
    expect(created.DelegationSet?.NameServers).toHaveLength(4);
    expect(created.ChangeInfo?.Status).toBe("PENDING");
    expect(created.Location).toContain(`/2013-04-01/hostedzone/${created.HostedZone?.Id?.split("/").pop()}`);

    const fetched = await route53.send(new GetHostedZoneCommand({ Id: created.HostedZone?.Id }));
    expect(fetched.HostedZone?.CallerReference).toBe("zone-1");
    expect(fetched.DelegationSet?.NameServers).toEqual(created.DelegationSet?.NameServers);
  });

  it("turns a change INSYNC after the configured delay", async () => {
    const zone = await route53.send(new CreateHostedZoneCommand({ Name: "change.example.org", CallerReference: "zone-change" }));
    const change = await route53.send(
      new ChangeResourceRecordSetsCommand({
        HostedZoneId: zone.HostedZone?.Id,
        ChangeBatch: { Comment: "first", Changes: [{ Action: "CREATE", ResourceRecordSet: { Name: "a.change.example.org", Type: "A", TTL: 60, ResourceRecords: [{ Value: "192.0.2.10" }] } }] },
      }),
    );
    expect(change.ChangeInfo?.Status).toBe("PENDING");
    const pending = await route53.send(new GetChangeCommand({ Id: change.ChangeInfo?.Id }));
    expect(pending.ChangeInfo?.Status).toBe("PENDING");
    expect(pending.ChangeInfo?.Comment).toBe("first");
    const insync = await eventually(async () => {
      const r = await route53.send(new GetChangeCommand({ Id: change.ChangeInfo?.Id }));
      return r.ChangeInfo?.Status === "INSYNC" ? r : undefined;
    }, 3000);
    expect(insync.ChangeInfo?.SubmittedAt?.getTime()).toBe(change.ChangeInfo?.SubmittedAt?.getTime());
  });

  it("pages ListHostedZones with maxitems and markers", async () => {
    for (let i = 0; i < 5; i++) await route53.send(new CreateHostedZoneCommand({ Name: `page${i}.example.net`, CallerReference: `page-${i}` }));
    const seen: string[] = [];
    let marker: string | undefined;
    let pages = 0;
    do {
      const page = await route53.send(new ListHostedZonesCommand({ MaxItems: 3, Marker: marker }));
      pages++;
      expect(page.HostedZones?.length).toBeLessThanOrEqual(3);
      seen.push(...(page.HostedZones ?? []).map((z) => z.Name ?? ""));
      marker = page.IsTruncated ? page.NextMarker : undefined;
      if (page.IsTruncated) expect(page.NextMarker).toBeTruthy();
    } while (marker);
    expect(pages).toBe(3);
    expect(seen).toHaveLength(7);
    expect(new Set(seen).size).toBe(7);
    expect(seen).toContain("page4.example.net.");
  });

  it("answers AWS's errors", async () => {
    await expectAwsError(route53.send(new GetHostedZoneCommand({ Id: "ZDOESNOTEXIST" })), "NoSuchHostedZone", 404);
    await expectAwsError(route53.send(new CreateHostedZoneCommand({ Name: "again.example.com", CallerReference: "zone-1" })), "HostedZoneAlreadyExists", 409);
    await expectAwsError(route53.send(new CreateHostedZoneCommand({ Name: "bad_name!.example.com", CallerReference: "zone-bad" })), "InvalidDomainName", 400);
    await expectAwsError(route53.send(new CreateHostedZoneCommand({ Name: "com", CallerReference: "zone-tld" })), "InvalidDomainName", 400);
    const invalid = await expectAwsError(route53.send(new CreateHostedZoneCommand({ Name: "x.example.com", CallerReference: "r".repeat(129) })), "InvalidInput", 400);
    expect(invalid.message).toContain("callerReference");
    await expectAwsError(route53.send(new GetChangeCommand({ Id: "CNOSUCHCHANGE" })), "NoSuchChange", 404);
  });

  it("refuses unsigned requests like AWS does", async () => {
    const response = await fetch(`${t.sandbox.url}/2013-04-01/hostedzone`);
    expect(response.status).toBe(403);
    const body = await response.text();
    expect(body).toContain("<ErrorResponse");
    expect(body).toContain("<Code>MissingAuthenticationToken</Code>");
  });
});
