import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { gzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { syntheticRecords } from "@/lib/cloudtrail/synthetic-records";
import { createTestDatabase, type TestDatabase } from "@/lib/test/database";
import { runScript } from "@/lib/test/run-script";

// `npm run history:import` as a person runs it: a summary per directory, the hours it wrote
// recounted for the charts before it exits, a broken file named with exit code 1, and a
// second run that skips what the first imported.

const ACCOUNT = "111122223333";
let test: TestDatabase;
let dir: string;
let hours: number;

const importLogs = (args: string[]) => runScript("scripts/import-cloudtrail.ts", args, test.url);

beforeAll(async () => {
  test = await createTestDatabase();
  dir = await mkdtemp(path.join(os.tmpdir(), "fd-import-cli-"));
  const folder = path.join(dir, "AWSLogs", ACCOUNT, "CloudTrail", "eu-west-1", "2026", "10", "30");
  await mkdir(folder, { recursive: true });
  // Three files over 30 hours, and one that is not gzip.
  const records = [...syntheticRecords({ seed: 5, count: 600, from: Date.UTC(2026, 9, 30), to: Date.UTC(2026, 9, 31, 6), accounts: [ACCOUNT], regions: ["eu-west-1"] })];
  hours = new Set(records.map((r) => String(r.eventTime).slice(0, 13))).size;
  for (let i = 0; i < 3; i++) {
    await writeFile(path.join(folder, `${ACCOUNT}_CloudTrail_eu-west-1_20261030T0000Z_part${i}.json.gz`), gzipSync(JSON.stringify({ Records: records.slice(i * 200, i * 200 + 200) })));
  }
  await writeFile(path.join(folder, `${ACCOUNT}_CloudTrail_eu-west-1_20261030T0000Z_broken.json.gz`), "not gzip");
});
afterAll(async () => {
  await test?.drop();
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe("npm run history:import", () => {
  it("imports, names the broken file, recounts the hours for the charts, and skips it all the second time", async () => {
    const first = await importLogs([dir]);
    expect(first.code).toBe(1); // the broken file
    expect(first.stdout).toContain(`${dir}: 3 file(s) imported, 0 already imported, 1 failed; 600 record(s), 600 new, 0 refused`);
    expect(first.stdout).toMatch(/failed: .*broken\.json\.gz/);
    expect(first.stdout).toMatch(new RegExp(`^charts: recounted ${hours} hour\\(s\\) of events in \\d+\\.\\d s$`, "m"));
    const [counts] = await test.db.$queryRawUnsafe<{ events: number; dirty: number }[]>(
      "SELECT (SELECT sum(events) FROM cloudtrail_rollup_hour)::int AS events, (SELECT count(*) FROM cloudtrail_rollup_dirty)::int AS dirty",
    );
    expect(counts).toEqual({ events: 600, dirty: 0 });

    const second = await importLogs([dir]);
    expect(second.stdout).toContain(`${dir}: 0 file(s) imported, 3 already imported, 1 failed; 0 record(s), 0 new, 0 refused`);
    expect(second.stdout).not.toContain("charts:");
    expect(second.stderr).not.toMatch(/\n\s+at /);
  });

  it("refuses a path that is not a directory with the usage's exit code", async () => {
    const result = await importLogs([path.join(dir, "missing")]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("not a directory:");
  });
});
