import { mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { ListHostedZonesCommand, ListHealthChecksCommand, ListTrafficPoliciesCommand } from "@aws-sdk/client-route-53";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestSandbox, type TestSandbox } from "@/lib/sandbox/test-support";
import { DEMO_HOSTED_ZONE } from "@/lib/seed/demo-estate";
import { seedDemoEstate } from "@/lib/seed/seed";
import { createTestDatabase, type TestDatabase } from "@/lib/test/database";
import { bootstrapDemoTraffic } from "./traffic-bootstrap";

// The demo's AWS side, set up against a throttled sandbox (as `npm start` runs it), then
// again after a restart of both: nothing is created twice.

let db: TestDatabase;
let dataDir: string;
let basePort: number;
const lines: string[] = [];

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const probe = createServer().listen(0, "127.0.0.1", () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });
}

async function run(sandbox: TestSandbox): Promise<void> {
  const env = { AWS_ENDPOINT_URL_ROUTE_53: sandbox.sandbox.url, AWS_ACCESS_KEY_ID: "AKIAFLIGHTDECKDEMO01", AWS_SECRET_ACCESS_KEY: "sandbox-secret" };
  await bootstrapDemoTraffic(db.db, { sandboxUrl: sandbox.sandbox.url, childEnv: env, heartbeatBasePort: basePort, log: (line) => lines.push(line) });
}

beforeAll(async () => {
  db = await createTestDatabase();
  dataDir = mkdtempSync(path.join(tmpdir(), "fd-demo-"));
  basePort = await freePort();
  await seedDemoEstate(db.db, { heartbeatBasePort: basePort });
});
afterAll(async () => {
  await db?.drop();
  rmSync(dataDir, { recursive: true, force: true });
});

describe("demo traffic bootstrap", () => {
  it("sets up clusters, zone, health checks, policy v1 and its record; a restart changes nothing", async () => {
    let sandbox = await startTestSandbox({ dataDir, throttle: true, heartbeatBasePort: basePort });
    try {
      await run(sandbox);
      const clusters = (await (await fetch(`${sandbox.sandbox.url}/_sandbox/clusters`)).json()) as { clusters: { name: string; port: number; listening: boolean }[] };
      expect(clusters.clusters.map((c) => [c.name, c.port, c.listening])).toEqual([
        ["metasearch-flights-sg", basePort, true],
        ["metasearch-flights-bom", basePort + 1, true],
      ]);
    } finally {
      await sandbox.close();
    }
    expect(lines.some((l) => l.includes("failed")), lines.join("\n")).toBe(false);
    const services = await db.db.service.findMany();
    expect(services.every((s) => s.hostedZoneId !== DEMO_HOSTED_ZONE)).toBe(true);
    expect(await db.db.healthCheck.count({ where: { route53Id: null } })).toBe(0);
    const policy = await db.db.trafficPolicy.findFirstOrThrow();
    expect(policy).toMatchObject({ activeVersion: 1, pendingOperationId: null });
    expect(await db.db.trafficVersion.findFirstOrThrow()).toMatchObject({ version: 1, multiRegionPercent: 10, origin: "bootstrap" });
    expect(await db.db.auditEntry.count({ where: { action: "traffic.bootstrap" } })).toBe(1);

    sandbox = await startTestSandbox({ dataDir, throttle: true, heartbeatBasePort: basePort });
    try {
      await run(sandbox);
      const route53 = sandbox.route53({ maxAttempts: "sdk-default" });
      expect((await route53.send(new ListHostedZonesCommand({}))).HostedZones).toHaveLength(1);
      expect((await route53.send(new ListHealthChecksCommand({}))).HealthChecks).toHaveLength(2);
      expect((await route53.send(new ListTrafficPoliciesCommand({}))).TrafficPolicySummaries).toHaveLength(1);
    } finally {
      await sandbox.close();
    }
    expect(await db.db.trafficVersion.count()).toBe(1);
    expect(await db.db.auditEntry.count({ where: { action: "traffic.bootstrap" } })).toBe(1);
  });
});
