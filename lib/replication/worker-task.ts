import type { WorkerTask } from "@/lib/worker/tasks";
import { startReplicationCollector, type StartReplicationCollectorOptions } from "./collector";

// The collector as a worker task: add `replicationCollectorTask` to workerTasks in
// lib/worker/tasks.ts. Settings not given here use the collector's defaults (1 s ticks,
// 400 ms probes, raw 24 h, minute aggregates 30 days, thresholds 5 s / 10 s).

export type ReplicationTaskSettings = Omit<StartReplicationCollectorOptions, "db" | "databaseUrl" | "signal" | "log">;

export function createReplicationCollectorTask(settings: ReplicationTaskSettings = {}): WorkerTask {
  return {
    name: "replication-collector",
    async run({ db, databaseUrl, signal, log }) {
      await startReplicationCollector({ ...settings, db, databaseUrl, signal, log }).stopped;
    },
  };
}

export const replicationCollectorTask: WorkerTask = createReplicationCollectorTask();
