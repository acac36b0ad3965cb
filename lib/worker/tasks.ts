import type { Db } from "@/lib/db/client";

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
export const workerTasks: WorkerTask[] = [];
