import { opendir } from "node:fs/promises";
import path from "node:path";
import type pg from "pg";
import { storeEvents } from "./event-store";
import { normalizeRecord, type NormalizedEvent } from "./normalize-event";
import { isLogFileName, LogFileError, readLogFile } from "./s3-log-file";

// Imports a directory of CloudTrail S3 log files (a synced bucket prefix, say) through the
// same normalizer and store as LookupEvents ingest. Each file commits with its events in one
// transaction and is remembered by hash, so an interrupted import can simply be run again:
// finished files are skipped, events already known (from ingest or an overlapping file)
// are not stored twice, and one bad file is reported without stopping the rest.

export type ImportSummary = {
  files: number;
  imported: number;
  alreadyImported: number;
  failed: { path: string; reason: string }[];
  records: number;
  stored: number;
  invalid: number;
  /** The first few (MAX_INVALID_REASONS) reasons records were refused, for the operator to act on. */
  invalidReasons: string[];
};

export type ImportOptions = { batchSize?: number; log?: (line: string) => void; signal?: AbortSignal };

/** Log files under `dir`, depth-first, in name order (so a year of logs imports month by month). */
export async function* logFilesUnder(dir: string): AsyncGenerator<string> {
  const entries: { name: string; dir: boolean }[] = [];
  for await (const entry of await opendir(dir)) entries.push({ name: entry.name, dir: entry.isDirectory() });
  entries.sort((a, b) => (a.name < b.name ? -1 : 1));
  for (const entry of entries) {
    const full = path.join(dir, entry.name);
    if (entry.dir) yield* logFilesUnder(full);
    else if (isLogFileName(full)) yield full;
  }
}

async function alreadyImported(client: pg.ClientBase, sha256: string): Promise<boolean> {
  const { rowCount } = await client.query("SELECT 1 FROM cloudtrail_import_file WHERE sha256 = $1", [sha256]);
  return (rowCount ?? 0) > 0;
}

type SqlError = { code?: string };

/**
 * Imports every log file under `dir`. Given several connections, that many files are
 * imported at once, each in its own transaction: while one connection's database work runs,
 * the next file is read, unzipped and normalized. Two files that hold the same events may
 * deadlock; the loser is tried again. This runs on the calling thread; importLogFilesInParallel
 * (import-log-files-parallel.ts) spreads the work over threads.
 */
export async function importLogFiles(clients: pg.ClientBase | readonly pg.ClientBase[], dir: string, options: ImportOptions = {}): Promise<ImportSummary> {
  const summary = emptySummary();
  await importFiles(Array.isArray(clients) ? clients : [clients as pg.ClientBase], logFilesUnder(dir), summary, options);
  return summary;
}

export const MAX_INVALID_REASONS = 5;

export function emptySummary(): ImportSummary {
  return { files: 0, imported: 0, alreadyImported: 0, failed: [], records: 0, stored: 0, invalid: 0, invalidReasons: [] };
}

/** Imports the files `files` yields (concurrent next() calls each get their own) on the connections, into `summary`. */
export async function importFiles(connections: readonly pg.ClientBase[], files: AsyncIterator<string>, summary: ImportSummary, options: ImportOptions = {}): Promise<void> {
  await Promise.all(
    connections.map(async (client) => {
      while (!options.signal?.aborted) {
        const next = await files.next();
        if (next.done) return;
        summary.files += 1;
        try {
          await importFile(client, next.value, summary, options);
        } catch (error) {
          if (!(error instanceof LogFileError)) throw error;
          summary.failed.push({ path: next.value, reason: error.message });
          options.log?.(error.message);
        }
      }
    }),
  );
}

async function importFile(client: pg.ClientBase, filePath: string, summary: ImportSummary, options: ImportOptions): Promise<void> {
  const batchSize = options.batchSize ?? 5000;
  const file = await readLogFile(filePath);
  if (await alreadyImported(client, file.sha256)) {
    summary.alreadyImported += 1;
    return;
  }
  const events: NormalizedEvent[] = [];
  for (const [i, record] of file.records.entries()) {
    // The record's own account and region win; the file's key only fills gaps.
    const result = normalizeRecord(record, { origin: "s3", region: file.region ?? undefined, fallbackAccountId: file.account ?? undefined, json: file.json?.[i] });
    if (result.ok) {
      events.push(result.event);
    } else {
      summary.invalid += 1;
      if (summary.invalidReasons.length < MAX_INVALID_REASONS) summary.invalidReasons.push(`${path.basename(filePath)}: ${result.reason}`);
    }
  }
  let stored = 0;
  for (let attempt = 1; ; attempt++) {
    await client.query("BEGIN");
    try {
      stored = 0;
      for (let i = 0; i < events.length; i += batchSize) stored += await storeEvents(client, events.slice(i, i + batchSize));
      const recorded = await client.query(
        "INSERT INTO cloudtrail_import_file (sha256, path, records, stored) VALUES ($1, $2, $3, $4) ON CONFLICT (sha256) DO NOTHING",
        [file.sha256, filePath, file.records.length, stored],
      );
      await client.query("COMMIT");
      if (!recorded.rowCount) {
        // A copy of this file (same bytes, another path) was imported alongside it.
        summary.alreadyImported += 1;
        return;
      }
      break;
    } catch (error) {
      await client.query("ROLLBACK").catch(() => undefined);
      if ((error as SqlError).code !== "40P01" || attempt >= 3) throw error;
    }
  }
  summary.imported += 1;
  summary.records += file.records.length;
  summary.stored += stored;
  options.log?.(`${filePath}: ${file.records.length} record(s), ${stored} new`);
}
