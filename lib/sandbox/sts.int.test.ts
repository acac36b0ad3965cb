import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { LookupEventsCommand } from "@aws-sdk/client-cloudtrail";
import { CreateHostedZoneCommand, ListHostedZonesCommand, Route53Client } from "@aws-sdk/client-route-53";
import { XMLParser } from "fast-xml-parser";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { stateFilePath } from "./store";
import { STS_NS } from "./sts/handler";
import { startTestSandbox, TEST_ACCESS_KEY, type TestSandbox } from "./test-support";

// STS AssumeRole on the wire (Query protocol: form-encoded POST, XML answer), and what the
// issued temporary key turns into in CloudTrail. The SDK's own STS client is exercised in
// lib/aws/account-credentials.int.test.ts; here the requests are written by hand so the
// exact bytes of the protocol are what is tested.

const BASE = Date.UTC(2026, 10, 20, 12, 0, 0);
const started = Date.now();
const clock = () => BASE + (Date.now() - started);

let t: TestSandbox;
beforeAll(async () => {
  t = await startTestSandbox({ clock, changeDelayMs: 0 });
});
afterAll(() => t.close());

const parser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: "@_", parseTagValue: false });

type Answer = { status: number; requestId: string | null; xml: Record<string, Record<string, unknown>> };

/** The sandbox checks no signatures, so a hand-written Authorization header names the caller. */
async function sts(params: Record<string, string>, accessKeyId: string | null = TEST_ACCESS_KEY, url = t.sandbox.url): Promise<Answer> {
  const headers: Record<string, string> = { "Content-Type": "application/x-www-form-urlencoded; charset=utf-8" };
  if (accessKeyId) headers.Authorization = `AWS4-HMAC-SHA256 Credential=${accessKeyId}/20261120/us-east-1/sts/aws4_request, SignedHeaders=host, Signature=00`;
  const response = await fetch(`${url}/`, { method: "POST", headers, body: new URLSearchParams(params).toString() });
  return { status: response.status, requestId: response.headers.get("x-amzn-requestid"), xml: parser.parse(await response.text()) as Answer["xml"] };
}

const assume = (roleArn: string, extra: Record<string, string> = {}) =>
  sts({ Action: "AssumeRole", Version: "2011-06-15", RoleArn: roleArn, RoleSessionName: "flightdeck-test", ...extra });

describe("STS AssumeRole", () => {
  it("issues ASIA credentials for the role, expiring after DurationSeconds", async () => {
    const before = clock();
    const answer = await assume("arn:aws:iam::444455556666:role/ops/FlightdeckReader", { DurationSeconds: "900" });
    expect(answer.status).toBe(200);
    const root = answer.xml.AssumeRoleResponse as Record<string, unknown> & { AssumeRoleResult: Record<string, Record<string, string>>; ResponseMetadata: { RequestId: string } };
    expect(root["@_xmlns"]).toBe("https://sts.amazonaws.com/doc/2011-06-15/");
    const { Credentials, AssumedRoleUser } = root.AssumeRoleResult;
    expect(Credentials?.AccessKeyId).toMatch(/^ASIA[A-Z2-7]{16}$/);
    expect(Credentials?.SecretAccessKey?.length).toBe(40);
    expect(Credentials?.SessionToken?.length).toBeGreaterThan(100);
    const expires = Date.parse(Credentials?.Expiration ?? "");
    expect(expires - before).toBeGreaterThanOrEqual(900_000);
    expect(expires - before).toBeLessThan(905_000);
    expect(AssumedRoleUser?.Arn).toBe("arn:aws:sts::444455556666:assumed-role/FlightdeckReader/flightdeck-test");
    expect(AssumedRoleUser?.AssumedRoleId).toMatch(/^AROA[0-9A-F]{17}:flightdeck-test$/);
    expect(root.ResponseMetadata.RequestId).toBe(answer.requestId);
    // Two sessions never share a key.
    const again = await assume("arn:aws:iam::444455556666:role/ops/FlightdeckReader");
    expect((again.xml.AssumeRoleResponse as { AssumeRoleResult: { Credentials: { AccessKeyId: string } } }).AssumeRoleResult.Credentials.AccessKeyId).not.toBe(Credentials?.AccessKeyId);
  });

  it.each([
    ["a malformed RoleArn", { RoleArn: "arn:aws:iam::4444:role/Short" }, 400, "ValidationError", /is invalid/],
    ["a role ARN that is no role", { RoleArn: "arn:aws:iam::444455556666:user/alice" }, 400, "ValidationError", /is invalid/],
    ["no RoleArn", { RoleArn: undefined }, 400, "ValidationError", /'roleArn'.*must not be null/],
    ["a one-letter session name", { RoleSessionName: "x" }, 400, "ValidationError", /'roleSessionName'/],
    ["too short a session", { DurationSeconds: "899" }, 400, "ValidationError", /greater than or equal to 900/],
    ["another action", { Action: "GetSessionToken" }, 400, "InvalidAction", /GetSessionToken/],
    ["a role that refuses everybody", { RoleArn: "arn:aws:iam::444455556666:role/audit-denied" }, 403, "AccessDenied",
      /^User: arn:aws:iam::123456789012:user\/user-sandboxtest01 is not authorized to perform: sts:AssumeRole on resource: arn:aws:iam::444455556666:role\/audit-denied$/],
  ])("answers %s with an ErrorResponse", async (_, change, status, code, message) => {
    const params: Record<string, string> = { Action: "AssumeRole", Version: "2011-06-15", RoleArn: "arn:aws:iam::444455556666:role/Flightdeck", RoleSessionName: "flightdeck-test" };
    for (const [key, value] of Object.entries(change)) {
      if (value === undefined) delete params[key];
      else params[key] = value;
    }
    const answer = await sts(params);
    expect(answer.status).toBe(status);
    const root = answer.xml.ErrorResponse as { "@_xmlns": string; Error: Record<string, string>; RequestId: string };
    expect(root["@_xmlns"]).toBe(STS_NS);
    expect(root.Error).toMatchObject({ Type: "Sender", Code: code });
    expect(root.Error?.Message).toMatch(message);
    expect(root.RequestId).toBe(answer.requestId);
  });

  it("refuses an unsigned request", async () => {
    const answer = await sts({ Action: "AssumeRole", Version: "2011-06-15", RoleArn: "arn:aws:iam::444455556666:role/Flightdeck", RoleSessionName: "x1" }, null);
    expect(answer.status).toBe(403);
    expect((answer.xml.ErrorResponse as { Error: { Code: string } }).Error.Code).toBe("MissingAuthenticationToken");
  });
});

describe("calls signed with an assumed role's key", () => {
  it("appear in CloudTrail as that AssumedRole session, in the role's account", async () => {
    const answer = await assume("arn:aws:iam::777788889999:role/FlightdeckTraffic", { RoleSessionName: "flightdeck-route53" });
    const credentials = (answer.xml.AssumeRoleResponse as { AssumeRoleResult: { Credentials: Record<string, string> } }).AssumeRoleResult.Credentials;
    const route53 = new Route53Client({
      endpoint: t.sandbox.url,
      region: "us-east-1",
      maxAttempts: 1,
      credentials: { accessKeyId: credentials.AccessKeyId!, secretAccessKey: credentials.SecretAccessKey!, sessionToken: credentials.SessionToken! },
    });
    try {
      await route53.send(new CreateHostedZoneCommand({ Name: "assumed.example.com", CallerReference: "assumed-zone" }));
    } finally {
      route53.destroy();
    }
    const found = await t.cloudTrail().send(new LookupEventsCommand({ LookupAttributes: [{ AttributeKey: "AccessKeyId", AttributeValue: credentials.AccessKeyId! }] }));
    expect(found.Events?.map((e) => [e.EventName, e.Username])).toEqual([["CreateHostedZone", "flightdeck-route53"]]);
    const record = JSON.parse(found.Events?.[0]?.CloudTrailEvent ?? "{}") as Record<string, unknown>;
    expect(record.userIdentity).toMatchObject({
      type: "AssumedRole",
      arn: "arn:aws:sts::777788889999:assumed-role/FlightdeckTraffic/flightdeck-route53",
      accountId: "777788889999",
      accessKeyId: credentials.AccessKeyId,
      principalId: expect.stringMatching(/^AROA[0-9A-F]{17}:flightdeck-route53$/),
      sessionContext: { sessionIssuer: { type: "Role", arn: "arn:aws:iam::777788889999:role/FlightdeckTraffic", accountId: "777788889999", userName: "FlightdeckTraffic" } },
    });
    expect(record.recipientAccountId).toBe("777788889999");
  });
});

describe("sessions on disk", () => {
  it("survive a restart, and a state file from before STS still loads", async () => {
    const dataDir = await mkdtemp(path.join(tmpdir(), "flightdeck-sts-"));
    try {
      const first = await startTestSandbox({ dataDir, changeDelayMs: 0 });
      const answer = await sts({ Action: "AssumeRole", Version: "2011-06-15", RoleArn: "arn:aws:iam::444455556666:role/Persisted", RoleSessionName: "kept" }, TEST_ACCESS_KEY, first.sandbox.url);
      const key = (answer.xml.AssumeRoleResponse as { AssumeRoleResult: { Credentials: { AccessKeyId: string } } }).AssumeRoleResult.Credentials.AccessKeyId;
      await first.close();

      const second = await startTestSandbox({ dataDir, changeDelayMs: 0 });
      try {
        await second.route53({ accessKeyId: key }).send(new CreateHostedZoneCommand({ Name: "kept.example.com", CallerReference: "kept" }));
        const found = await second.cloudTrail().send(new LookupEventsCommand({ LookupAttributes: [{ AttributeKey: "AccessKeyId", AttributeValue: key }] }));
        expect(found.Events?.[0]?.Username).toBe("kept");
      } finally {
        await second.close();
      }

      const file = stateFilePath(dataDir);
      const { sessions, ...older } = JSON.parse(await readFile(file, "utf8")) as { sessions: object };
      expect(Object.keys(sessions)).toEqual([key]);
      await writeFile(file, JSON.stringify(older));
      const third = await startTestSandbox({ dataDir, changeDelayMs: 0 });
      try {
        expect((await third.route53().send(new ListHostedZonesCommand({}))).HostedZones?.map((z) => z.Name)).toEqual(["kept.example.com."]);
      } finally {
        await third.close();
      }
    } finally {
      await rm(dataDir, { recursive: true, force: true });
    }
  });
});
