import { createTestDatabase } from "@/lib/test/database";
import { createTestRedis } from "@/lib/test/redis";
import { startReplicationCollector, type TickReport } from "../collector";
import { summary } from "./stats";

// Collector cost with many endpoints: one real primary and (endpoints − 1) replica records
// spread over two real replicas and seven regions, probed once a second, on a throwaway
// database. CPU is this whole process's (user + system) over the measured ticks.

export type CollectorCpuResult = { endpoints: number; ticks: number; wallMs: number; cpuMsPerTick: number; corePercent: number; tickSummary: string; allHealthy: boolean; errors: number };

export async function measureCollectorCpu(options: { endpoints: number; ticks: number }): Promise<CollectorCpuResult> {
  const [test, redis] = await Promise.all([createTestDatabase(), createTestRedis()]);
  const abort = new AbortController();
  let errors = 0;
  let listener: ((report: TickReport) => void) | null = null;
  const nextTicks = (n: number) =>
    new Promise<TickReport[]>((resolve) => {
      const seen: TickReport[] = [];
      listener = (report) => {
        seen.push(report);
        if (seen.length === n) {
          listener = null;
          resolve(seen);
        }
      };
    });
  try {
    const primary = await redis.start("primary");
    const replicas = await Promise.all([redis.start("replica-a", primary), redis.start("replica-b", primary)]);
    await Promise.all(replicas.map((r) => redis.waitForLink(r)));
    const regions = Array.from({ length: 7 }, (_, i) => `bench-${i + 1}`);
    for (const code of ["bench-home", ...regions]) await test.db.region.create({ data: { code, name: code, latitude: 0, longitude: 0 } });
    await test.db.redisEndpoint.createMany({
      data: [
        { name: "bench-primary", regionCode: "bench-home", role: "primary", url: primary.url },
        ...Array.from({ length: options.endpoints - 1 }, (_, i) => ({ name: `bench-replica-${i + 1}`, regionCode: regions[i % regions.length]!, role: "replica" as const, url: replicas[i % 2]!.url })),
      ],
    });
    const collector = startReplicationCollector({
      db: test.db,
      databaseUrl: test.url,
      signal: abort.signal,
      log: { info: () => undefined, warn: () => void errors++, error: () => void errors++ },
      onTick: (report) => listener?.(report),
    });
    await nextTicks(5); // warm-up: connections open, JIT warm
    const cpuBefore = process.cpuUsage();
    const wallBefore = performance.now();
    const ticks = await nextTicks(options.ticks);
    const cpu = process.cpuUsage(cpuBefore);
    const wallMs = performance.now() - wallBefore;
    abort.abort();
    await collector.stopped;
    const cpuMs = (cpu.user + cpu.system) / 1_000;
    return {
      endpoints: ticks[0]?.samples.length ?? 0,
      ticks: options.ticks,
      wallMs,
      cpuMsPerTick: cpuMs / options.ticks,
      corePercent: (100 * cpuMs) / wallMs,
      tickSummary: summary(ticks.map((t) => t.durationMs)),
      allHealthy: ticks.every((t) => t.regions.every((r) => r.status === "ok")),
      errors,
    };
  } finally {
    abort.abort();
    await redis.stop();
    await test.drop();
  }
}
