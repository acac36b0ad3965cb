// npm run bench:lag — Redis replication lag benchmark (issue 6):
//   1. collector CPU with 50 endpoints (1 primary + 49 replica records over 2 real replicas),
//      in this process, on a throwaway database;
//   2. time from pausing a demo replica (SIGSTOP) until GET /api/v1/replication, over HTTP,
//      reports its region above the warning and the critical threshold: p50/p95 over 20 trials.
// For (2) it starts the whole product itself (npm start's path: web, worker, sandbox, demo
// Redis) on free ports, a throwaway database and a temporary data directory; or give it a
// running one: --url http://localhost:3000 --token <admin token> --redis-dir .data/redis.
// Options: --endpoints N (50), --ticks N (30), --trials N (20), --region CODE (ap-south-1),
// --poll-ms N (25), --skip-cpu, --skip-http, --verbose (the product's own output).
import { startBenchProduct, type BenchProduct } from "@/lib/replication/bench/start-product";
import { measureCollectorCpu } from "@/lib/replication/bench/collector-cpu";
import { measurePauseToReported } from "@/lib/replication/bench/http-lag";
import { percentile, summary } from "@/lib/replication/bench/stats";

function flag(name: string): boolean {
  return process.argv.includes(`--${name}`);
}

function text(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

function count(name: string, fallback: number): number {
  const raw = text(name);
  const value = raw === undefined ? fallback : Number(raw);
  if (!Number.isInteger(value) || value < 1) throw new Error(`--${name} needs a positive integer`);
  return value;
}

const endpoints = count("endpoints", 50);
const ticks = count("ticks", 30);
const trials = count("trials", 20);
const pollMs = count("poll-ms", 25);
const region = text("region") ?? "ap-south-1";
const thresholds = { warningMs: 500, criticalMs: 1_000 };
const log = (line: string) => console.log(line);

if (!flag("skip-cpu")) {
  const cpu = await measureCollectorCpu({ endpoints, ticks });
  log(`collector with ${cpu.endpoints} endpoints over ${cpu.ticks} ticks (${(cpu.wallMs / 1_000).toFixed(1)} s):`);
  log(`  CPU ${cpu.cpuMsPerTick.toFixed(1)} ms per tick (user+system, whole process) = ${cpu.corePercent.toFixed(2)} % of one core`);
  log(`  tick duration (probe + store) ${cpu.tickSummary}`);
  log(`  every tick healthy: ${cpu.allHealthy}; collector warnings/errors: ${cpu.errors}`);
}

if (!flag("skip-http")) {
  const url = text("url");
  let product: BenchProduct | null = null;
  // The product runs in its own process group (no Ctrl-C of its own): stop it, then leave.
  const stopProduct = () => void (product?.stop() ?? Promise.resolve()).finally(() => process.exit(130));
  process.once("SIGINT", stopProduct);
  try {
    if (url) {
      const token = text("token");
      const redisDir = text("redis-dir");
      if (!token || !redisDir) throw new Error("--url needs --token (an admin API token) and --redis-dir (the demo's <data dir>/redis)");
      product = { baseUrl: url.replace(/\/$/, ""), token, redisDir, stop: async () => undefined };
    } else {
      product = await startBenchProduct({ log, quiet: !flag("verbose") });
    }
    log(`pause → GET ${product.baseUrl}/api/v1/replication above threshold (${trials} trials, ${region}, warning ${thresholds.warningMs} ms, critical ${thresholds.criticalMs} ms, polling every ${pollMs} ms):`);
    const result = await measurePauseToReported({ ...product, region, trials, thresholds, pollMs, log });
    log(`  above warning:  ${summary(result.toWarning)}`);
    log(`  above critical: ${summary(result.toCritical)}`);
    log(`  goal p95 ≤ 2000 ms (critical): ${percentile(result.toCritical, 95) <= 2_000 ? "met" : "NOT met"}`);
    log(`  back to ok after resume: ${summary(result.recoverMs)}`);
    log(`  GET /api/v1/replication response time: ${summary(result.requestMs)}`);
    log(`  trials where another region left ok: ${result.othersDisturbed}`);
  } finally {
    process.removeListener("SIGINT", stopProduct);
    await product?.stop();
  }
}
