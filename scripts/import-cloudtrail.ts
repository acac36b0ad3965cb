// npm run history:import -- <directory> [<directory>…]
// Imports CloudTrail S3 log files (gzip JSON {"Records": […]}, e.g. a synced
// s3://<trail-bucket>/AWSLogs/ prefix) into the change history. Safe to run again: files
// already imported are skipped and events already stored are not stored twice.
import { randomUUID } from "node:crypto";
import { stat } from "node:fs/promises";
import path from "node:path";
import pg from "pg";
import { appendAudit } from "@/lib/audit/audit-log";
import { importLogFilesInParallel } from "@/lib/cloudtrail/import-log-files-parallel";
import { recountDirtyHours } from "@/lib/cloudtrail/rollup";
import { openDatabase } from "@/lib/db/open";

const dirs = process.argv.slice(2).filter((arg) => arg !== "--");
if (!dirs.length) {
  console.error("usage: npm run history:import -- <directory with CloudTrail log files> [more directories]");
  process.exit(2);
}
for (const dir of dirs) {
  if (!(await stat(dir).catch(() => null))?.isDirectory()) {
    console.error(`not a directory: ${dir}`);
    process.exit(2);
  }
}

const database = await openDatabase({ log: (line) => console.error(line) });
const controller = new AbortController();
process.on("SIGINT", () => controller.abort());
let failed = false;
try {
  for (const dir of dirs) {
    const started = Date.now();
    // Several files at once, on worker threads: their events go into PostgreSQL while the next files are read and normalized.
    const summary = await importLogFilesInParallel(database.url, dir, { signal: controller.signal, log: (line) => console.error(line) });
    const seconds = (Date.now() - started) / 1000;
    console.log(
      `${path.resolve(dir)}: ${summary.imported} file(s) imported, ${summary.alreadyImported} already imported, ${summary.failed.length} failed; ` +
        `${summary.records} record(s), ${summary.stored} new, ${summary.invalid} refused; ${seconds.toFixed(1)} s`,
    );
    for (const reason of summary.invalidReasons) console.log(`  refused: ${reason}`);
    for (const failure of summary.failed) console.log(`  failed: ${failure.reason}`);
    failed ||= summary.failed.length > 0;
    await database.db.$transaction((tx) =>
      appendAudit(tx, {
        actor: "system:cli", action: "history.import", target: `directory:${path.resolve(dir)}`,
        after: { ...summary, invalidReasons: undefined, failed: summary.failed.length }, requestId: randomUUID(),
      }),
    );
  }
  await recountForCharts(database.url);
} finally {
  await database.close();
}
process.exit(failed ? 1 : 0);

/** The charts' hourly counts of the hours just written (the worker would get to them too). */
async function recountForCharts(url: string): Promise<void> {
  const client = new pg.Client({ connectionString: url, application_name: "flightdeck-history-import" });
  await client.connect();
  try {
    const started = Date.now();
    let said = started;
    const hours = await recountDirtyHours(client, {
      signal: controller.signal,
      progress: ({ hours, left }) => {
        if (!left || Date.now() - said < 2000) return;
        said = Date.now();
        console.error(`counting events per hour for the charts: ${hours} hour(s) done, ${left} left`);
      },
    });
    if (hours === null) console.log("charts: the worker is recounting the imported hours");
    else if (hours) console.log(`charts: recounted ${hours} hour(s) of events in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  } finally {
    await client.end();
  }
}
