import { randomUUID } from "node:crypto";
import type { Route53Client } from "@aws-sdk/client-route-53";
import type { Actor } from "@/lib/auth/guard";
import { createAccountCredentials } from "@/lib/aws/account-credentials";
import type { Role } from "@/lib/auth/permissions";
import { freePort } from "@/lib/db/embedded";
import type { Db } from "@/lib/db/client";
import type { MutationContext } from "@/lib/mutations/mutation";
import { createRoute53Api, createRoute53Client, route53ForAccounts, type RetryOptions, type Route53Api, type Route53ForAccount } from "@/lib/route53";
import type { SandboxOptions } from "@/lib/sandbox";
import { startTestSandbox, TEST_ACCESS_KEY, type TestSandbox } from "@/lib/sandbox/test-support";
import { demoBespokeElbs } from "@/lib/seed/demo-estate";
import { seedDemoEstate } from "@/lib/seed/seed";
import type { TrafficDeps } from "@/lib/traffic-control/run-operation";
import { setUpServiceTraffic } from "@/lib/traffic-control/set-up-traffic";
import type { TrafficSettings } from "@/lib/traffic-control/settings";
import { createTestDatabase, type TestDatabase } from "./database";
import { startFaultProxy, type FaultProxy } from "./fault-proxy";

// Everything a traffic-control integration test needs: a fresh database with the demo
// estate, the sandbox with the demo's heartbeat clusters, a fault proxy in front of it,
// Flightdeck's Route 53 adapter through that proxy (one more per account role, whose session
// comes from the sandbox's STS), and the flights service set up at 10 %.

export const SLUG = "metasearch-flights";

export const fastSettings: TrafficSettings = { pollMs: 20, maxPollMs: 100, publishTimeoutMs: 10_000, healthPollMs: 100, driftReconcileMs: 500 };

export type TrafficHarness = {
  test: TestDatabase;
  db: Db;
  sandbox: TestSandbox;
  proxy: FaultProxy;
  /** Flightdeck's adapter with its own credentials, through the fault proxy. */
  route53: Route53Api;
  /** The adapter per inventory account: `route53` for accounts without a role, else one signed with the role's session. */
  route53For: Route53ForAccount;
  /** A plain SDK client straight to the sandbox: "someone outside Flightdeck". */
  outside: Route53Client;
  /** The seeded service's traffic policy and policy record in Route 53. */
  policyId: string;
  instanceId: string;
  deps: TrafficDeps;
  ctx(role?: Role, name?: string): MutationContext;
  sandboxApi(method: string, path: string, body?: unknown): Promise<{ status: number; json: Record<string, unknown> }>;
  close(): Promise<void>;
};

export async function startTrafficHarness(
  options: { sandbox?: SandboxOptions; settings?: Partial<TrafficSettings>; retry?: Partial<RetryOptions> } = {},
): Promise<TrafficHarness> {
  const test = await createTestDatabase();
  const sandbox = await startTestSandbox({ heartbeatBasePort: await freePort(), ...options.sandbox });
  const sandboxApi = async (method: string, path: string, body?: unknown) => {
    const response = await fetch(`${sandbox.sandbox.url}${path}`, { method, body: body === undefined ? undefined : JSON.stringify(body) });
    return { status: response.status, json: (await response.json()) as Record<string, unknown> };
  };
  await seedDemoEstate(test.db, { heartbeatBasePort: 1 });
  // The sandbox picks free ports for the clusters; the inventory follows it.
  for (const elb of demoBespokeElbs(1)) {
    const { json } = await sandboxApi("POST", "/_sandbox/clusters", { name: elb.cluster, path: "/heartbeat" });
    const port = (json.cluster as { port: number }).port;
    await test.db.loadBalancer.update({ where: { dnsName: elb.dnsName }, data: { heartbeatUrl: `http://127.0.0.1:${port}/heartbeat` } });
  }
  const proxy = await startFaultProxy(sandbox.sandbox.url);
  const own = { accessKeyId: "AKIAFLIGHTDECKTEST01", secretAccessKey: "x" };
  const retry = { baseDelayMs: 5, maxDelayMs: 60, ...options.retry };
  const client = createRoute53Client({ endpoint: proxy.url, region: "us-east-1", credentials: own });
  const route53 = createRoute53Api(client, retry);
  const clients = [client];
  const route53For = route53ForAccounts(route53, createAccountCredentials({ stsEndpoint: sandbox.sandbox.url, masterCredentials: own }), (credentials) => {
    const assumed = createRoute53Client({ endpoint: proxy.url, region: "us-east-1", credentials });
    clients.push(assumed);
    return createRoute53Api(assumed, retry);
  });
  const settings = { ...fastSettings, ...options.settings };
  await setUpServiceTraffic(test.db, route53For, { slug: SLUG, initialPercent: 10, clientMix: { "ap-southeast-1": 0.6, "ap-south-1": 0.4 }, settings });
  const outside = sandbox.route53({ accessKeyId: TEST_ACCESS_KEY, maxAttempts: "sdk-default" });
  const policy = await test.db.trafficPolicy.findFirstOrThrow();

  return {
    test,
    db: test.db,
    sandbox,
    proxy,
    route53,
    route53For,
    outside,
    policyId: policy.route53PolicyId,
    instanceId: policy.route53InstanceId!,
    deps: { route53: route53For, settings },
    ctx(role: Role = "operator", name = role) {
      const actor: Actor = { kind: "user", id: randomUUID(), label: `user:${name}@flightdeck.test`, name, role };
      return { actor, requestId: randomUUID(), db: test.db };
    },
    sandboxApi,
    async close() {
      for (const c of clients) c.destroy();
      await proxy.close();
      await sandbox.close();
      await test.drop();
    },
  };
}
