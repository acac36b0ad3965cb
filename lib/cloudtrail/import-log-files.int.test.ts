import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { gzipSync } from "node:zlib";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "@/lib/test/database";
import { storeEvents } from "./event-store";
import { importLogFiles } from "./import-log-files";
import { importLogFilesInParallel } from "./import-log-files-parallel";
import { normalizeRecord } from "./normalize-event";
import { locationOf } from "./s3-log-file";
import { syntheticRecords } from "./synthetic-records";

// The S3 log-file importer on fixture files generated here, laid out as a trail delivers them.

const ACCOUNT = "111122223333";
let test: TestDatabase;
let client: pg.Client;
let dir: string;
const records = [...syntheticRecords({ seed: 3, count: 900, from: Date.UTC(2026, 9, 30), to: Date.UTC(2026, 10, 2), accounts: [ACCOUNT], regions: ["ap-south-1", "eu-west-1"] })];

async function logFile(region: string, day: string, name: string, content: Buffer): Promise<string> {
  const folder = path.join(dir, "AWSLogs", ACCOUNT, "CloudTrail", region, ...day.split("-"));
  await mkdir(folder, { recursive: true });
  const file = path.join(folder, `${ACCOUNT}_CloudTrail_${region}_${day.replace(/-/g, "")}T0000Z_${name}.json.gz`);
  await writeFile(file, content);
  return file;
}
const gz = (value: unknown) => gzipSync(Buffer.from(JSON.stringify(value)));

beforeAll(async () => {
  test = await createTestDatabase();
  client = new pg.Client({ connectionString: test.url });
  await client.connect();
  dir = await mkdtemp(path.join(os.tmpdir(), "fd-cloudtrail-"));
  // 900 records over 9 files; one record without account or region (the file's key fills both).
  const bare = { ...(records[0] as Record<string, unknown>), recipientAccountId: undefined, awsRegion: undefined, userIdentity: { type: "AWSService", invokedBy: "s3.amazonaws.com" } };
  for (let i = 0; i < 9; i++) await logFile(i % 2 ? "eu-west-1" : "ap-south-1", `2026-10-${30 + (i % 2)}`, `part${i}`, gz({ Records: i === 0 ? [bare, ...records.slice(1, 100)] : records.slice(i * 100, i * 100 + 100) }));
  await logFile("ap-south-1", "2026-11-01", "broken", Buffer.from("not gzip and not json"));
  await logFile("ap-south-1", "2026-11-01", "other", gz({ hello: "world" }));
  await logFile("ap-south-1", "2026-11-01", "refused", gz({ Records: [{ eventName: "NoId" }] }));
  const digest = path.join(dir, "AWSLogs", ACCOUNT, "CloudTrail-Digest", "ap-south-1", "2026", "11", "01");
  await mkdir(digest, { recursive: true });
  await writeFile(path.join(digest, `${ACCOUNT}_CloudTrail-Digest_ap-south-1_x.json.gz`), gz({ digestStartTime: "…" }));
});
afterAll(async () => {
  await client?.end();
  await test?.drop();
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe("importing CloudTrail S3 log files", () => {
  it("reads the account and region from the key", () => {
    expect(locationOf(`/data/AWSLogs/${ACCOUNT}/CloudTrail/eu-west-1/2026/11/01/x.json.gz`)).toEqual({ account: ACCOUNT, region: "eu-west-1" });
    expect(locationOf(`s3/AWSLogs/o-abc123/${ACCOUNT}/CloudTrail/us-east-1/2026/11/01/x.json.gz`)).toEqual({ account: ACCOUNT, region: "us-east-1" });
    expect(locationOf("elsewhere/x.json.gz")).toEqual({ account: null, region: null });
  });

  it("imports every record once, reports bad files and refused records, and skips digests", async () => {
    // Ten events arrive first through LookupEvents: the import must not store them again.
    const early = records.slice(150, 160).map((r) => normalizeRecord(r, { origin: "lookup" })).flatMap((r) => (r.ok ? [r.event] : []));
    expect(await storeEvents(client, early)).toBe(10);

    const summary = await importLogFiles(client, dir, { batchSize: 37 });
    expect(summary).toMatchObject({ files: 12, imported: 10, alreadyImported: 0, records: 901, stored: 890, invalid: 1 });
    expect(summary.failed.map((f) => path.basename(f.path)).sort()).toEqual([`${ACCOUNT}_CloudTrail_ap-south-1_20261101T0000Z_broken.json.gz`, `${ACCOUNT}_CloudTrail_ap-south-1_20261101T0000Z_other.json.gz`]);
    expect(summary.invalidReasons[0]).toMatch(/refused.*eventID/);

    const count = await client.query<{ n: string; s3: string }>("SELECT count(*) AS n, count(*) FILTER (WHERE origin = 's3') AS s3 FROM cloudtrail_event");
    expect(count.rows[0]).toEqual({ n: "900", s3: "890" });
    const bare = await client.query("SELECT account_id, region FROM cloudtrail_event WHERE event_id = $1", [(records[0] as { eventID: string }).eventID]);
    expect(bare.rows[0]).toEqual({ account_id: ACCOUNT, region: "ap-south-1" });
  });

  it("skips files already imported when run again", async () => {
    const again = await importLogFiles(client, dir);
    expect(again).toMatchObject({ files: 12, imported: 0, alreadyImported: 10, stored: 0 });
    expect(again.failed).toHaveLength(2);
  });
});

describe("importing on several connections at once", () => {
  it("stores each event once when files overlap or repeat, two files at a time", async () => {
    const other = await createTestDatabase();
    const clients = [new pg.Client({ connectionString: other.url }), new pg.Client({ connectionString: other.url })];
    const overlapDir = await mkdtemp(path.join(os.tmpdir(), "fd-cloudtrail-overlap-"));
    try {
      await Promise.all(clients.map((c) => c.connect()));
      // Six files of 150 records, each sharing 50 with the next (as a re-delivered window
      // would), and a byte-identical copy of the first under another name.
      const folder = path.join(overlapDir, "AWSLogs", ACCOUNT, "CloudTrail", "eu-west-1", "2026", "10", "31");
      await mkdir(folder, { recursive: true });
      const first = gz({ Records: records.slice(0, 150) });
      for (let i = 0; i < 6; i++) await writeFile(path.join(folder, `${ACCOUNT}_CloudTrail_eu-west-1_20261031T0${i}00Z_f${i}.json.gz`), gz({ Records: records.slice(i * 100, i * 100 + 150) }));
      await writeFile(path.join(folder, `${ACCOUNT}_CloudTrail_eu-west-1_20261031T0900Z_copy.json.gz`), first);

      const summary = await importLogFiles(clients, overlapDir, { batchSize: 40 });
      const distinct = new Set(records.slice(0, 650).map((r) => (r as { eventID: string }).eventID)).size;
      expect(summary).toMatchObject({ files: 7, imported: 6, alreadyImported: 1, stored: distinct, failed: [] });
      const count = await clients[0]!.query<{ n: number }>("SELECT count(*)::int AS n FROM cloudtrail_event");
      expect(count.rows[0]?.n).toBe(distinct);
    } finally {
      await Promise.all(clients.map((c) => c.end().catch(() => undefined)));
      await other.drop();
      await rm(overlapDir, { recursive: true, force: true });
    }
  });
});

describe("importing on worker threads", () => {
  it("imports the same as one thread does, each record's text as the file holds it, and reports each file", async () => {
    const other = await createTestDatabase();
    const lines: string[] = [];
    try {
      const summary = await importLogFilesInParallel(other.url, dir, { threads: 2, connectionsPerThread: 2, log: (line) => lines.push(line) });
      expect(summary).toMatchObject({ files: 12, imported: 10, alreadyImported: 0, records: 901, stored: 900, invalid: 1 });
      expect(summary.failed.map((f) => path.basename(f.path)).sort()).toEqual([`${ACCOUNT}_CloudTrail_ap-south-1_20261101T0000Z_broken.json.gz`, `${ACCOUNT}_CloudTrail_ap-south-1_20261101T0000Z_other.json.gz`]);
      expect(lines.filter((line) => / new$/.test(line))).toHaveLength(10);
      const sample = records[500] as { eventID: string };
      const row = await other.db.$queryRaw<{ n: number; text: string }[]>`
        SELECT (SELECT count(*)::int FROM cloudtrail_event) AS n, record::text AS text FROM cloudtrail_event WHERE event_id = ${sample.eventID}`;
      expect(row[0]).toEqual({ n: 900, text: JSON.stringify(sample) });
    } finally {
      await other.drop();
    }
  });

  it("stops with the error when the database cannot be reached", async () => {
    await expect(importLogFilesInParallel("postgres://postgres@127.0.0.1:1/nowhere", dir, { threads: 2, connectionsPerThread: 1 })).rejects.toThrow(/ECONNREFUSED|connect/);
  });
});
