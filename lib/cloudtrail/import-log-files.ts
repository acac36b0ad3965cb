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
  /** The first few reasons records were refused, for the operator to act on. */
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
 * How many files `npm run history:import` imports at once. Measured on two cores
 * (npm run bench:history, 200,000 events): 2 connections 15,000 events/s, 4 → 17,800,
 * 6 → 19,200, 8 → 18,700. More than the cores help because each connection also waits —
 * for its file to be read and parsed on Node's one thread, and for its commit to reach disk.
 */
export const IMPORT_CONNECTIONS = 6;

/**
 * Imports every log file under `dir`. Given several connections, that many files are
 * imported at once, each in its own transaction: while one connection's database work runs,
 * the next file is read, unzipped and normalized (see IMPORT_CONNECTIONS). Two files that
 * hold the same events may deadlock; the loser is tried again.
 */
export async function importLogFiles(clients: pg.ClientBase | readonly pg.ClientBase[], dir: string, options: ImportOptions = {}): Promise<ImportSummary> {
  const summary: ImportSummary = { files: 0, imported: 0, alreadyImported: 0, failed: [], records: 0, stored: 0, invalid: 0, invalidReasons: [] };
  const files = logFilesUnder(dir); // concurrent next() calls queue up, each getting its own file
  const connections = Array.isArray(clients) ? clients : [clients as pg.ClientBase];
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
  return summary;
}

async function importFile(client: pg.ClientBase, filePath: string, summary: ImportSummary, options: ImportOptions): Promise<void> {
  const batchSize = options.batchSize ?? 5000;
  const file = await readLogFile(filePath);
  if (await alreadyImported(client, file.sha256)) {
    summary.alreadyImported += 1;
    return;
  }
  const events: NormalizedEvent[] = [];
  for (const record of file.records) {
    // The record's own account and region win; the file's key only fills gaps.
    const result = normalizeRecord(record, { origin: "s3", region: file.region ?? undefined, fallbackAccountId: file.account ?? undefined });
    if (result.ok) {
      events.push(result.event);
    } else {
      summary.invalid += 1;
      if (summary.invalidReasons.length < 5) summary.invalidReasons.push(`${path.basename(filePath)}: ${result.reason}`);
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
