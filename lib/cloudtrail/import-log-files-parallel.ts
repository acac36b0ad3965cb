import os from "node:os";
import { Worker } from "node:worker_threads";
import { emptySummary, type ImportOptions, type ImportSummary, logFilesUnder, MAX_INVALID_REASONS } from "./import-log-files";
import type { FromWorker, ToWorker, WorkerSetup } from "./import-log-files-worker";
import { withRecountsPaused } from "./rollup";

// The log-file import on several threads. Reading, unzipping, parsing, normalizing and
// encoding a file costs Node about as much CPU as storing it costs PostgreSQL, so on one
// thread Node was the limit while the database still had room. Each worker thread has its own
// connections and imports the files this thread hands out one at a time, so a thread that
// gets large files simply asks less often.

export type ParallelImportOptions = Omit<ImportOptions, "batchSize"> & {
  /** Worker threads; default: one per core, at least two and at most four. */
  threads?: number;
  /** Connections per worker thread, each importing one file at a time. */
  connectionsPerThread?: number;
};

/**
 * A larger young generation than V8's default: each file makes megabytes of short-lived
 * objects (parsed records, words, vectors), which then die young instead of being copied into
 * the old generation. Measured at 1M events against 96 MB: 4–6 µs less of Node per event
 * (about 5 % more events/s), for ~250 MB more memory at the peak (the import's whole process
 * peaks at ~700 MB).
 */
const YOUNG_GENERATION_MB = 256;

/**
 * Two threads × three connections on this 2-core machine (npm run bench:history): one thread
 * held back PostgreSQL; more connections than files in flight only queue up. Four threads
 * at most, so a large server's import leaves connections for everything else.
 */
export const IMPORT_THREADS = Math.min(4, Math.max(2, os.availableParallelism()));
export const IMPORT_CONNECTIONS_PER_THREAD = 3;

// Flightdeck's scripts run TypeScript through tsx, whose loader a worker thread does not
// inherit: the worker loads its module through tsx's API.
const WORKER_BOOT = `import("tsx/esm/api").then(({ tsImport }) => tsImport(${JSON.stringify(new URL("./import-log-files-worker.ts", import.meta.url).href)}, ${JSON.stringify(import.meta.url)}))`;

function addSummary(total: ImportSummary, part: ImportSummary): void {
  total.files += part.files;
  total.imported += part.imported;
  total.alreadyImported += part.alreadyImported;
  total.failed.push(...part.failed);
  total.records += part.records;
  total.stored += part.stored;
  total.invalid += part.invalid;
  total.invalidReasons.push(...part.invalidReasons.slice(0, Math.max(0, MAX_INVALID_REASONS - total.invalidReasons.length)));
}

/**
 * Imports every log file under `dir` into the database at `databaseUrl`, on worker threads,
 * with the charts' recounts paused meanwhile (rollup.ts); the caller may recount afterwards.
 */
export function importLogFilesInParallel(databaseUrl: string, dir: string, options: ParallelImportOptions = {}): Promise<ImportSummary> {
  return withRecountsPaused(databaseUrl, () => importOnThreads(databaseUrl, dir, options));
}

async function importOnThreads(databaseUrl: string, dir: string, options: ParallelImportOptions): Promise<ImportSummary> {
  const files = logFilesUnder(dir);
  const total = emptySummary();
  const setup: WorkerSetup = { databaseUrl, connections: options.connectionsPerThread ?? IMPORT_CONNECTIONS_PER_THREAD };
  const workers = Array.from({ length: options.threads ?? IMPORT_THREADS }, () => new Worker(WORKER_BOOT, { eval: true, workerData: setup, resourceLimits: { maxYoungGenerationSizeMb: YOUNG_GENERATION_MB } }));
  // Files in order: concurrent next() calls on the directory walk (a generator) queue up.
  const nextFile = async () => (options.signal?.aborted ? null : ((await files.next()).value ?? null));
  try {
    await Promise.all(
      workers.map(
        (worker) =>
          new Promise<void>((resolve, reject) => {
            const send = (message: ToWorker) => worker.postMessage(message);
            worker.on("message", (message: FromWorker) => {
              if (message.type === "next") nextFile().then((path) => send({ type: "file", id: message.id, path }), reject);
              else if (message.type === "log") options.log?.(message.line);
              else if (message.type === "done") {
                addSummary(total, message.summary);
                resolve();
              } else reject(Object.assign(new Error(message.message), { stack: message.stack, code: message.code }));
            });
            worker.on("error", reject);
            worker.on("exit", (code) => reject(new Error(`an import thread stopped (exit code ${code}) before it finished`)));
          }),
      ),
    );
  } finally {
    await Promise.all(workers.map((worker) => worker.terminate()));
  }
  return total;
}
