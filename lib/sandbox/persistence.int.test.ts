import { mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { LookupEventsCommand } from "@aws-sdk/client-cloudtrail";
import {
  CreateHealthCheckCommand,
  CreateHostedZoneCommand,
  CreateTrafficPolicyCommand,
  CreateTrafficPolicyInstanceCommand,
  CreateTrafficPolicyVersionCommand,
  DeleteTrafficPolicyCommand,
  GetHealthCheckCommand,
  GetTrafficPolicyInstanceCommand,
  ListHostedZonesCommand,
  ListTrafficPolicyVersionsCommand,
} from "@aws-sdk/client-route-53";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runSandboxCommand } from "./cli";
import { stateFilePath } from "./store";
import { expectAwsError, freePort, startTestSandbox, weightedDocument } from "./test-support";

let dataDir: string;

beforeAll(async () => {
  dataDir = await mkdtemp(path.join(tmpdir(), "flightdeck-sandbox-"));
});
afterAll(() => rm(dataDir, { recursive: true, force: true }));

describe("persistence", () => {
  it("keeps zones, policies, instances, health checks, clusters and CloudTrail records across a restart", async () => {
    const first = await startTestSandbox({ dataDir, changeDelayMs: 0, heartbeatBasePort: await freePort() });
    const route53 = first.route53({ accessKeyId: "AKIAPERSIST00001" });
    const zone = await route53.send(new CreateHostedZoneCommand({ Name: "persist.example.com", CallerReference: "persist" }));
    const policy = await route53.send(new CreateTrafficPolicyCommand({ Name: "persisted", Document: weightedDocument() }));
    const policyId = policy.TrafficPolicy?.Id as string;
    await route53.send(new CreateTrafficPolicyVersionCommand({ Id: policyId, Document: weightedDocument([1, 1]) }));
    await route53.send(new DeleteTrafficPolicyCommand({ Id: policyId, Version: 2 }));
    const instance = await route53.send(new CreateTrafficPolicyInstanceCommand({ HostedZoneId: zone.HostedZone?.Id, Name: "www.persist.example.com", TTL: 60, TrafficPolicyId: policyId, TrafficPolicyVersion: 1 }));
    const check = await route53.send(new CreateHealthCheckCommand({ CallerReference: "persist-hc", HealthCheckConfig: { Type: "TCP", IPAddress: "127.0.0.1", Port: 9, RequestInterval: 10, FailureThreshold: 3 } }));
    const cluster = await fetch(`${first.sandbox.url}/_sandbox/clusters`, { method: "POST", body: JSON.stringify({ name: "persist-app", port: 0 }) });
    expect(cluster.status).toBe(400); // port 0 is not a real port
    await fetch(`${first.sandbox.url}/_sandbox/clusters`, { method: "POST", body: JSON.stringify({ name: "persist-app" }) });
    await fetch(`${first.sandbox.url}/_sandbox/clusters/persist-app/down`, { method: "POST" });
    await first.close();

    const onDisk = JSON.parse(await readFile(stateFilePath(dataDir), "utf8")) as { hostedZones: object };
    expect(Object.keys(onDisk.hostedZones)).toHaveLength(1);

    const second = await startTestSandbox({ dataDir, changeDelayMs: 0, heartbeatBasePort: await freePort() });
    try {
      const again = second.route53();
      expect((await again.send(new ListHostedZonesCommand({}))).HostedZones?.map((z) => z.Name)).toEqual(["persist.example.com."]);
      expect((await again.send(new GetTrafficPolicyInstanceCommand({ Id: instance.TrafficPolicyInstance?.Id }))).TrafficPolicyInstance?.State).toBe("Applied");
      expect((await again.send(new GetHealthCheckCommand({ HealthCheckId: check.HealthCheck?.Id }))).HealthCheck?.CallerReference).toBe("persist-hc");
      // A safe retry of CreateHealthCheck still recognises the check after the restart.
      const retried = await again.send(new CreateHealthCheckCommand({ CallerReference: "persist-hc", HealthCheckConfig: { Type: "TCP", IPAddress: "127.0.0.1", Port: 9, RequestInterval: 10, FailureThreshold: 3 } }));
      expect(retried.HealthCheck?.Id).toBe(check.HealthCheck?.Id);
      // Version numbers continue after the restart: 2 was deleted, the next is 3.
      const v3 = await again.send(new CreateTrafficPolicyVersionCommand({ Id: policyId, Document: weightedDocument([2, 1]) }));
      expect(v3.TrafficPolicy?.Version).toBe(3);
      expect((await again.send(new ListTrafficPolicyVersionsCommand({ Id: policyId }))).TrafficPolicies?.map((p) => p.Version)).toEqual([1, 3]);
      const trail = await second.cloudTrail().send(new LookupEventsCommand({ LookupAttributes: [{ AttributeKey: "AccessKeyId", AttributeValue: "AKIAPERSIST00001" }] }));
      expect(trail.Events?.map((e) => e.EventName)).toContain("CreateTrafficPolicyInstance");
      const clusters = (await (await fetch(`${second.sandbox.url}/_sandbox/clusters`)).json()) as { clusters: { name: string; up: boolean; listening: boolean }[] };
      expect(clusters.clusters).toEqual([expect.objectContaining({ name: "persist-app", up: false, listening: false })]);

      // Reset through the running sandbox: AWS resources go, demo clusters stay.
      const reset = await runSandboxCommand(["reset"], { url: second.sandbox.url, dataDir });
      expect(reset.exitCode).toBe(0);
      expect((await again.send(new ListHostedZonesCommand({}))).HostedZones).toEqual([]);
      await expectAwsError(again.send(new GetHealthCheckCommand({ HealthCheckId: check.HealthCheck?.Id })), "NoSuchHealthCheck", 404);
      expect(((await (await fetch(`${second.sandbox.url}/_sandbox/clusters`)).json()) as { clusters: unknown[] }).clusters).toHaveLength(1);
    } finally {
      await second.close();
    }
  });

  it("resets and toggles clusters in the state file when no sandbox is running", async () => {
    const nobody = "http://127.0.0.1:9"; // discard port: nothing answers there
    const third = await startTestSandbox({ dataDir });
    await third.route53().send(new CreateHostedZoneCommand({ Name: "offline.example.com", CallerReference: "offline" }));
    await third.close();

    expect((await runSandboxCommand(["cluster", "up", "persist-app"], { url: nobody, dataDir })).exitCode).toBe(0);
    expect((await runSandboxCommand(["cluster", "up", "missing"], { url: nobody, dataDir })).exitCode).toBe(1);
    expect((await runSandboxCommand(["reset"], { url: nobody, dataDir })).exitCode).toBe(0);
    expect((await runSandboxCommand(["bogus"], { url: nobody, dataDir })).exitCode).toBe(2);
    const state = JSON.parse(await readFile(stateFilePath(dataDir), "utf8")) as { hostedZones: object; clusters: Record<string, { up: boolean }> };
    expect(state.hostedZones).toEqual({});
    expect(state.clusters["persist-app"]?.up).toBe(true);
  });

  it("sets an unreadable state file aside instead of trusting it", async () => {
    await writeFile(stateFilePath(dataDir), "{ half a file");
    const fourth = await startTestSandbox({ dataDir });
    try {
      expect((await fourth.route53().send(new ListHostedZonesCommand({}))).HostedZones).toEqual([]);
      const files = await readdir(path.dirname(stateFilePath(dataDir)));
      expect(files.some((f) => f.startsWith("state.json.corrupt-"))).toBe(true);
    } finally {
      await fourth.close();
    }
  });
});
