import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "@/lib/test/database";
import { parseHistoryFilter, type HistoryFilter } from "./filter";
import { searchTimeline } from "./search-timeline";
import { expectedTimeline, normalizedSynthetic, seedHistory, type Seeded, type SeededAudit } from "./test-data";

// Every filter alone and in combination, against PostgreSQL, checked against an
// independent in-memory reading of the same filter; every page walked by cursor.

const FROM = Date.UTC(2026, 9, 25); // spans the October/November partitions
const TO = Date.UTC(2026, 10, 5);

let test: TestDatabase;
let seeded: Seeded;

beforeAll(async () => {
  test = await createTestDatabase();
  const events = normalizedSynthetic({ seed: 7, count: 1500, from: FROM, to: TO, accounts: ["111122223333", "444455556666"], regions: ["us-east-1", "ap-southeast-1", "ap-south-1"] });
  // Audit entries share instants with CloudTrail events, so ties across the two streams are exercised.
  const audits: SeededAudit[] = Array.from({ length: 60 }, (_, i) => ({
    seq: i + 1,
    at: i % 3 === 0 ? (events[i * 7]?.eventTime as Date) : new Date(FROM + i * 4 * 3600_000 + 123),
    actor: i % 2 ? "user:operator@flightdeck.demo" : "token:ci",
    action: ["traffic.publish", "traffic.rollback", "inventory.services.update"][i % 3] as string,
    target: i % 3 === 2 ? "service:checkout" : "service:metasearch-flights",
    requestId: `00000000-0000-4000-8000-${String(i).padStart(12, "0")}`,
    after: { version: i, note: i === 5 ? "moved flights to latency routing" : "routine" },
  }));
  seeded = await seedHistory(test.url, events, audits);
});
afterAll(() => test?.drop());

async function walk(filter: HistoryFilter, limit: number): Promise<string[]> {
  const out: string[] = [];
  let cursor: string | undefined;
  for (let pages = 0; pages < 500; pages++) {
    const page = await searchTimeline(test.db, filter, { cursor, limit });
    out.push(...page.items.map((i) => `${i.kind}:${i.id}`));
    if (!page.nextCursor) return out;
    cursor = page.nextCursor;
  }
  throw new Error("too many pages");
}

const some = <T>(pick: (s: Seeded) => T) => () => pick(seeded);

// Values are taken from the seeded data at run time so every filter matches something.
const filters: [string, () => Record<string, string>][] = [
  ["nothing", () => ({})],
  ["time range", () => ({ from: "2026-10-30T00:00:00Z", to: "2026-11-02T12:00:00Z" })],
  ["account", () => ({ account: "444455556666" })],
  ["region", () => ({ region: "ap-south-1" })],
  ["event source", () => ({ source: "kms.amazonaws.com" })],
  ["flightdeck as the source", () => ({ source: "flightdeck" })],
  ["event name", () => ({ name: "RunInstances" })],
  ["audit action as the name", () => ({ name: "traffic.publish" })],
  ["actor", () => ({ actor: "alice" })],
  ["actor by ARN", some((s) => ({ actor: s.events.find((e) => e.principalType === "AssumedRole")?.actorArn as string }))],
  ["audit actor", () => ({ actor: "user:operator@flightdeck.demo" })],
  ["resource by short name", some((s) => ({ resource: s.events.find((e) => e.resources.length)?.resources[0]?.name as string }))],
  ["resource by ARN", some((s) => ({ resource: s.events.find((e) => e.resources.length)?.resources[0]?.arn as string }))],
  ["audit target name", () => ({ resource: "checkout" })],
  ["resource type", () => ({ resourceType: "AWS::EC2::Instance" })],
  ["audit target kind", () => ({ resourceType: "service" })],
  ["read-only", () => ({ readOnly: "true" })],
  ["writes only", () => ({ readOnly: "false" })],
  ["errors only", () => ({ errors: "true" })],
  ["CloudTrail only", () => ({ kind: "cloudtrail" })],
  ["audit only", () => ({ kind: "audit" })],
  ["actor + name + region", () => ({ actor: "flightdeck-worker", name: "DescribeInstances", region: "ap-southeast-1" })],
  ["account + source + writes + time", () => ({ account: "111122223333", source: "ec2.amazonaws.com", readOnly: "false", from: "2026-10-28T00:00:00Z" })],
  ["errors + region + account", () => ({ errors: "true", region: "us-east-1", account: "111122223333" })],
  ["resource type + actor + to", () => ({ resourceType: "AWS::Route53::HostedZone", actor: "github-actions-deploy", to: "2026-11-03T00:00:00Z" })],
  ["name that matches nothing", () => ({ name: "NoSuchEvent" })],
  ["audit action + actor + time", () => ({ name: "traffic.rollback", actor: "token:ci", from: "2026-10-27T00:00:00Z" })],
];

describe("every filter, alone and combined, walked page by page", () => {
  for (const [name, params] of filters) {
    it(name, async () => {
      const filter = parseHistoryFilter(params());
      const expected = expectedTimeline(seeded, filter);
      if (name !== "name that matches nothing") expect(expected.length).toBeGreaterThan(0);
      expect(await walk(filter, 97)).toEqual(expected);
    });
  }

  it("pages of one item and of the maximum give the same sequence", async () => {
    const filter = parseHistoryFilter({ region: "ap-south-1", from: "2026-11-01T00:00:00Z", to: "2026-11-01T06:00:00Z" });
    const expected = expectedTimeline(seeded, filter);
    expect(await walk(filter, 1)).toEqual(expected);
    expect(await walk(filter, 1000)).toEqual(expected);
  });
});

describe("full-text search over the whole record", () => {
  const ids = async (q: string, extra: Record<string, string> = {}) => (await walk(parseHistoryFilter({ q, ...extra }), 500)).sort();

  it("finds an event by a value deep in its record (an ARN's last part)", async () => {
    const target = seeded.events.find((e) => e.resources[0]?.arn?.includes("instance/"));
    const instanceId = target?.resources[0]?.name as string;
    const found = await ids(instanceId);
    expect(found).toContain(`cloudtrail:${target?.eventId}`);
    expect(found.every((id) => id.startsWith("cloudtrail:"))).toBe(true);
  });

  it("finds an event by its id or its request id, hyphens and all", async () => {
    const target = seeded.events[42];
    expect(await ids(target?.eventId as string)).toEqual([`cloudtrail:${target?.eventId}`]);
    expect(await ids(target?.awsRequestId as string)).toContain(`cloudtrail:${target?.eventId}`);
  });

  it("combines words, phrases and exclusions, and with the other filters", async () => {
    const accessDenied = seeded.events.filter((e) => e.errorCode === "AccessDenied");
    expect(await ids("AccessDenied")).toEqual(accessDenied.map((e) => `cloudtrail:${e.eventId}`).sort());
    const inRegion = accessDenied.filter((e) => e.region === "ap-south-1");
    expect(await ids("AccessDenied", { region: "ap-south-1" })).toEqual(inRegion.map((e) => `cloudtrail:${e.eventId}`).sort());
    const phrase = await ids('"not authorized to perform" -AccessDenied');
    expect(phrase.length).toBeGreaterThan(0);
    expect(phrase.some((id) => accessDenied.some((e) => `cloudtrail:${e.eventId}` === id))).toBe(false);
  });

  it("searches audit entries' before/after too", async () => {
    expect(await ids("latency routing")).toEqual(["audit:6"]);
    expect(await ids("metasearch-flights", { kind: "audit" })).toHaveLength(40);
  });
});
