import "server-only";
import { demoMode } from "@/lib/config";
import { dataDir } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { changeWithAudit, mutation, parseInput } from "@/lib/mutations/mutation";
import { demoPauseInputSchema, thresholdsInputSchema } from "./api-schemas";
import { demoRedisDir, listDemoReplicas, readDemoRedisState, setDemoReplicaPaused } from "./demo-state";
import { resetRegionThresholds, setRegionThresholds } from "./thresholds";
import type { Thresholds } from "./types";

// The replication console's changes, each through mutation() (who → may they → valid
// input) and changeWithAudit (the change and its audit entry together). Route handlers
// and server actions both call these.

export function updateRegionThresholds(regionCode: string, raw: unknown): Promise<Thresholds> {
  return mutation("replication:configure", async (ctx) => {
    const input = parseInput(thresholdsInputSchema, raw);
    return changeWithAudit(ctx, { action: "replication.thresholds.update", target: `region:${regionCode}` }, (tx) =>
      setRegionThresholds(tx, { regionCode, ...input }, ctx.actor.label),
    );
  });
}

/** Back to the defaults from the environment. */
export function resetRegionThresholdsToDefault(regionCode: string): Promise<void> {
  return mutation("replication:configure", async (ctx) => {
    if (!(await ctx.db.region.findUnique({ where: { code: regionCode }, select: { code: true } }))) {
      throw new AppError("not_found", `Region ${regionCode} is not in the inventory`);
    }
    await changeWithAudit(ctx, { action: "replication.thresholds.reset", target: `region:${regionCode}` }, async (tx) => {
      const before = await resetRegionThresholds(tx, regionCode);
      return { before, after: null, result: undefined };
    });
  });
}

/**
 * Demo mode only: SIGSTOP / SIGCONT the local replica of a region so lag can be shown.
 * Outside demo mode Flightdeck never touches a Redis process, whoever asks.
 */
export function setDemoReplicaPausedState(regionCode: string, raw: unknown): Promise<{ region: string; paused: boolean }> {
  return mutation("replication:configure", async (ctx) => {
    if (!demoMode) throw new AppError("forbidden", "Pausing a Redis replica is a demo-mode control; Flightdeck only observes Redis outside demo mode.");
    const { paused } = parseInput(demoPauseInputSchema, raw);
    const dir = demoRedisDir(dataDir);
    const replica = listDemoReplicas(dir).find((r) => r.region === regionCode);
    if (!replica?.running) {
      throw new AppError("unavailable", `There is no running demo Redis replica in ${regionCode}: it starts with npm start in demo mode when redis-server is installed.`);
    }
    // The audit entry names the endpoint the console shows (the seeded one the node stands behind).
    const endpoint = await ctx.db.redisEndpoint.findFirst({ where: { url: replica.url }, select: { name: true } });
    const node = readDemoRedisState(dir).find((n) => n.role === "replica" && n.region === regionCode);
    const target = `redis-endpoint:${endpoint?.name ?? node?.name ?? regionCode}`;
    return changeWithAudit(ctx, { action: paused ? "replication.demo.pause" : "replication.demo.resume", target }, async () => {
      setDemoReplicaPaused(dir, regionCode, paused);
      return { before: { paused: replica.paused }, after: { paused }, result: { region: regionCode, paused } };
    });
  });
}
