// npm run bench:history [-- --events 1000000 --threads 2 --connections 3 --runs 25]   (script: tsx --expose-gc --conditions=react-server …)
// On a throwaway database (dropped at the end): ingest N generated CloudTrail events through
// the product's log-file importer, then time ten representative searches (p50/p95, server side)
// and a streamed export of 100,000 rows (time and peak memory). Prints a summary table.
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { gzipSync } from "node:zlib";
import pg from "pg";
import { GENESIS_HASH, hashEntry } from "@/lib/audit/chain";
import { verifyAuditChain } from "@/lib/audit/audit-log";
import { IMPORT_CONNECTIONS_PER_THREAD, IMPORT_THREADS, importLogFilesInParallel } from "@/lib/cloudtrail/import-log-files-parallel";
import { recountDirtyHours } from "@/lib/cloudtrail/rollup";
import { syntheticRecords } from "@/lib/cloudtrail/synthetic-records";
import { exportStream } from "@/lib/history/export-changes";
import { parseHistoryFilter, resolveRange } from "@/lib/history/filter";
import { queryCharts } from "@/lib/history/query-charts";
import { searchTimeline } from "@/lib/history/search-timeline";
import { createTestDatabase } from "@/lib/test/database";
import { resolveTestServer } from "@/lib/test/database-server";

const { values: args } = parseArgs({ options: { events: { type: "string", default: "1000000" }, threads: { type: "string", default: String(IMPORT_THREADS) }, connections: { type: "string", default: String(IMPORT_CONNECTIONS_PER_THREAD) }, runs: { type: "string", default: "25" }, keep: { type: "boolean", default: false } } });
const EVENTS = Number(args.events);
const THREADS = Number(args.threads);
const CONNECTIONS = Number(args.connections);
const RUNS = Number(args.runs);
const ROUND = 100_000;
// A busy account × region's delivery: CloudTrail writes a file about every 5 minutes, with
// up to a few thousand records in busy ones. Sparser trails make smaller files, which cost
// more per event (a transaction each).
const FILE_RECORDS = 1_000;
const DAY = 86_400_000;
const now = Date.now();
const say = (line: string) => console.log(`bench│ ${line}`);
const ms = (n: number) => `${n.toFixed(1)} ms`;
const pct = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] as number;
const gc = (globalThis as { gc?: () => void }).gc;

const server = await resolveTestServer();
const database = await createTestDatabase(server.url);
say(`throwaway database ${database.name}; ${EVENTS.toLocaleString("en")} events, importer on ${THREADS} thread(s) × ${CONNECTIONS} connection(s)`);
const client = new pg.Client({ connectionString: database.url });
await client.connect();

try {
  // 1. Ingest through the product's own importer (lib/cloudtrail/import-log-files-parallel.ts,
  // as `npm run history:import` runs it, on worker threads): the generated events are first
  // written out as CloudTrail log files (gzip JSON {"Records": […]}, one account × region per
  // file, a thousand records each, laid out as a trail delivers them) — untimed; then the import is
  // timed end to end: reading, unzipping and parsing each file, normalizing, storing.
  const logDir = await mkdtemp(path.join(os.tmpdir(), "fd-bench-logs-"));
  let files = 0;
  const rounds = Math.ceil(EVENTS / ROUND);
  const g0 = performance.now();
  for (let round = 0, done = 0; round < rounds; round++) {
    const count = Math.min(ROUND, EVENTS - done);
    const slice = (90 * DAY) / rounds;
    const byTrail = new Map<string, Record<string, unknown>[]>();
    for (const record of syntheticRecords({ seed: 20261121 + round, count, from: now - 90 * DAY + round * slice, to: now - 90 * DAY + (round + 1) * slice })) {
      const key = `${String(record.recipientAccountId)}/${String(record.awsRegion)}`;
      const list = byTrail.get(key) ?? [];
      if (!list.length) byTrail.set(key, list);
      list.push(record);
    }
    for (const [key, records] of byTrail) {
      const [account, region] = key.split("/") as [string, string];
      records.sort((x, y) => (String(x.eventTime) < String(y.eventTime) ? -1 : 1));
      for (let i = 0; i < records.length; i += FILE_RECORDS) {
        const start = String(records[i]?.eventTime);
        const folder = path.join(logDir, "AWSLogs", account, "CloudTrail", region, start.slice(0, 4), start.slice(5, 7), start.slice(8, 10));
        await mkdir(folder, { recursive: true });
        const stamp = start.slice(0, 16).replace(/[-:]/g, "") + "Z";
        await writeFile(path.join(folder, `${account}_CloudTrail_${region}_${stamp}_${round}x${files++}.json.gz`), gzipSync(JSON.stringify({ Records: records.slice(i, i + FILE_RECORDS) })));
      }
    }
    done += count;
  }
  const generatedMs = performance.now() - g0;
  say(`wrote ${files.toLocaleString("en")} log files in ${(generatedMs / 1000).toFixed(1)} s (untimed); importing…`);
  gc?.();
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  let imported = 0;
  const summary = await importLogFilesInParallel(database.url, logDir, {
    threads: THREADS,
    connectionsPerThread: CONNECTIONS,
    log: () => { if (++imported % 200 === 0) say(`imported ${imported.toLocaleString("en")} of ${files.toLocaleString("en")} files (${Math.round(((performance.now() - t0) / imported) * (files - imported) / 1000)} s left)`); },
  });
  const ingestMs = performance.now() - t0;
  const ingestCpu = process.cpuUsage(cpu0);
  await rm(logDir, { recursive: true, force: true });
  const stored = summary.stored;
  if (summary.failed.length || summary.invalid || stored !== EVENTS) throw new Error(`import went wrong: ${JSON.stringify({ ...summary, invalidReasons: summary.invalidReasons.slice(0, 2) })}`);
  const ingestRate = Math.round(stored / (ingestMs / 1000));
  const v0 = performance.now();
  await client.query("VACUUM ANALYZE cloudtrail_event");
  const vacuumMs = performance.now() - v0;
  const size = (await client.query<{ size: string }>("SELECT pg_size_pretty(sum(pg_total_relation_size(inhrelid))) AS size FROM pg_inherits WHERE inhparent = 'cloudtrail_event'::regclass")).rows[0]?.size;

  // 2. 20,000 audit entries with a valid chain, so the timeline merges two real streams.
  let prevHash = GENESIS_HASH;
  const audit: unknown[][] = [];
  for (let seq = 1; seq <= 20_000; seq++) {
    const entry = { seq: BigInt(seq), at: new Date(now - 90 * DAY + seq * 388_800), actor: `user:op${seq % 7}@example.com`, actorRole: "operator", action: ["traffic.publish", "traffic.rollback", "inventory.services.update"][seq % 3] as string, target: `service:svc-${seq % 12}`, before: { v: seq - 1 }, after: { v: seq }, requestId: crypto.randomUUID() };
    const hash = hashEntry(entry, prevHash);
    audit.push([entry.seq.toString(), entry.at, entry.actor, entry.actorRole, entry.action, entry.target, JSON.stringify(entry.before), JSON.stringify(entry.after), entry.requestId, prevHash, hash]);
    prevHash = hash;
  }
  for (let i = 0; i < audit.length; i += 2000) {
    const rows = audit.slice(i, i + 2000);
    const col = (k: number) => rows.map((r) => r[k]);
    await client.query(`INSERT INTO audit_entry (seq, at, actor, actor_role, action, target, before, after, request_id, prev_hash, hash)
      SELECT * FROM unnest($1::bigint[], $2::timestamptz[], $3::text[], $4::text[], $5::text[], $6::text[], $7::jsonb[], $8::jsonb[], $9::text[], $10::text[], $11::text[])`, Array.from({ length: 11 }, (_, k) => col(k)));
  }
  await client.query("ANALYZE audit_entry");
  const c0 = performance.now();
  const chain = await verifyAuditChain(database.db);
  const verifyMs = performance.now() - c0;

  // 3. Searches: ten representative filter combinations, first pages of 50, server-side time.
  const sample = (await client.query<{ instance: string; request: string }>(
    `SELECT resources -> 0 ->> 'name' AS instance, aws_request_id AS request FROM cloudtrail_event WHERE resources @> '[{"type": "AWS::EC2::Instance"}]' AND event_time > now() - interval '10 days' LIMIT 1`)).rows[0];
  const deep = await (async () => { let cursor: string | undefined; for (let i = 0; i < 20; i++) cursor = (await searchTimeline(database.db, {}, { cursor, limit: 50 })).nextCursor ?? undefined; return cursor; })();
  const combos: [string, Record<string, string>, string?][] = [
    ["last 7 days, no other filter", { range: "7d" }],
    ["actor (a person), 90 days", { range: "90d", actor: "carol@example.com" }],
    ["actor + event name + region", { range: "30d", actor: "flightdeck-worker", name: "DescribeInstances", region: "ap-southeast-1" }],
    ["errors only + account, 30 days", { range: "30d", errors: "true", account: "444455556666" }],
    ["writes only + source + region", { readOnly: "false", source: "ec2.amazonaws.com", region: "eu-west-1" }],
    ["resource type + actor", { resourceType: "AWS::Route53::HostedZone", actor: "github-actions-deploy" }],
    ["resource by name (one instance)", { resource: sample?.instance ?? "none" }],
    ["full text: AccessDenied, 30 days", { range: "30d", q: "AccessDenied" }],
    ["full text: one request id", { q: sample?.request ?? "none" }],
    ["full text + name + region, 90 days", { range: "90d", q: "Terraform", name: "RunInstances", region: "us-east-1" }],
    ["page 21 of everything (keyset)", {}, deep],
  ];
  const results: { name: string; p50: number; p95: number; rows: number }[] = [];
  for (const [name, params, cursor] of combos) {
    const filter = resolveRange(parseHistoryFilter(params), new Date());
    const times: number[] = [];
    let rows = 0;
    for (let i = 0; i < RUNS + 2; i++) {
      const t0 = performance.now();
      rows = (await searchTimeline(database.db, filter, { cursor, limit: 50 })).items.length;
      if (i >= 2) times.push(performance.now() - t0); // two warm-up runs
    }
    times.sort((a, b) => a - b);
    results.push({ name, p50: pct(times, 50), p95: pct(times, 95), rows });
  }
  // Charts (median of three), before and after the worker's recount of the import's hours
  // (lib/cloudtrail/rollup.ts): before, every hour is counted from the events; after, whole
  // days and hours come from their counts.
  const chartCases: Record<string, string>[] = [{ range: "7d" }, { range: "30d", region: "us-east-1" }, { range: "90d", actor: "carol@example.com" }, { range: "7d", q: "AccessDenied" }];
  const timeCharts = async () => {
    const medians: string[] = [];
    for (const params of chartCases) {
      const runs: { ms: number; ok: boolean }[] = [];
      for (let i = 0; i < 3; i++) {
        const t0 = performance.now();
        const charts = await queryCharts(database.db, resolveRange(parseHistoryFilter(params), new Date()), new Date());
        runs.push({ ms: performance.now() - t0, ok: charts.ok });
      }
      const median = runs.sort((a, b) => a.ms - b.ms)[1] as { ms: number; ok: boolean };
      medians.push(median.ok ? ms(median.ms) : `timed out after ${ms(median.ms)}`);
    }
    return medians;
  };
  const chartsBefore = await timeCharts();
  const r0 = performance.now();
  const recounted = await recountDirtyHours(client);
  const recountMs = performance.now() - r0;
  const rollupRows = (await client.query<{ n: number }>("SELECT count(*)::int AS n FROM cloudtrail_rollup_hour")).rows[0]?.n ?? 0;
  const chartsAfter = await timeCharts();

  // 4. Export of 100,000 rows, streamed and discarded as a slow client would not: measures our side.
  const cut = (await client.query<{ at: Date }>("SELECT event_time AS at FROM cloudtrail_event ORDER BY event_time DESC, event_id DESC OFFSET 99999 LIMIT 1")).rows[0]?.at;
  const exportFilter = parseHistoryFilter({ kind: "cloudtrail", from: cut?.toISOString() ?? "" });
  const exports: { format: string; ms: number; rows: number; mb: number; peakRssMb: number; peakHeapMb: number; baseHeapMb: number }[] = [];
  async function runExport(format: "csv" | "json", sample: boolean) {
    gc?.();
    const base = process.memoryUsage();
    let peakRss = base.rss;
    let peakHeap = base.heapUsed;
    // Collecting before each sample makes the peak live memory rather than garbage awaiting GC.
    const sampler = sample ? setInterval(() => { gc?.(); const m = process.memoryUsage(); peakRss = Math.max(peakRss, m.rss); peakHeap = Math.max(peakHeap, m.heapUsed); }, 100) : undefined;
    const t0 = performance.now();
    let bytes = 0;
    let newlines = 0;
    const reader = exportStream(database.db, exportFilter, format, { exportedAt: new Date(), exportedBy: "bench" }).getReader();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      bytes += value.byteLength;
      for (const b of value) if (b === 10) newlines++;
    }
    clearInterval(sampler);
    return { ms: performance.now() - t0, rows: format === "csv" ? newlines - 1 : newlines - 2, mb: bytes / 1048576, peakRssMb: peakRss / 1048576, peakHeapMb: peakHeap / 1048576, baseHeapMb: base.heapUsed / 1048576 };
  }
  for (const format of ["csv", "json"] as const) {
    const timed = await runExport(format, false); // time without the sampler's collections
    const memory = await runExport(format, true);
    exports.push({ ...memory, format, ms: timed.ms });
  }

  say("");
  say(`INGEST  ${stored.toLocaleString("en")} events from ${files.toLocaleString("en")} log files in ${(ingestMs / 1000).toFixed(1)} s → ${ingestRate.toLocaleString("en")} events/s (importer on ${THREADS} thread(s) × ${CONNECTIONS} connection(s); Node used ${(((ingestCpu.user + ingestCpu.system) / 1000 / ingestMs) * 100).toFixed(0)} % of one core)`);
  say(`        VACUUM ANALYZE ${(vacuumMs / 1000).toFixed(1)} s; table + indexes ${size}`);
  say(`AUDIT   verified a 20,000-entry chain in ${ms(verifyMs)} (${chain.ok ? "intact" : "BROKEN"})`);
  say(`SEARCH  first page of 50, ${RUNS} runs each after 2 warm-ups:`);
  for (const r of results) say(`        ${r.name.padEnd(38)} p50 ${ms(r.p50).padStart(9)}  p95 ${ms(r.p95).padStart(9)}  (${r.rows} rows)`);
  say(`        worst p95 ${ms(Math.max(...results.map((r) => r.p95)))}`);
  say(`ROLLUP  recounted ${recounted ?? 0} hours in ${(recountMs / 1000).toFixed(1)} s: ${rollupRows.toLocaleString("en")} hourly counts for ${stored.toLocaleString("en")} events`);
  chartCases.forEach((params, i) => say(`CHARTS  ${JSON.stringify(params).padEnd(44)} from events ${chartsBefore[i]}; after the recount ${chartsAfter[i]}`));
  for (const e of exports) say(`EXPORT  ${e.format.toUpperCase()} ${e.rows.toLocaleString("en")} rows, ${e.mb.toFixed(1)} MB in ${(e.ms / 1000).toFixed(2)} s; peak RSS ${e.peakRssMb.toFixed(0)} MB, heap ${e.baseHeapMb.toFixed(0)} → peak ${e.peakHeapMb.toFixed(0)} MB`);
} finally {
  await client.end();
  if (args.keep) say(`kept ${database.url}`);
  else await database.drop();
  await server.stop();
}
