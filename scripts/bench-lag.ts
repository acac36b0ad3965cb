// npm run bench:lag — replication lag benchmark on real local redis-servers and a
// throwaway database (FLIGHTDECK_TEST_DATABASE_URL's server):
//   1. collector CPU with 50 endpoints (1 primary + 49 replica records over 2 real replicas);
//   2. time from pausing a replica (SIGSTOP) until the status query reports its region
//      above the warning and the critical threshold, p50/p95 over 20 trials.
// Phase 1 of issue 6 has no REST API yet, so (2) reads getReplicationStatus() directly —
// the function GET /api/v1/replication will serve.
// Options: --endpoints N (50), --ticks N (30), --trials N (20).
import { startReplicationCollector, type TickReport } from "@/lib/replication/collector";
import { getReplicationStatus } from "@/lib/replication/query-status";
import { createTestDatabase } from "@/lib/test/database";
import { createTestRedis } from "@/lib/test/redis";

function option(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  const value = i >= 0 ? Number(process.argv[i + 1]) : fallback;
  if (!Number.isInteger(value) || value < 1) throw new Error(`--${name} needs a positive integer`);
  return value;
}

const endpointCount = option("endpoints", 50);
const measuredTicks = option("ticks", 30);
const trials = option("trials", 20);
const thresholds = { warningMs: 500, criticalMs: 1_000 };
const regionCount = 7;

const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? NaN;
};
const summary = (values: number[]) => `p50 ${percentile(values, 50).toFixed(0)} ms, p95 ${percentile(values, 95).toFixed(0)} ms, max ${Math.max(...values).toFixed(0)} ms`;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

const [test, redis] = await Promise.all([createTestDatabase(), createTestRedis()]);
const abort = new AbortController();
let errors = 0;
const log = { info: () => undefined, warn: () => void errors++, error: () => void errors++ };
let tickListener: ((report: TickReport) => void) | null = null;

try {
  const primary = await redis.start("primary");
  const replicas = await Promise.all([redis.start("replica-a", primary), redis.start("replica-b", primary)]);
  await Promise.all(replicas.map((r) => redis.waitForLink(r)));

  const regions = Array.from({ length: regionCount }, (_, i) => `bench-${i + 1}`);
  for (const code of ["bench-home", ...regions]) {
    await test.db.region.create({ data: { code, name: code, latitude: 0, longitude: 0 } });
    await test.db.replicationThreshold.create({ data: { regionCode: code, ...thresholds } });
  }
  const replicaRecords = Array.from({ length: endpointCount - 1 }, (_, i) => ({
    name: `bench-replica-${i + 1}`,
    regionCode: regions[i % regionCount]!,
    role: "replica" as const,
    // Even records on replica A, odd on B: pausing A freezes every region's even records.
    url: replicas[i % 2]!.url,
  }));
  await test.db.redisEndpoint.createMany({ data: [{ name: "bench-primary", regionCode: "bench-home", role: "primary", url: primary.url }, ...replicaRecords] });

  const collector = startReplicationCollector({
    db: test.db,
    databaseUrl: test.url,
    signal: abort.signal,
    log,
    onTick: (report) => tickListener?.(report),
  });
  const nextTicks = (n: number) =>
    new Promise<TickReport[]>((resolve) => {
      const seen: TickReport[] = [];
      tickListener = (report) => {
        seen.push(report);
        if (seen.length === n) {
          tickListener = null;
          resolve(seen);
        }
      };
    });

  // 1. CPU per tick, after warm-up (connections open, JIT warm).
  await nextTicks(5);
  const cpuBefore = process.cpuUsage();
  const wallBefore = performance.now();
  const ticks = await nextTicks(measuredTicks);
  const cpu = process.cpuUsage(cpuBefore);
  const wallMs = performance.now() - wallBefore;
  const cpuMsPerTick = (cpu.user + cpu.system) / 1_000 / measuredTicks;
  const samplesPerTick = ticks[0]?.samples.length ?? 0;
  console.log(`collector with ${samplesPerTick} endpoints over ${measuredTicks} ticks (${(wallMs / 1_000).toFixed(1)} s):`);
  console.log(`  CPU ${cpuMsPerTick.toFixed(1)} ms per tick (user+system, whole process) = ${((100 * (cpu.user + cpu.system)) / 1_000 / wallMs).toFixed(2)} % of one core`);
  console.log(`  tick duration (probe + store) ${summary(ticks.map((t) => t.durationMs))}`);
  console.log(`  every tick healthy: ${ticks.every((t) => t.regions.every((r) => r.status === "ok"))}`);

  // 2. Pause → reported above threshold, through the status query.
  const target = regions[0]!;
  const toWarning: number[] = [];
  const toCritical: number[] = [];
  for (let trial = 0; trial < trials; trial++) {
    // Pause at a random point of the tick, as an incident would.
    await sleep(Math.random() * 1_000);
    const pausedAt = performance.now();
    replicas[0]!.pause();
    let warning: number | null = null;
    try {
      while (performance.now() - pausedAt < 10_000) {
        const status = (await getReplicationStatus(test.db)).regions.find((r) => r.region === target)?.status;
        if (warning === null && (status === "warning" || status === "critical")) warning = performance.now() - pausedAt;
        if (status === "critical") {
          toCritical.push(performance.now() - pausedAt);
          break;
        }
        await sleep(25);
      }
    } finally {
      replicas[0]!.resume();
    }
    if (warning !== null) toWarning.push(warning);
    if (toCritical.length !== trial + 1) throw new Error(`trial ${trial + 1}: ${target} never reported critical`);
    // Back to healthy before the next trial.
    while ((await getReplicationStatus(test.db)).regions.some((r) => r.status !== "ok")) await sleep(100);
  }
  console.log(`pause → status query above threshold (${trials} trials, warning ${thresholds.warningMs} ms, critical ${thresholds.criticalMs} ms):`);
  console.log(`  above warning:  ${summary(toWarning)}`);
  console.log(`  above critical: ${summary(toCritical)}`);
  console.log(`collector warnings/errors logged: ${errors}; leader ticks: ${collector.stats().ticks}`);
  abort.abort();
  await collector.stopped;
} finally {
  abort.abort();
  await redis.stop();
  await test.drop();
}
