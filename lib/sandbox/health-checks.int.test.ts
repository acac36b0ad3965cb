import {
  CreateHealthCheckCommand,
  CreateHostedZoneCommand,
  CreateTrafficPolicyCommand,
  CreateTrafficPolicyInstanceCommand,
  DeleteHealthCheckCommand,
  GetHealthCheckCommand,
  GetHealthCheckStatusCommand,
  ListHealthChecksCommand,
  type HealthCheckConfig,
  type HealthCheckRegion,
  type Route53Client,
} from "@aws-sdk/client-route-53";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runSandboxCommand } from "./cli";
import type { Resolution } from "./resolver";
import { eventually, expectAwsError, freePort, startTestSandbox, type TestSandbox } from "./test-support";

let t: TestSandbox;
let route53: Route53Client;
const CHECKERS: HealthCheckRegion[] = ["us-east-1", "eu-west-1", "ap-southeast-1"];

const httpCheck = (port: number, extra: Partial<HealthCheckConfig> = {}): HealthCheckConfig => ({
  Type: "HTTP",
  IPAddress: "127.0.0.1",
  Port: port,
  ResourcePath: "/heartbeat",
  RequestInterval: 10,
  FailureThreshold: 1,
  Regions: CHECKERS,
  ...extra,
});

const sandboxApi = async (method: string, path: string, body?: unknown) => {
  const response = await fetch(`${t.sandbox.url}${path}`, { method, body: body === undefined ? undefined : JSON.stringify(body) });
  return { status: response.status, json: (await response.json()) as Record<string, unknown> };
};

beforeAll(async () => {
  t = await startTestSandbox({ heartbeatBasePort: await freePort() });
  route53 = t.route53();
});
afterAll(() => t.close());

describe("health check API", () => {
  it("creates, reads, lists and deletes health checks", async () => {
    const created = await route53.send(new CreateHealthCheckCommand({ CallerReference: "api-1", HealthCheckConfig: httpCheck(8080) }));
    expect(created.$metadata.httpStatusCode).toBe(201);
    const id = created.HealthCheck?.Id as string;
    expect(created.HealthCheck).toMatchObject({ CallerReference: "api-1", HealthCheckVersion: 1 });
    expect(created.HealthCheck?.HealthCheckConfig).toMatchObject({ Type: "HTTP", Port: 8080, ResourcePath: "/heartbeat", RequestInterval: 10, FailureThreshold: 1, Inverted: false, Disabled: false, Regions: CHECKERS });
    expect(created.Location).toContain(`/2013-04-01/healthcheck/${id}`);

    // The same reference with the same settings is a safe retry.
    const retried = await route53.send(new CreateHealthCheckCommand({ CallerReference: "api-1", HealthCheckConfig: httpCheck(8080) }));
    expect(retried.HealthCheck?.Id).toBe(id);
    await expectAwsError(route53.send(new CreateHealthCheckCommand({ CallerReference: "api-1", HealthCheckConfig: httpCheck(8081) })), "HealthCheckAlreadyExists", 409);

    expect((await route53.send(new GetHealthCheckCommand({ HealthCheckId: id }))).HealthCheck?.Id).toBe(id);
    for (let i = 2; i <= 4; i++) await route53.send(new CreateHealthCheckCommand({ CallerReference: `api-${i}`, HealthCheckConfig: httpCheck(8080 + i) }));
    const first = await route53.send(new ListHealthChecksCommand({ MaxItems: 3 }));
    expect(first.HealthChecks).toHaveLength(3);
    expect(first.IsTruncated).toBe(true);
    const second = await route53.send(new ListHealthChecksCommand({ MaxItems: 3, Marker: first.NextMarker }));
    expect(second.IsTruncated).toBe(false);
    expect([...(first.HealthChecks ?? []), ...(second.HealthChecks ?? [])].map((c) => c.CallerReference)).toEqual(["api-1", "api-2", "api-3", "api-4"]);

    await route53.send(new DeleteHealthCheckCommand({ HealthCheckId: id }));
    await expectAwsError(route53.send(new GetHealthCheckCommand({ HealthCheckId: id })), "NoSuchHealthCheck", 404);
    await expectAwsError(route53.send(new DeleteHealthCheckCommand({ HealthCheckId: id })), "NoSuchHealthCheck", 404);
    await expectAwsError(route53.send(new GetHealthCheckStatusCommand({ HealthCheckId: id })), "NoSuchHealthCheck", 404);
    // A deleted check's reference can never be used again.
    await expectAwsError(route53.send(new CreateHealthCheckCommand({ CallerReference: "api-1", HealthCheckConfig: httpCheck(8080) })), "HealthCheckAlreadyExists", 409);
  });

  it("validates configurations the way AWS does", async () => {
    const bad: [string, HealthCheckConfig][] = [
      ["two regions", httpCheck(80, { Regions: ["us-east-1", "eu-west-1"] })],
      ["ap-south-1 has no checkers", httpCheck(80, { Regions: ["us-east-1", "eu-west-1", "ap-south-1" as HealthCheckRegion] })],
      ["no target", { Type: "HTTP", Port: 80 }],
      ["private address", httpCheck(80, { IPAddress: "10.1.2.3" })],
      ["threshold 11", httpCheck(80, { FailureThreshold: 11 })],
      ["string match without string", httpCheck(80, { Type: "HTTP_STR_MATCH" })],
    ];
    for (const [what, config] of bad) {
      await expectAwsError(route53.send(new CreateHealthCheckCommand({ CallerReference: `bad-${what}`, HealthCheckConfig: config })), "InvalidInput", 400);
    }
    // Outside test configuration only 10 and 30 second intervals exist.
    const strict = await startTestSandbox({ fastHealthChecks: false });
    try {
      await expectAwsError(strict.route53().send(new CreateHealthCheckCommand({ CallerReference: "interval", HealthCheckConfig: httpCheck(80, { RequestInterval: 15 }) })), "InvalidInput", 400);
      const ok = await strict.route53().send(new CreateHealthCheckCommand({ CallerReference: "interval-30", HealthCheckConfig: httpCheck(80, { RequestInterval: 30 }) }));
      expect(ok.HealthCheck?.HealthCheckConfig?.RequestInterval).toBe(30);
    } finally {
      await strict.close();
    }
  });

  it("refuses to delete a check a calculated check depends on (HealthCheckInUse)", async () => {
    const child = await route53.send(new CreateHealthCheckCommand({ CallerReference: "child", HealthCheckConfig: httpCheck(8090) }));
    await route53.send(new CreateHealthCheckCommand({ CallerReference: "parent", HealthCheckConfig: { Type: "CALCULATED", ChildHealthChecks: [child.HealthCheck?.Id as string], HealthThreshold: 1 } }));
    await expectAwsError(route53.send(new DeleteHealthCheckCommand({ HealthCheckId: child.HealthCheck?.Id })), "HealthCheckInUse", 400);
  });
});

describe("failover through real heartbeats", () => {
  it("turns unhealthy when a cluster's heartbeat stops, healthy when it returns, and the resolver follows", async () => {
    const sg = await sandboxApi("POST", "/_sandbox/clusters", { name: "flights-sg", path: "/heartbeat" });
    const bom = await sandboxApi("POST", "/_sandbox/clusters", { name: "flights-bom", path: "/heartbeat" });
    expect(sg.status).toBe(201);
    const sgPort = (sg.json.cluster as { port: number }).port;
    const bomPort = (bom.json.cluster as { port: number }).port;
    expect(bomPort).not.toBe(sgPort);

    const sgCheck = (await route53.send(new CreateHealthCheckCommand({ CallerReference: "hb-sg", HealthCheckConfig: httpCheck(sgPort) }))).HealthCheck?.Id as string;
    const bomCheck = (await route53.send(new CreateHealthCheckCommand({ CallerReference: "hb-bom", HealthCheckConfig: httpCheck(bomPort) }))).HealthCheck?.Id as string;
    const document = {
      AWSPolicyFormatVersion: "2015-10-01",
      RecordType: "A",
      StartRule: "rollout",
      Endpoints: {
        "home-single": { Type: "application-load-balancer", Value: "proxy-sg-0a1b.ap-southeast-1.elb.amazonaws.com" },
        "sg-flights": { Type: "application-load-balancer", Value: "flights-hb-sg-2c3d.ap-southeast-1.elb.amazonaws.com" },
        "bom-flights": { Type: "application-load-balancer", Value: "flights-hb-bom-4e5f.ap-south-1.elb.amazonaws.com" },
      },
      Rules: {
        rollout: { RuleType: "weighted", Items: [{ EndpointReference: "home-single", Weight: "90", EvaluateTargetHealth: "true" }, { RuleReference: "multi-region", Weight: "10", EvaluateTargetHealth: "true" }] },
        "multi-region": {
          RuleType: "latency",
          Regions: [
            { Region: "ap-southeast-1", EndpointReference: "sg-flights", EvaluateTargetHealth: "true", HealthCheck: sgCheck },
            { Region: "ap-south-1", EndpointReference: "bom-flights", EvaluateTargetHealth: "true", HealthCheck: bomCheck },
          ],
        },
      },
    };
    const zone = await route53.send(new CreateHostedZoneCommand({ Name: "flights.example.com", CallerReference: "failover" }));
    const policy = await route53.send(new CreateTrafficPolicyCommand({ Name: "flights-rollout", Document: JSON.stringify(document) }));
    await route53.send(new CreateTrafficPolicyInstanceCommand({ HostedZoneId: zone.HostedZone?.Id, Name: "api.flights.example.com", TTL: 60, TrafficPolicyId: policy.TrafficPolicy?.Id, TrafficPolicyVersion: 1 }));

    const shares = async (clientRegion: string) => {
      const { json } = await sandboxApi("GET", `/_sandbox/resolve?name=api.flights.example.com&clientRegion=${clientRegion}`);
      return Object.fromEntries((json as unknown as Resolution).answers.map((a) => [a.endpoint, a.probability]));
    };
    const until = (clientRegion: string, expected: Record<string, number>) =>
      eventually(async () => {
        const now = await shares(clientRegion);
        return JSON.stringify(now) === JSON.stringify(expected) ? now : undefined;
      }, 5000, `answers ${JSON.stringify(expected)} for ${clientRegion}`);
    const status = async (id: string) => (await route53.send(new GetHealthCheckStatusCommand({ HealthCheckId: id }))).HealthCheckObservations ?? [];

    await until("ap-south-1", { "home-single": 0.9, "bom-flights": 0.1 });
    await until("ap-southeast-1", { "home-single": 0.9, "sg-flights": 0.1 });
    const healthy = await eventually(async () => ((await status(bomCheck)).length === 3 ? status(bomCheck) : undefined));
    expect(healthy.map((o) => o.Region).sort()).toEqual([...CHECKERS].sort());
    expect(healthy.every((o) => o.StatusReport?.Status?.startsWith("Success: HTTP Status Code 200"))).toBe(true);
    expect(healthy[0]?.IPAddress).toMatch(/^\d+\.\d+\.\d+\.\d+$/);

    // Mumbai's cluster fails: its latency entry is skipped, India is served from Singapore.
    expect((await sandboxApi("POST", "/_sandbox/clusters/flights-bom/down")).status).toBe(200);
    await until("ap-south-1", { "home-single": 0.9, "sg-flights": 0.1 });
    await eventually(async () => ((await status(bomCheck)).every((o) => o.StatusReport?.Status?.startsWith("Failure: Connection refused")) ? true : undefined));

    // Both regional clusters down: the multi-region branch has nothing healthy, so all goes home.
    const viaCli = await runSandboxCommand(["cluster", "down", "flights-sg"], { url: t.sandbox.url, dataDir: "/nonexistent" });
    expect(viaCli.exitCode).toBe(0);
    await until("ap-south-1", { "home-single": 1 });

    await runSandboxCommand(["cluster", "up", "flights-bom"], { url: t.sandbox.url, dataDir: "/nonexistent" });
    await until("ap-south-1", { "home-single": 0.9, "bom-flights": 0.1 });
    await until("ap-southeast-1", { "home-single": 0.9, "bom-flights": 0.1 });
    const listed = await sandboxApi("GET", "/_sandbox/clusters");
    expect(listed.json.clusters).toEqual(
      expect.arrayContaining([expect.objectContaining({ name: "flights-bom", up: true, listening: true }), expect.objectContaining({ name: "flights-sg", up: false, listening: false })]),
    );
  });

  it("rejects a cluster whose port another cluster holds", async () => {
    const taken = await sandboxApi("GET", "/_sandbox/clusters");
    const port = (taken.json.clusters as { port: number }[])[0]?.port;
    const clash = await sandboxApi("POST", "/_sandbox/clusters", { name: "other", port });
    expect(clash.status).toBe(409);
    expect((await sandboxApi("POST", "/_sandbox/clusters/nope/down")).status).toBe(404);
  });
});
