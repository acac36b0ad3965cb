import { describe, expect, it } from "vitest";
import { normalizeLookupEvent } from "./lookup-event";
import { normalizeRecord, resourceNamesOf, resourceTypesOf, type NormalizedEvent } from "./normalize-event";

const base = {
  eventVersion: "1.09",
  eventTime: "2026-11-21T08:15:02Z",
  eventSource: "route53.amazonaws.com",
  eventName: "UpdateTrafficPolicyInstance",
  awsRegion: "us-east-1",
  sourceIPAddress: "203.0.113.7",
  userAgent: "aws-sdk-js/3.1169.0 ua/2.1 os/linux lang/js",
  requestID: "5b4e3c1a-1111-4222-8333-944455566677",
  eventID: "0f0e0d0c-aaaa-4bbb-8ccc-dddddddddddd",
  readOnly: false,
  eventType: "AwsApiCall",
  recipientAccountId: "111122223333",
};

function normalized(record: Record<string, unknown>): NormalizedEvent {
  const result = normalizeRecord(record, { origin: "s3" });
  if (!result.ok) throw new Error(result.reason);
  return result.event;
}

describe("normalizeRecord: who acted", () => {
  const cases: { name: string; identity: Record<string, unknown>; actor: string | null; arn: string | null; type: string | null; key: string | null }[] = [
    {
      name: "IAM user",
      identity: { type: "IAMUser", principalId: "AIDAX", arn: "arn:aws:iam::111122223333:user/alice", accountId: "111122223333", accessKeyId: "AKIAALICE", userName: "alice" },
      actor: "alice", arn: "arn:aws:iam::111122223333:user/alice", type: "IAMUser", key: "AKIAALICE",
    },
    {
      name: "assumed role: the session name, as the console shows it",
      identity: {
        type: "AssumedRole", principalId: "AROAX:maria@example.com", arn: "arn:aws:sts::111122223333:assumed-role/Admin/maria@example.com", accessKeyId: "ASIAMARIA",
        sessionContext: { sessionIssuer: { type: "Role", arn: "arn:aws:iam::111122223333:role/Admin", userName: "Admin" } },
      },
      actor: "maria@example.com", arn: "arn:aws:sts::111122223333:assumed-role/Admin/maria@example.com", type: "AssumedRole", key: "ASIAMARIA",
    },
    { name: "root", identity: { type: "Root", principalId: "111122223333", arn: "arn:aws:iam::111122223333:root", accountId: "111122223333" }, actor: "root", arn: "arn:aws:iam::111122223333:root", type: "Root", key: null },
    { name: "AWS service", identity: { type: "AWSService", invokedBy: "autoscaling.amazonaws.com" }, actor: "autoscaling.amazonaws.com", arn: null, type: "AWSService", key: null },
    { name: "federated user", identity: { type: "FederatedUser", arn: "arn:aws:sts::111122223333:federated-user/bob", accessKeyId: "ASIABOB" }, actor: "bob", arn: "arn:aws:sts::111122223333:federated-user/bob", type: "FederatedUser", key: "ASIABOB" },
    { name: "another account", identity: { type: "AWSAccount", principalId: "AIDAOTHER", accountId: "999988887777" }, actor: "999988887777", arn: null, type: "AWSAccount", key: null },
    { name: "unknown type with a user name", identity: { type: "IdentityCenterUser", userName: "kenji" }, actor: "kenji", arn: null, type: "IdentityCenterUser", key: null },
    { name: "empty access key", identity: { type: "IAMUser", userName: "eve", accessKeyId: "" }, actor: "eve", arn: null, type: "IAMUser", key: null },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const event = normalized({ ...base, userIdentity: c.identity });
      expect({ actor: event.actor, arn: event.actorArn, type: event.principalType, key: event.accessKeyId }).toEqual({ actor: c.actor, arn: c.arn, type: c.type, key: c.key });
    });
  }
});

describe("normalizeRecord: the other columns", () => {
  it("reads time, account, region, source, name, request id, read-only and errors", () => {
    const event = normalized({ ...base, errorCode: "AccessDenied", errorMessage: "not allowed", readOnly: "true" });
    expect(event).toMatchObject({
      eventTime: new Date("2026-11-21T08:15:02Z"),
      eventId: base.eventID,
      accountId: "111122223333",
      region: "us-east-1",
      eventSource: "route53.amazonaws.com",
      eventName: "UpdateTrafficPolicyInstance",
      eventType: "AwsApiCall",
      sourceIp: "203.0.113.7",
      readOnly: true,
      errorCode: "AccessDenied",
      errorMessage: "not allowed",
      awsRequestId: base.requestID,
      flightdeckRequestId: null,
      origin: "s3",
    });
  });

  it("leaves read-only unknown when the record does not say, and keeps the record as it came", () => {
    const record = { ...base, readOnly: undefined, eventName: "ConsoleLogin", errorMessage: "Failed authentication" };
    const event = normalized(record);
    expect(event.readOnly).toBeNull();
    expect(event.errorCode).toBeNull();
    expect(event.errorMessage).toBe("Failed authentication");
    expect(event.record).toBe(record);
  });

  it("finds Flightdeck's request id in the user agent", () => {
    const event = normalized({ ...base, userAgent: "aws-sdk-js/3.1169.0 ua/2.1 api/route-53#3.1169.0 flightdeck-request/8d3e2f10-1c2b-4a5d-9e8f-0123456789ab" });
    expect(event.flightdeckRequestId).toBe("8d3e2f10-1c2b-4a5d-9e8f-0123456789ab");
  });

  it("takes the account the history was read from over the record's", () => {
    const result = normalizeRecord(base, { origin: "lookup", accountId: "444455556666" });
    expect(result.ok && result.event.accountId).toBe("444455556666");
  });

  it("merges the record's resources with LookupEvents' and offers short names and ARNs to the filter", () => {
    const result = normalizeRecord(
      { ...base, resources: [{ accountId: "111122223333", type: "AWS::Route53::HostedZone", ARN: "arn:aws:route53:::hostedzone/Z0ABC" }] },
      { origin: "lookup", resources: [{ ResourceType: "AWS::Route53::HostedZone", ResourceName: "Z0ABC" }, { ResourceType: "AWS::Route53::TrafficPolicy", ResourceName: "tp-1" }] },
    );
    if (!result.ok) throw new Error(result.reason);
    expect(result.event.resources).toEqual([
      { type: "AWS::Route53::HostedZone", name: "Z0ABC", arn: "arn:aws:route53:::hostedzone/Z0ABC" },
      { type: "AWS::Route53::TrafficPolicy", name: "tp-1", arn: null },
    ]);
    expect(resourceNamesOf(result.event)).toEqual(["Z0ABC", "arn:aws:route53:::hostedzone/Z0ABC", "tp-1"]);
    expect(resourceTypesOf(result.event)).toEqual(["AWS::Route53::HostedZone", "AWS::Route53::TrafficPolicy"]);
  });
});

describe("normalizeRecord: refusals", () => {
  const cases: [string, Record<string, unknown>, RegExp][] = [
    ["no event id", { ...base, eventID: undefined }, /eventID/],
    ["a time that is not a time", { ...base, eventTime: "yesterday" }, /eventTime is not a time/],
    ["no account anywhere", { ...base, recipientAccountId: undefined }, /no account/],
    ["no region", { ...base, awsRegion: undefined }, /no region/],
    ["not an object", [] as unknown as Record<string, unknown>, /not a CloudTrail record/],
    // Shapes the hand check passes on to the schema, which names the field.
    ["an empty event name", { ...base, eventName: "" }, /eventName/],
    ["a region that is not text", { ...base, awsRegion: 1 }, /awsRegion/],
    ["read-only as a number", { ...base, readOnly: 0 }, /readOnly/],
    ["a session issuer ARN that is not text", { ...base, userIdentity: { type: "AssumedRole", sessionContext: { sessionIssuer: { arn: 7 } } } }, /userIdentity\.sessionContext\.sessionIssuer\.arn/],
    ["resources that are not objects", { ...base, resources: [["arn:aws:s3:::b"]] }, /resources\.0/],
  ];
  for (const [name, record, reason] of cases) {
    it(name, () => {
      const result = normalizeRecord(record, { origin: "s3" });
      expect(result.ok).toBe(false);
      if (!result.ok) expect(result.reason).toMatch(reason);
    });
  }
});

describe("normalizeLookupEvent", () => {
  it("reads the CloudTrailEvent record and takes the polled account and LookupEvents' resources", () => {
    const result = normalizeLookupEvent(
      { EventId: base.eventID, EventName: base.eventName, CloudTrailEvent: JSON.stringify({ ...base, userIdentity: { type: "IAMUser", userName: "alice" } }), Resources: [{ ResourceType: "AWS::Route53::TrafficPolicyInstance", ResourceName: "tpi-1" }] },
      { accountId: "111122223333", region: "us-east-1" },
    );
    if (!result.ok) throw new Error(result.reason);
    expect(result.event).toMatchObject({ origin: "lookup", actor: "alice", resources: [{ type: "AWS::Route53::TrafficPolicyInstance", name: "tpi-1", arn: null }] });
  });

  it("rebuilds a record from the top-level fields when CloudTrailEvent is unreadable", () => {
    const result = normalizeLookupEvent(
      { EventId: "e-1", EventName: "RunInstances", EventSource: "ec2.amazonaws.com", EventTime: new Date("2026-11-21T00:00:00Z"), ReadOnly: "false", Username: "ci-deployer", AccessKeyId: "AKIACI", CloudTrailEvent: "{not json" },
      { accountId: "111122223333", region: "eu-west-1" },
    );
    if (!result.ok) throw new Error(result.reason);
    expect(result.event).toMatchObject({ eventId: "e-1", region: "eu-west-1", readOnly: false, actor: "ci-deployer", accessKeyId: "AKIACI" });
  });
});
