// npm run bench:publish [-- --runs 50 --change-delay-ms 100 --poll-ms 100]
//
// Slider release → version Applied in the sandbox: the time from the publish request (the
// operator lets go of the slider and confirms) until Flightdeck has seen the policy record
// Applied and recorded it, over N publishes. Runs in-process against a throwaway database
// and an in-process sandbox, through exactly the code the REST handler calls (minus HTTP
// and auth). `--change-delay-ms` is how long the sandbox keeps the record Updating (AWS
// takes seconds; the e2e server uses 200 ms); it is a floor under every number below.
import { randomUUID } from "node:crypto";
import { createServer } from "node:net";
import { parseArgs } from "node:util";
import type { Actor } from "@/lib/auth/guard";
import { createRoute53Api, createRoute53Client, sameForEveryAccount } from "@/lib/route53";
import { startSandbox } from "@/lib/sandbox";
import { demoBespokeElbs } from "@/lib/seed/demo-estate";
import { seedDemoEstate } from "@/lib/seed/seed";
import { createTestDatabase } from "@/lib/test/database";
import { resolveTestServer } from "@/lib/test/database-server";
import { publishVersion } from "@/lib/traffic-control/publish";
import { setUpServiceTraffic } from "@/lib/traffic-control/set-up-traffic";
import { trafficSettings } from "@/lib/traffic-control/settings";

const { values } = parseArgs({
  options: {
    runs: { type: "string", default: "50" },
    "change-delay-ms": { type: "string", default: "100" },
    "poll-ms": { type: "string", default: String(trafficSettings.pollMs) },
  },
});
const runs = Number(values.runs);
const changeDelayMs = Number(values["change-delay-ms"]);
const pollMs = Number(values["poll-ms"]);
const SLUG = "metasearch-flights";

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const probe = createServer().listen(0, "127.0.0.1", () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });
}

function quantile(sorted: number[], q: number): number {
  const index = Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1);
  return sorted[Math.max(0, index)]!;
}

const server = await resolveTestServer();
const database = await createTestDatabase(server.url);
const sandbox = await startSandbox({ throttle: false, changeDelayMs, fastHealthChecks: true, heartbeatBasePort: await freePort(), log: () => {} });
const client = createRoute53Client({ endpoint: sandbox.url, credentials: { accessKeyId: "AKIAFLIGHTDECKBENCH1", secretAccessKey: "x" } });
try {
  await seedDemoEstate(database.db, { heartbeatBasePort: 1 });
  for (const elb of demoBespokeElbs(1)) {
    const response = await fetch(`${sandbox.url}/_sandbox/clusters`, { method: "POST", body: JSON.stringify({ name: elb.cluster }) });
    const { cluster } = (await response.json()) as { cluster: { port: number } };
    await database.db.loadBalancer.update({ where: { dnsName: elb.dnsName }, data: { heartbeatUrl: `http://127.0.0.1:${cluster.port}/heartbeat` } });
  }
  // The seeded demo account has no role: every call goes through this one adapter.
  const route53 = sameForEveryAccount(createRoute53Api(client));
  const settings = { ...trafficSettings, pollMs };
  await setUpServiceTraffic(database.db, route53, { slug: SLUG, initialPercent: 10, settings });

  const actor: Actor = { kind: "user", id: randomUUID(), label: "user:bench@flightdeck.local", name: "bench", role: "operator" };
  const timings: number[] = [];
  let base = 1;
  for (let i = 0; i < runs + 3; i++) {
    const started = performance.now();
    const result = await publishVersion({ actor, requestId: randomUUID(), db: database.db }, { route53, settings }, SLUG, {
      baseVersion: base,
      multiRegionPercent: 11 + (i % 80),
      reason: `bench ${i}`,
    });
    const elapsed = performance.now() - started;
    if (result.version.state !== "applied") throw new Error(`publish ${i} ended ${result.version.state}`);
    base = result.version.version!;
    if (i >= 3) timings.push(elapsed); // the first few warm up connections and JIT
  }
  const sorted = [...timings].sort((a, b) => a - b);
  const mean = timings.reduce((sum, t) => sum + t, 0) / timings.length;
  const fmt = (ms: number) => `${ms.toFixed(1)} ms`;
  console.log(`bench:publish — slider release → Applied, ${runs} publishes, sandbox change delay ${changeDelayMs} ms, first poll after ${pollMs} ms`);
  console.log(`  p50 ${fmt(quantile(sorted, 0.5))}   p95 ${fmt(quantile(sorted, 0.95))}   min ${fmt(sorted[0]!)}   max ${fmt(sorted.at(-1)!)}   mean ${fmt(mean)}`);
  console.log(`  Flightdeck's own share (p50 minus the sandbox's change delay): ${fmt(quantile(sorted, 0.5) - changeDelayMs)}`);
  const goal = quantile(sorted, 0.95) <= 300;
  console.log(`  goal p95 ≤ 300 ms: ${goal ? "met" : "NOT met"}`);
} finally {
  client.destroy();
  await sandbox.close();
  await database.drop();
  await server.stop();
}
