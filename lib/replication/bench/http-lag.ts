import { z } from "zod";
import { setDemoReplicaPaused } from "../demo-state";
import type { Thresholds } from "../types";
import { sleep } from "./stats";

// Pause → reported, end to end: SIGSTOP a demo replica, then poll GET /api/v1/replication
// over HTTP (as any client would) until its region reads above the warning and then the
// critical threshold. Includes everything: collector tick, probe timeout, database write,
// web request. Resumes and waits for "ok" between trials.

const statuses = ["ok", "warning", "critical", "unreachable", "stale", "skewed"] as const;

/** The documented shape, strictly: an extra or missing field fails the benchmark. */
const publicStatus = z.object({
  regions: z.array(
    z.strictObject({
      region: z.string(),
      status: z.enum(statuses),
      lagMs: z.number().nullable(),
      lagBytes: z.number().nullable(),
      link: z.enum(["up", "down", "sync", "external", "unknown"]).nullable(),
      sampledAt: z.string().nullable(),
    }),
  ),
});

const consoleThresholds = z.object({
  regions: z.array(z.object({ region: z.string(), thresholds: z.object({ warningMs: z.number(), criticalMs: z.number() }) })),
  defaults: z.object({ warningMs: z.number(), criticalMs: z.number() }),
});

export type HttpLagOptions = { baseUrl: string; token: string; redisDir: string; region: string; trials: number; thresholds: Thresholds; pollMs: number; log: (line: string) => void };

export type HttpLagResult = { toWarning: number[]; toCritical: number[]; recoverMs: number[]; requestMs: number[]; othersDisturbed: number };

export async function measurePauseToReported(options: HttpLagOptions): Promise<HttpLagResult> {
  const { baseUrl, region } = options;
  const headers = { authorization: `Bearer ${options.token}`, "content-type": "application/json" };
  const requestMs: number[] = [];
  async function call(method: string, route: string, body?: unknown): Promise<unknown> {
    const started = performance.now();
    const response = await fetch(`${baseUrl}${route}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
    if (method === "GET" && route === "/api/v1/replication") requestMs.push(performance.now() - started);
    if (!response.ok) throw new Error(`${method} ${route} → HTTP ${response.status}: ${(await response.text()).slice(0, 300)}`);
    return response.status === 204 ? null : response.json();
  }
  const regions = async () => publicStatus.parse(await call("GET", "/api/v1/replication")).regions;
  async function until(check: (rs: Awaited<ReturnType<typeof regions>>) => boolean, timeoutMs: number, what: string): Promise<number> {
    const started = performance.now();
    while (performance.now() - started < timeoutMs) {
      if (check(await regions())) return performance.now() - started;
      await sleep(options.pollMs);
    }
    throw new Error(`${what} did not happen within ${timeoutMs} ms`);
  }

  const before = consoleThresholds.parse(await call("GET", "/api/v1/replication/console"));
  const current = before.regions.find((r) => r.region === region);
  if (!current) throw new Error(`no region ${region} on ${baseUrl}`);
  const wasCustom = current.thresholds.warningMs !== before.defaults.warningMs || current.thresholds.criticalMs !== before.defaults.criticalMs;
  await call("PUT", `/api/v1/replication/thresholds/${region}`, options.thresholds);
  const result: HttpLagResult = { toWarning: [], toCritical: [], recoverMs: [], requestMs, othersDisturbed: 0 };
  try {
    await until((rs) => rs.every((r) => r.status === "ok"), 120_000, "every region ok before the first trial");
    requestMs.length = 0;
    for (let trial = 1; trial <= options.trials; trial++) {
      await sleep(Math.random() * 1_000); // pause at a random point of the collector's tick, as an incident would
      const pausedAt = performance.now();
      setDemoReplicaPaused(options.redisDir, region, true);
      let warning: number | null = null;
      let disturbed = false;
      try {
        for (;;) {
          const rs = await regions();
          const elapsed = performance.now() - pausedAt;
          const status = rs.find((r) => r.region === region)?.status;
          disturbed ||= rs.some((r) => r.region !== region && r.status !== "ok");
          if (warning === null && (status === "warning" || status === "critical")) warning = elapsed;
          if (status === "critical") {
            result.toCritical.push(elapsed);
            break;
          }
          if (elapsed > 15_000) throw new Error(`trial ${trial}: ${region} never reported critical`);
          await sleep(options.pollMs);
        }
      } finally {
        setDemoReplicaPaused(options.redisDir, region, false);
      }
      if (warning !== null) result.toWarning.push(warning);
      if (disturbed) result.othersDisturbed++;
      result.recoverMs.push(await until((rs) => rs.every((r) => r.status === "ok"), 30_000, `trial ${trial}: recovery`));
      options.log(`  trial ${String(trial).padStart(2)}: above warning ${warning?.toFixed(0) ?? "—"} ms, critical ${result.toCritical.at(-1)!.toFixed(0)} ms`);
    }
    return result;
  } finally {
    setDemoReplicaPaused(options.redisDir, region, false);
    if (wasCustom) await call("PUT", `/api/v1/replication/thresholds/${region}`, current.thresholds);
    else await call("DELETE", `/api/v1/replication/thresholds/${region}`);
  }
}
