import { LookupEventsCommand, type CloudTrailClient, type Event, type LookupEventsCommandInput } from "@aws-sdk/client-cloudtrail";
import {
  CreateHostedZoneCommand,
  CreateTrafficPolicyCommand,
  CreateTrafficPolicyInstanceCommand,
  GetHostedZoneCommand,
  UpdateTrafficPolicyInstanceCommand,
} from "@aws-sdk/client-route-53";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { expectAwsError, sleep, startTestSandbox, weightedDocument, type TestSandbox } from "./test-support";

// The clock starts at a fixed instant and then runs, so the seeded background is the same on
// every run while recorded calls still get distinct, advancing times.
const BASE = Date.UTC(2026, 10, 20, 12, 0, 0);
const started = Date.now();
const clock = () => BASE + (Date.now() - started);
const DAY = 24 * 3600 * 1000;

let t: TestSandbox;
let east: CloudTrailClient;

beforeAll(async () => {
  t = await startTestSandbox({ clock, changeDelayMs: 0 });
  east = t.cloudTrail({ region: "us-east-1" });
});
afterAll(() => t.close());

const record = (event: Event | undefined) => JSON.parse(event?.CloudTrailEvent ?? "{}") as Record<string, unknown> & { userIdentity: Record<string, unknown> };

async function collect(client: CloudTrailClient, input: LookupEventsCommandInput, pages: number): Promise<Event[][]> {
  const out: Event[][] = [];
  let token: string | undefined;
  for (let i = 0; i < pages; i++) {
    const page = await client.send(new LookupEventsCommand({ ...input, NextToken: token }));
    out.push(page.Events ?? []);
    token = page.NextToken;
    if (!token) break;
  }
  return out;
}

describe("CloudTrail records of Route 53 calls", () => {
  it("records a mutation in us-east-1 with the caller's access key, parameters and response", async () => {
    const route53 = t.route53({ accessKeyId: "AKIAALICEKEY0001", region: "eu-west-1" });
    const zone = await route53.send(new CreateHostedZoneCommand({ Name: "trail.example.com", CallerReference: "trail-zone" }));
    const zoneId = zone.HostedZone?.Id?.split("/").pop() as string;
    await route53.send(new GetHostedZoneCommand({ Id: zoneId }));

    const found = await east.send(new LookupEventsCommand({ LookupAttributes: [{ AttributeKey: "AccessKeyId", AttributeValue: "AKIAALICEKEY0001" }] }));
    expect(found.Events?.map((e) => e.EventName)).toEqual(["CreateHostedZone"]); // reads are not recorded
    const event = found.Events?.[0];
    expect(event).toMatchObject({ EventSource: "route53.amazonaws.com", ReadOnly: "false", AccessKeyId: "AKIAALICEKEY0001", Username: "user-alicekey0001" });
    expect(event?.Resources).toEqual([{ ResourceType: "AWS::Route53::HostedZone", ResourceName: zoneId }]);
    const full = record(event);
    expect(full).toMatchObject({
      eventSource: "route53.amazonaws.com",
      eventName: "CreateHostedZone",
      awsRegion: "us-east-1",
      sourceIPAddress: "127.0.0.1",
      requestID: zone.$metadata.requestId,
      readOnly: false,
      eventType: "AwsApiCall",
      managementEvent: true,
      eventCategory: "Management",
      recipientAccountId: "123456789012",
      requestParameters: { name: "trail.example.com", callerReference: "trail-zone" },
    });
    expect(full.userIdentity).toMatchObject({ type: "IAMUser", accessKeyId: "AKIAALICEKEY0001", userName: "user-alicekey0001", arn: "arn:aws:iam::123456789012:user/user-alicekey0001" });
    expect((full.responseElements as { hostedZone: { id: string } }).hostedZone.id).toBe(`/hostedzone/${zoneId}`);
    expect(String(full.userAgent)).toContain("aws-sdk-js");
    expect(full.eventID).toBe(event?.EventId);
    expect(Math.abs((event?.EventTime?.getTime() ?? 0) - clock())).toBeLessThan(5000);

    // Route 53 is global: nothing of this shows in another region's history.
    const elsewhere = await t.cloudTrail({ region: "eu-west-1" }).send(new LookupEventsCommand({ LookupAttributes: [{ AttributeKey: "AccessKeyId", AttributeValue: "AKIAALICEKEY0001" }] }));
    expect(elsewhere.Events).toEqual([]);
  });

  it("records assumed-role callers, camelCase parameters such as tTL, and failed calls with their error", async () => {
    const route53 = t.route53({ accessKeyId: "ASIAOPSSESSION01" });
    const zone = await route53.send(new CreateHostedZoneCommand({ Name: "role.example.com", CallerReference: "role-zone" }));
    const policy = await route53.send(new CreateTrafficPolicyCommand({ Name: "trail-policy", Document: weightedDocument() }));
    const instance = await route53.send(new CreateTrafficPolicyInstanceCommand({ HostedZoneId: zone.HostedZone?.Id, Name: "www.role.example.com", TTL: 60, TrafficPolicyId: policy.TrafficPolicy?.Id, TrafficPolicyVersion: 1 }));
    await sleep(20);
    await route53.send(new UpdateTrafficPolicyInstanceCommand({ Id: instance.TrafficPolicyInstance?.Id, TTL: 30, TrafficPolicyId: policy.TrafficPolicy?.Id, TrafficPolicyVersion: 1 }));
    await expectAwsError(route53.send(new CreateTrafficPolicyCommand({ Name: "broken", Document: "{}" })), "InvalidTrafficPolicyDocument", 400);

    const events = (await east.send(new LookupEventsCommand({ LookupAttributes: [{ AttributeKey: "Username", AttributeValue: "session-opssession01" }] }))).Events ?? [];
    expect(events.map((e) => e.EventName).sort()).toEqual(["CreateHostedZone", "CreateTrafficPolicy", "CreateTrafficPolicy", "CreateTrafficPolicyInstance", "UpdateTrafficPolicyInstance"].sort());
    const update = record(events.find((e) => e.EventName === "UpdateTrafficPolicyInstance"));
    expect(update.requestParameters).toEqual({ id: instance.TrafficPolicyInstance?.Id, tTL: 30, trafficPolicyId: policy.TrafficPolicy?.Id, trafficPolicyVersion: 1 });
    expect(update.responseElements).toMatchObject({ trafficPolicyInstance: { state: "Updating", trafficPolicyVersion: 1, tTL: 30 } });
    expect(update.userIdentity).toMatchObject({ type: "AssumedRole", accessKeyId: "ASIAOPSSESSION01", sessionContext: { sessionIssuer: { type: "Role" } } });
    const failed = events.map(record).find((r) => r.errorCode !== undefined);
    expect(failed).toMatchObject({ eventName: "CreateTrafficPolicy", errorCode: "InvalidTrafficPolicyDocument", responseElements: null });
    expect(String(failed?.errorMessage)).toContain("AWSPolicyFormatVersion");
  });
});

describe("seeded background history", () => {
  it("holds realistic management events from several services, identities and regions", async () => {
    const pages = (await collect(east, { MaxResults: 50 }, 12)).flat();
    expect(pages.length).toBe(600);
    const sources = new Set(pages.map((e) => e.EventSource));
    expect(sources.size).toBeGreaterThanOrEqual(6);
    const types = new Set(pages.map((e) => record(e).userIdentity.type));
    expect([...types]).toEqual(expect.arrayContaining(["IAMUser", "AssumedRole", "AWSService"]));
    expect(pages.some((e) => record(e).errorCode !== undefined)).toBe(true);
    expect(pages.some((e) => e.ReadOnly === "true") && pages.some((e) => e.ReadOnly === "false")).toBe(true);

    const root = await east.send(new LookupEventsCommand({ LookupAttributes: [{ AttributeKey: "Username", AttributeValue: "root" }] }));
    expect(record(root.Events?.[0]).userIdentity).toMatchObject({ type: "Root", arn: "arn:aws:iam::123456789012:root" });

    const mumbai = (await t.cloudTrail({ region: "ap-south-1" }).send(new LookupEventsCommand({}))).Events ?? [];
    expect(mumbai.length).toBe(50);
    expect(mumbai.every((e) => record(e).awsRegion === "ap-south-1")).toBe(true);
    // IAM is global: its events are only in us-east-1.
    expect(mumbai.some((e) => e.EventSource === "iam.amazonaws.com")).toBe(false);
  });

  it("spans 90 days and honours StartTime and EndTime", async () => {
    const start = new Date(clock() - 89 * DAY);
    const end = new Date(clock() - 88 * DAY);
    const window = (await collect(east, { StartTime: start, EndTime: end }, 10)).flat();
    expect(window.length).toBeGreaterThan(10);
    expect(window.every((e) => (e.EventTime?.getTime() ?? 0) >= start.getTime() - 1000 && (e.EventTime?.getTime() ?? 0) <= end.getTime())).toBe(true);
  });

  it("is the same for the same seed and time", async () => {
    const frozen = () => BASE;
    const a = await startTestSandbox({ clock: frozen });
    const b = await startTestSandbox({ clock: frozen });
    try {
      const first = await a.cloudTrail().send(new LookupEventsCommand({ MaxResults: 20 }));
      const second = await b.cloudTrail().send(new LookupEventsCommand({ MaxResults: 20 }));
      expect(second.Events?.map((e) => e.CloudTrailEvent)).toEqual(first.Events?.map((e) => e.CloudTrailEvent));
    } finally {
      await Promise.all([a.close(), b.close()]);
    }
  });
});

describe("LookupEvents paging and errors", () => {
  it("pages newest first without gaps or repeats", async () => {
    const filter: LookupEventsCommandInput = { LookupAttributes: [{ AttributeKey: "EventSource", AttributeValue: "ec2.amazonaws.com" }] };
    const pages = await collect(east, { ...filter, MaxResults: 7 }, 5);
    expect(pages).toHaveLength(5);
    expect(pages.every((p) => p.length === 7)).toBe(true);
    const paged = pages.flat();
    const whole = (await east.send(new LookupEventsCommand({ ...filter, MaxResults: 35 }))).Events ?? [];
    expect(paged.map((e) => e.EventId)).toEqual(whole.map((e) => e.EventId));
    expect(new Set(paged.map((e) => e.EventId)).size).toBe(35);
    const times = paged.map((e) => e.EventTime?.getTime() ?? 0);
    expect(times).toEqual([...times].sort((x, y) => y - x));
    expect(paged.every((e) => e.EventSource === "ec2.amazonaws.com")).toBe(true);
  });

  it("accepts a NextToken only with the parameters it was issued for", async () => {
    const input: LookupEventsCommandInput = { LookupAttributes: [{ AttributeKey: "ReadOnly", AttributeValue: "false" }], StartTime: new Date(clock() - 30 * DAY), MaxResults: 5 };
    const first = await east.send(new LookupEventsCommand(input));
    expect(first.Events?.every((e) => e.ReadOnly === "false")).toBe(true);
    const token = first.NextToken as string;
    expect(token).toBeTruthy();
    const next = await east.send(new LookupEventsCommand({ ...input, MaxResults: 10, NextToken: token }));
    expect(next.Events?.[0]?.EventId).not.toBe(first.Events?.[4]?.EventId);
    await expectAwsError(east.send(new LookupEventsCommand({ ...input, LookupAttributes: [{ AttributeKey: "ReadOnly", AttributeValue: "true" }], NextToken: token })), "InvalidNextTokenException", 400);
    await expectAwsError(east.send(new LookupEventsCommand({ ...input, StartTime: new Date(clock() - 29 * DAY), NextToken: token })), "InvalidNextTokenException", 400);
    await expectAwsError(t.cloudTrail({ region: "eu-west-1" }).send(new LookupEventsCommand({ ...input, NextToken: token })), "InvalidNextTokenException", 400);
    await expectAwsError(east.send(new LookupEventsCommand({ ...input, NextToken: "garbage" })), "InvalidNextTokenException", 400);
  });

  it("answers the documented validation errors", async () => {
    const two = [
      { AttributeKey: "EventName" as const, AttributeValue: "RunInstances" },
      { AttributeKey: "Username" as const, AttributeValue: "alice" },
    ];
    await expectAwsError(east.send(new LookupEventsCommand({ LookupAttributes: two })), "InvalidLookupAttributesException", 400);
    await expectAwsError(east.send(new LookupEventsCommand({ LookupAttributes: [{ AttributeKey: "Colour" as "EventName", AttributeValue: "red" }] })), "InvalidLookupAttributesException", 400);
    await expectAwsError(east.send(new LookupEventsCommand({ MaxResults: 51 })), "InvalidMaxResultsException", 400);
    await expectAwsError(east.send(new LookupEventsCommand({ MaxResults: 0 })), "InvalidMaxResultsException", 400);
    await expectAwsError(east.send(new LookupEventsCommand({ StartTime: new Date(clock() - DAY), EndTime: new Date(clock() - 2 * DAY) })), "InvalidTimeRangeException", 400);
    await expectAwsError(east.send(new LookupEventsCommand({ EndTime: new Date(clock() - 100 * DAY) })), "InvalidTimeRangeException", 400);
    await expectAwsError(east.send(new LookupEventsCommand({ EventCategory: "everything" as "insight" })), "InvalidEventCategoryException", 400);
  });
});
