import { LookupEventsCommand } from "@aws-sdk/client-cloudtrail";
import { CreateHostedZoneCommand } from "@aws-sdk/client-route-53";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createRoute53Client } from "@/lib/route53/client";
import { startTestSandbox, TEST_ACCESS_KEY, type TestSandbox } from "@/lib/sandbox/test-support";
import { AssumeRoleError, createAccountCredentials, type AccountCredentials } from "./account-credentials";

// The SDK's own fromTemporaryCredentials (and its STS client) against the sandbox's STS:
// what Flightdeck does for every inventory account with a role, in sandbox and AWS mode alike.

let t: TestSandbox;
let credentials: AccountCredentials;
beforeAll(async () => {
  t = await startTestSandbox({ changeDelayMs: 0 });
  credentials = createAccountCredentials({ stsEndpoint: t.sandbox.url, region: "us-east-1", masterCredentials: { accessKeyId: TEST_ACCESS_KEY, secretAccessKey: "not-checked" } });
});
afterAll(() => t.close());

const ROLE = "arn:aws:iam::444455556666:role/FlightdeckAccess";

describe("account credentials", () => {
  it("uses the default chain for an account without a role", () => {
    expect(credentials.forAccount({ accountId: "111122223333", assumeRoleArn: null }, "route53")).toBeUndefined();
  });

  it("assumes the account's role through STS and reuses the session until near expiry", async () => {
    const provider = credentials.forAccount({ accountId: "444455556666", assumeRoleArn: ROLE }, "cloudtrail");
    expect(provider).toBeDefined();
    const first = await provider!();
    expect(first.accessKeyId).toMatch(/^ASIA/);
    expect(first.sessionToken).toBeTruthy();
    expect(first.expiration!.getTime() - Date.now()).toBeGreaterThan(3500_000);
    // Same role and purpose: the same provider, and no second AssumeRole (a new session would have a new key).
    expect(credentials.forAccount({ accountId: "444455556666", assumeRoleArn: ROLE }, "cloudtrail")).toBe(provider);
    expect((await provider!()).accessKeyId).toBe(first.accessKeyId);
    const other = await credentials.forAccount({ accountId: "444455556666", assumeRoleArn: ROLE }, "route53")!();
    expect(other.accessKeyId).not.toBe(first.accessKeyId);
  });

  it("assumes the role again once the session is within five minutes of expiring", async () => {
    const late = createAccountCredentials({
      stsEndpoint: t.sandbox.url,
      masterCredentials: { accessKeyId: TEST_ACCESS_KEY, secretAccessKey: "x" },
      durationSeconds: 900,
      now: () => Date.now() + 11 * 60_000, // 15 min session, 5 min margin: stale from minute 10
    });
    const provider = late.forAccount({ accountId: "444455556666", assumeRoleArn: ROLE }, "route53")!;
    const a = await provider();
    const b = await provider();
    expect(b.accessKeyId).not.toBe(a.accessKeyId);
  });

  it("names the role and STS's answer when the role refuses", async () => {
    const provider = credentials.forAccount({ accountId: "444455556666", assumeRoleArn: "arn:aws:iam::444455556666:role/flightdeck-denied" }, "cloudtrail")!;
    const error = await provider().then(() => undefined, (e: unknown) => e);
    expect(error).toBeInstanceOf(AssumeRoleError);
    expect((error as Error).message).toMatch(
      /^could not assume arn:aws:iam::444455556666:role\/flightdeck-denied: AccessDenied: User: arn:aws:iam::123456789012:user\/user-sandboxtest01 is not authorized to perform: sts:AssumeRole/,
    );
    expect((error as AssumeRoleError).$metadata.httpStatusCode).toBe(403);
  });

  it("reports a malformed role ARN as STS's ValidationError (HTTP 400)", async () => {
    const provider = credentials.forAccount({ accountId: "444455556666", assumeRoleArn: "arn:aws:iam::4444:role/x" }, "route53")!;
    const error = (await provider().then(() => undefined, (e: unknown) => e)) as AssumeRoleError;
    expect(error.code).toBe("ValidationError");
    expect(error.$metadata.httpStatusCode).toBe(400);
  });

  it("signs Route 53 calls with the assumed session, which CloudTrail then shows", async () => {
    const provider = credentials.forAccount({ accountId: "444455556666", assumeRoleArn: ROLE }, "route53")!;
    const route53 = createRoute53Client({ endpoint: t.sandbox.url, credentials: provider });
    try {
      await route53.send(new CreateHostedZoneCommand({ Name: "role.example.com", CallerReference: "role-zone" }));
    } finally {
      route53.destroy();
    }
    const { accessKeyId } = await provider();
    const found = await t.cloudTrail().send(new LookupEventsCommand({ LookupAttributes: [{ AttributeKey: "AccessKeyId", AttributeValue: accessKeyId }] }));
    const record = JSON.parse(found.Events?.[0]?.CloudTrailEvent ?? "{}") as { userIdentity?: Record<string, unknown> };
    expect(record.userIdentity).toMatchObject({ type: "AssumedRole", accountId: "444455556666", arn: "arn:aws:sts::444455556666:assumed-role/FlightdeckAccess/flightdeck-route53" });
  });
});
