import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { storeEvents } from "@/lib/cloudtrail/event-store";
import type { NormalizedEvent } from "@/lib/cloudtrail/normalize-event";
import { recountDirtyHours, rollupTask, withRecountsPaused } from "@/lib/cloudtrail/rollup";
import { createTestDatabase, type TestDatabase } from "@/lib/test/database";
import type { HistoryFilter } from "./filter";
import { loadIngestStatus } from "./ingest-status";
import { queryCharts, type HistoryCharts } from "./query-charts";
import { expectedTimeline, normalizedSynthetic } from "./test-data";

// The charts read whole days and hours from the daily and hourly counts once the worker has
// recounted them, and from the events before that: both must give exactly what counting the
// events gives.

const HOUR = 3600_000;
const DAY = 24 * HOUR;
const FROM = Date.UTC(2026, 9, 1);
const TO = Date.UTC(2026, 9, 9);

let test: TestDatabase;
let client: pg.Client;
let events: NormalizedEvent[];

beforeAll(async () => {
  test = await createTestDatabase();
  client = new pg.Client({ connectionString: test.url });
  await client.connect();
  events = normalizedSynthetic({ seed: 21, count: 3000, from: FROM, to: TO });
  await storeEvents(client, events);
});
afterAll(async () => {
  await client?.end();
  await test?.drop();
});

const dirtyHours = async () => (await client.query<{ n: number }>("SELECT count(DISTINCT hour)::int AS n FROM cloudtrail_rollup_dirty")).rows[0]?.n;

// Ranges that cut hours at both ends, so partial hours, whole hours and days all count.
const range = { from: new Date(FROM + 90 * 60_000 + 17_000), to: new Date(TO - 3 * HOUR - 5) };
const filters: HistoryFilter[] = [
  range,
  { ...range, region: "us-east-1", errors: true },
  { ...range, actor: "carol@example.com" },
  { ...range, readOnly: false, source: "ec2.amazonaws.com" },
  { ...range, name: "DescribeInstances", account: "444455556666" },
  { from: new Date(FROM + DAY + 30 * 60_000), to: new Date(FROM + 3 * DAY - 1), region: "eu-west-1" }, // hourly buckets
];

/** The charts counted here, from the events in memory. */
function expectedCharts(filter: HistoryFilter, bucketMs = DAY): { total: number; buckets: Map<string, number>; actors: Map<string, number>; names: Map<string, number> } {
  const byId = new Map(events.map((e) => [e.eventId, e]));
  const matching = expectedTimeline({ events, audits: [] }, filter).map((key) => byId.get(key.slice("cloudtrail:".length)) as NormalizedEvent);
  const count = (map: Map<string, number>, key: string) => map.set(key, (map.get(key) ?? 0) + 1);
  const buckets = new Map<string, number>();
  const actors = new Map<string, number>();
  const names = new Map<string, number>();
  for (const e of matching) {
    count(buckets, new Date(Math.floor(e.eventTime.getTime() / bucketMs) * bucketMs).toISOString());
    count(actors, e.actor ?? "(none)");
    count(names, e.eventName);
  }
  return { total: matching.length, buckets, actors, names };
}

function expectMatches(charts: HistoryCharts, filter: HistoryFilter): void {
  if (!charts.ok) throw new Error(charts.reason);
  const hourly = (filter.to as Date).getTime() - (filter.from as Date).getTime() <= 2 * DAY;
  const expected = expectedCharts(filter, hourly ? HOUR : DAY);
  expect(charts.bucket).toBe(hourly ? "hour" : "day");
  expect(charts.total).toBe(expected.total);
  expect(charts.overTime.filter((p) => p.cloudtrail).map((p) => [p.at, p.cloudtrail])).toEqual([...expected.buckets].sort());
  for (const { value, count } of charts.topActors) expect([value, count]).toEqual([value, expected.actors.get(value)]);
  for (const { value, count } of charts.topNames) expect([value, count]).toEqual([value, expected.names.get(value)]);
}

describe("charts from hourly counts", () => {
  it("count every hour from the events until the recount, then from the counts, with the same result", async () => {
    const hours = new Set(events.map((e) => Math.floor(e.eventTime.getTime() / HOUR))).size;
    expect(await dirtyHours()).toBe(hours);
    const before: HistoryCharts[] = [];
    for (const filter of filters) {
      const charts = await queryCharts(test.db, filter, new Date(TO));
      expectMatches(charts, filter);
      before.push(charts);
    }
    expect(expectedCharts(filters[1] as HistoryFilter).total).toBeGreaterThan(0);

    expect(await recountDirtyHours(client)).toBe(hours);
    expect(await dirtyHours()).toBe(0);
    const { rows } = await client.query<{ events: number; hours: number }>("SELECT sum(events)::int AS events, count(DISTINCT hour)::int AS hours FROM cloudtrail_rollup_hour");
    expect(rows[0]).toEqual({ events: events.length, hours });
    const { rows: days } = await client.query<{ events: number; days: number }>("SELECT sum(events)::int AS events, count(DISTINCT day)::int AS days FROM cloudtrail_rollup_day");
    expect(days[0]).toEqual({ events: events.length, days: 8 });
    for (const [i, filter] of filters.entries()) expect(await queryCharts(test.db, filter, new Date(TO))).toEqual(before[i]);
    expect(await recountDirtyHours(client)).toBe(0);
  });

  it("count an hour written after its recount from its events until it is recounted again", async () => {
    const hour = FROM + 3 * DAY + 5 * HOUR;
    const late = normalizedSynthetic({ seed: 22, count: 7, from: hour + 60_000, to: hour + 50 * 60_000 }).map((e) => ({ ...e, actor: "late-actor" }));
    await storeEvents(client, late);
    expect(await dirtyHours()).toBe(1);
    expect((await loadIngestStatus(test.db, new Date(), 60_000)).hoursToRecount).toBe(1); // what admins see
    events = [...events, ...late];
    const filter = { ...range, actor: "late-actor" };
    const charts = await queryCharts(test.db, filter, new Date(TO));
    expectMatches(charts, filter);
    expect(charts.ok && charts.total).toBe(7);
    expect(await queryCharts(test.db, range, new Date(TO))).toMatchObject({ total: expectedCharts(range).total });

    expect(await recountDirtyHours(client)).toBe(1);
    expect(await queryCharts(test.db, filter, new Date(TO))).toEqual(charts);
  });

  it("mark nothing for a batch that holds only stored events", async () => {
    expect(await storeEvents(client, events.slice(0, 50))).toBe(0);
    expect(await dirtyHours()).toBe(0);
  });

  it("wait while a bulk import runs, and are recounted after it", async () => {
    const hour = FROM + 5 * DAY + 9 * HOUR;
    const more = normalizedSynthetic({ seed: 24, count: 10, from: hour, to: hour + 20 * 60_000 });
    let during: number | null = null;
    await withRecountsPaused(test.url, async () => {
      await storeEvents(client, more);
      during = await recountDirtyHours(client);
    });
    events = [...events, ...more];
    expect(during).toBe(0);
    expect(await dirtyHours()).toBe(1);
    expect(await recountDirtyHours(client)).toBe(1);
    expect(await queryCharts(test.db, range, new Date(TO))).toMatchObject({ total: expectedCharts(range).total });
  });

  it("are recounted by the worker task soon after ingest writes", async () => {
    const controller = new AbortController();
    const lines: string[] = [];
    const running = rollupTask(50).run({ db: test.db, databaseUrl: test.url, signal: controller.signal, log: (line) => lines.push(line) });
    try {
      const hour = FROM + 6 * DAY + 2 * HOUR;
      await storeEvents(client, normalizedSynthetic({ seed: 23, count: 20, from: hour, to: hour + 30 * 60_000 }));
      const deadline = Date.now() + 10_000;
      while ((await dirtyHours()) && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
      expect(await dirtyHours()).toBe(0);
      const { rows } = await client.query<{ n: number }>("SELECT sum(events)::int AS n FROM cloudtrail_rollup_hour WHERE hour = $1", [new Date(hour)]);
      expect(rows[0]?.n).toBe(20 + events.filter((e) => Math.floor(e.eventTime.getTime() / HOUR) * HOUR === hour).length);
      expect(lines.some((line) => /^recounted 1 hour\(s\) of events for the charts/.test(line))).toBe(true);
    } finally {
      controller.abort();
      await running;
    }
  });
});
