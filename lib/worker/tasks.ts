import { cloudTrailIngestTask } from "@/lib/cloudtrail/ingest-task";
import { rollupTask } from "@/lib/cloudtrail/rollup";
import type { Db } from "@/lib/db/client";
import { replicationSettings } from "@/lib/replication/settings";
import { createReplicationCollectorTask } from "@/lib/replication/worker-task";
import { createTrafficTasks } from "@/lib/traffic-control/worker-tasks";

// Background work run by the worker process (`npm run worker`, started by `npm start`).
// Each task runs until the signal aborts; work that must happen once across several
// worker processes claims it through PostgreSQL (advisory lock or job row), never memory.

export type TaskContext = {
  db: Db;
  databaseUrl: string;
  signal: AbortSignal;
  log: (line: string) => void;
};

export type WorkerTask = {
  name: string;
  run(ctx: TaskContext): Promise<void>;
};

/** Features add their task here. */
export const workerTasks: WorkerTask[] = [
  // Redis replication lag: probes every interval, downsamples and prunes once a minute (built in).
  createReplicationCollectorTask({
    intervalMs: replicationSettings.intervalMs,
    probeTimeoutMs: replicationSettings.probeTimeoutMs,
    defaultThresholds: replicationSettings.defaultThresholds,
    retention: replicationSettings.retention,
  }),
  // Traffic control: Route 53 health polling and the drift reconciler.
  ...createTrafficTasks(),
  // Change history: CloudTrail LookupEvents for every account × region, each claimed by advisory lock.
  cloudTrailIngestTask(),
  // Change history: hourly counts behind the charts, recounted where ingest or imports wrote.
  rollupTask(),
];
