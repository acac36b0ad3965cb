import "server-only";
import { createAccountCredentials } from "@/lib/aws/account-credentials";
import type { Db } from "@/lib/db/client";
import { createRoute53Api, createRoute53Client, route53ForAccounts } from "@/lib/route53";
import { demoBespokeElbs } from "@/lib/seed/demo-estate";
import { setUpServiceTraffic } from "@/lib/traffic-control/set-up-traffic";
import { trafficSettings } from "@/lib/traffic-control/settings";

// The AWS side of the demo estate, set up in the sandbox at every demo start (idempotent;
// the sandbox keeps its state in .data/sandbox/state.json):
//   1. the demo app clusters' heartbeat servers, registered with the sandbox on the seed's ports;
//   2. through Flightdeck's own Route 53 adapter: the hosted zone, the health checks and, for
//      each multi-region service, traffic policy v1 (10 % multi-region) and its policy record.
// Step 1 uses a sandbox-only endpoint (there is no AWS counterpart); step 2 is exactly what
// Flightdeck would do against AWS.

export type DemoBootstrapOptions = {
  sandboxUrl: string;
  /** The environment the web app and worker get (endpoint and the sandbox's access key). */
  childEnv: Record<string, string | undefined>;
  heartbeatBasePort: number;
  log: (line: string) => void;
};

/** Share of the demo's clients per region: most flights searches come from South-East Asia. */
export const DEMO_CLIENT_MIX = { "ap-southeast-1": 0.6, "ap-south-1": 0.4 };

async function registerClusters(options: DemoBootstrapOptions): Promise<void> {
  for (const elb of demoBespokeElbs(options.heartbeatBasePort)) {
    const response = await fetch(`${options.sandboxUrl}/_sandbox/clusters`, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ name: elb.cluster, port: elb.port, path: "/heartbeat" }),
    });
    if (!response.ok) options.log(`demo cluster ${elb.cluster} on port ${elb.port} not registered: ${response.status} ${await response.text()}`);
  }
}

/** Never fatal: a demo whose AWS side could not be set up still starts, and the next start tries again. */
export async function bootstrapDemoTraffic(db: Db, options: DemoBootstrapOptions): Promise<void> {
  try {
    await setUp(db, options);
  } catch (error) {
    options.log(`demo traffic set-up failed (it is retried at the next start): ${error instanceof Error ? error.message : String(error)}`);
  }
}

async function setUp(db: Db, options: DemoBootstrapOptions): Promise<void> {
  await registerClusters(options);
  const accessKeyId = options.childEnv.AWS_ACCESS_KEY_ID;
  const secretAccessKey = options.childEnv.AWS_SECRET_ACCESS_KEY;
  const own = accessKeyId && secretAccessKey ? { accessKeyId, secretAccessKey } : undefined;
  const endpoint = options.childEnv.AWS_ENDPOINT_URL_ROUTE_53 ?? options.sandboxUrl;
  const client = createRoute53Client({ endpoint, ...(own ? { credentials: own } : {}) });
  const clients = [client];
  // As the web app and worker will: accounts with a role are reached through it.
  const credentials = createAccountCredentials({ stsEndpoint: options.childEnv.AWS_ENDPOINT_URL_STS ?? options.sandboxUrl, ...(own ? { masterCredentials: own } : {}) });
  const route53 = route53ForAccounts(createRoute53Api(client), credentials, (assumed) => {
    const roleClient = createRoute53Client({ endpoint, credentials: assumed });
    clients.push(roleClient);
    return createRoute53Api(roleClient);
  });
  try {
    const services = await db.service.findMany({ where: { topology: "multi_region" }, orderBy: { slug: "asc" } });
    for (const service of services) {
      const result = await setUpServiceTraffic(db, route53, { slug: service.slug, initialPercent: 10, clientMix: DEMO_CLIENT_MIX, settings: trafficSettings, log: options.log });
      if (result === "created") options.log(`${service.slug}: traffic policy v1 (10 % multi-region) published in the sandbox`);
    }
  } finally {
    for (const c of clients) c.destroy();
  }
}
