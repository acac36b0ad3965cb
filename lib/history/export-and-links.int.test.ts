import { randomUUID } from "node:crypto";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { storeEvents } from "@/lib/cloudtrail/event-store";
import { normalizeRecord, type NormalizedEvent } from "@/lib/cloudtrail/normalize-event";
import { createTestDatabase, type TestDatabase } from "@/lib/test/database";
import { csvColumns, exportRows, exportStream } from "./export-changes";
import { parseHistoryFilter } from "./filter";
import { getAuditEntry, getCloudTrailEvent } from "./get-change";
import { queryCharts } from "./query-charts";
import { expectedTimeline, insertAuditRows, normalizedSynthetic, seedHistory, type Seeded } from "./test-data";

const FROM = Date.UTC(2026, 10, 10);
const TO = Date.UTC(2026, 10, 12);

let test: TestDatabase;
let seeded: Seeded;

async function withClient<T>(work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: test.url });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

beforeAll(async () => {
  test = await createTestDatabase();
  const events = normalizedSynthetic({ seed: 11, count: 2500, from: FROM, to: TO });
  // One hostile value to prove the CSV export defuses formulas.
  (events[0] as NormalizedEvent).userAgent = '=HYPERLINK("http://evil.example","click")';
  seeded = await seedHistory(test.url, events, [
    { seq: 1, at: new Date(FROM + 3600_000), actor: "user:operator@flightdeck.demo", action: "inventory.services.update", target: "service:checkout", requestId: randomUUID(), after: { ttl: 30 } },
  ]);
});
afterAll(() => test?.drop());

describe("export", () => {
  it("streams every row of the filter in timeline order, page by page", async () => {
    const filter = parseHistoryFilter({ region: "us-east-1" });
    const ids: string[] = [];
    let pages = 0;
    for await (const page of exportRows(test.db, filter, 100)) {
      pages += 1;
      expect(page.length).toBeLessThanOrEqual(100);
      ids.push(...page.map((r) => `${r.kind}:${r.id}`));
    }
    expect(ids).toEqual(expectedTimeline(seeded, filter));
    expect(pages).toBeGreaterThan(5);
  });

  it("writes CSV with a header, one line per row and formulas defused", async () => {
    const text = await new Response(exportStream(test.db, parseHistoryFilter({}), "csv", { exportedAt: new Date(), exportedBy: "user:a" })).text();
    const lines = text.trimEnd().split("\r\n");
    expect(lines[0]).toBe(csvColumns.join(","));
    expect(lines).toHaveLength(1 + expectedTimeline(seeded, {}).length);
    expect(text).toContain(`"'=HYPERLINK(""http://evil.example"",""click"")"`);
    expect(text).not.toMatch(/(^|,)=HYPERLINK/m);
  });

  it("writes JSON with full records and audit before/after", async () => {
    const text = await new Response(exportStream(test.db, parseHistoryFilter({ from: new Date(FROM).toISOString(), to: new Date(FROM + 2 * 3600_000).toISOString() }), "json", { exportedAt: new Date(0), exportedBy: "user:a" })).text();
    const body = JSON.parse(text) as { exportedBy: string; items: { kind: string; record?: { eventID: string }; after?: unknown; id: string }[] };
    expect(body.exportedBy).toBe("user:a");
    expect(body.items.length).toBeGreaterThan(10);
    const event = body.items.find((i) => i.kind === "cloudtrail");
    expect(event?.record?.eventID).toBe(event?.id);
    expect(body.items.find((i) => i.kind === "audit")?.after).toEqual({ ttl: 30 });
  });
});

describe("charts", () => {
  it("count the same rows as the timeline, per hour over two days, with top actors and names", async () => {
    const filter = parseHistoryFilter({ from: new Date(FROM).toISOString(), to: new Date(TO).toISOString(), source: "kms.amazonaws.com" });
    const charts = await queryCharts(test.db, filter, new Date(TO));
    if (!charts.ok) throw new Error(charts.reason);
    const matching = seeded.events.filter((e) => e.eventSource === "kms.amazonaws.com");
    expect(charts.bucket).toBe("hour");
    expect(charts.total).toBe(matching.length);
    expect(charts.overTime.reduce((s, p) => s + p.cloudtrail + p.audit, 0)).toBe(matching.length);
    expect(charts.overTime.length).toBeGreaterThanOrEqual(48);
    expect(charts.topNames.map((n) => n.value).sort()).toEqual(["Decrypt", "GenerateDataKey"]);
    const alice = matching.filter((e) => e.actor === "flightdeck-worker").length;
    expect(charts.topActors.find((a) => a.value === "flightdeck-worker")?.count).toBe(alice);
  });
});

describe("links between Route 53 calls and audit entries", () => {
  const policyId = "tp-flights-0001";
  const operationRequest = randomUUID();
  const taggedRequest = randomUUID();
  const awsRequest = randomUUID();
  const at = new Date(Date.UTC(2026, 10, 11, 9, 0, 0));

  function route53Record(eventName: string, extra: Record<string, unknown>): NormalizedEvent {
    const result = normalizeRecord(
      { eventTime: at.toISOString(), eventSource: "route53.amazonaws.com", eventName, awsRegion: "us-east-1", eventID: randomUUID(), requestID: randomUUID(), recipientAccountId: "111122223333", readOnly: false, userIdentity: { type: "AssumedRole", arn: "arn:aws:sts::111122223333:assumed-role/FlightdeckWorker/flightdeck-worker" }, ...extra },
      { origin: "lookup" },
    );
    if (!result.ok) throw new Error(result.reason);
    return result.event;
  }

  it("follow the traffic operation, the user-agent tag and AWS request ids, both ways", async () => {
    const publish = route53Record("CreateTrafficPolicyVersion", { requestParameters: { id: policyId, document: "{}" }, responseElements: { trafficPolicy: { id: policyId, version: 3 } } });
    const tagged = route53Record("UpdateTrafficPolicyInstance", { userAgent: `aws-sdk-js/3.1169.0 flightdeck-request/${taggedRequest}`, requestParameters: { id: "tpi-1", trafficPolicyId: policyId, trafficPolicyVersion: 2 } });
    const byAws = route53Record("ChangeResourceRecordSets", { requestID: awsRequest, requestParameters: { hostedZoneId: "Z1" } });
    await withClient(async (client) => {
      await storeEvents(client, [publish, tagged, byAws]);
      await client.query(`INSERT INTO region (code, name, latitude, longitude, updated_at) VALUES ('ap-southeast-1', 'Singapore', 1, 103, now())`);
      const service = randomUUID();
      await client.query(
        `INSERT INTO service (id, slug, name, path_pattern, topology, home_region_code, record_name, hosted_zone_id, updated_at)
         VALUES ($1, 'metasearch-flights', 'Metasearch — flights', '/flights*', 'multi-region', 'ap-southeast-1', 'flights.example', 'Z1', now())`,
        [service],
      );
      await client.query(`INSERT INTO traffic_policy (service_id, policy_name, route53_policy_id, updated_at) VALUES ($1, 'flights', $2, now())`, [service, policyId]);
      const version = randomUUID();
      await client.query(`INSERT INTO traffic_version (id, service_id, version, document, reason, origin, created_by) VALUES ($1, $2, 3, '{}', 'more multi-region', 'publish', 'user:op')`, [version, service]);
      await client.query(
        `INSERT INTO traffic_operation (id, service_id, kind, version_id, reason, actor, state, step, request_id, started_at, finished_at)
         VALUES ($1, $2, 'publish', $3, 'more multi-region', 'user:op', 'applied', 'Applied', $4, $5, $6)`,
        [randomUUID(), service, version, operationRequest, new Date(at.getTime() - 2000), new Date(at.getTime() + 5000)],
      );
      await insertAuditRows(client, [
        { seq: 10, at: new Date(at.getTime() + 6000), actor: "user:op", action: "traffic.publish", target: "service:metasearch-flights", requestId: operationRequest, after: { version: 3 } },
        { seq: 11, at: new Date(at.getTime() + 1000), actor: "user:op", action: "traffic.rollback", target: "service:metasearch-flights", requestId: taggedRequest, after: { version: 2 } },
        { seq: 12, at: new Date(at.getTime() + 1000), actor: "system:x", action: "dns.change", target: "zone:Z1", requestId: randomUUID(), after: { awsRequestIds: [awsRequest.toUpperCase()] } },
      ]);
    });

    const publishDetail = await getCloudTrailEvent(test.db, publish.eventId);
    expect(publishDetail?.policies).toEqual([{ serviceSlug: "metasearch-flights", serviceName: "Metasearch — flights", policyId, version: 3, instanceId: null }]);
    expect(publishDetail?.auditEntries.map((a) => [a.seq, a.via])).toEqual([["10", "traffic operation on v3"]]);
    expect((await getCloudTrailEvent(test.db, tagged.eventId))?.auditEntries.map((a) => [a.seq, a.via])).toEqual([["11", "request id in the user agent"]]);
    expect((await getCloudTrailEvent(test.db, byAws.eventId))?.auditEntries.map((a) => [a.seq, a.via])).toEqual([["12", "AWS request id in the entry"]]);

    expect((await getAuditEntry(test.db, "10"))?.events.map((e) => [e.eventId, e.via])).toEqual([[publish.eventId, "traffic operation on v3"]]);
    expect((await getAuditEntry(test.db, "11"))?.events.map((e) => e.eventId)).toEqual([tagged.eventId]);
    expect((await getAuditEntry(test.db, "12"))?.events.map((e) => e.eventId)).toEqual([byAws.eventId]);
    expect(await getCloudTrailEvent(test.db, randomUUID())).toBeNull();
    expect(await getAuditEntry(test.db, "999")).toBeNull();
  });
});
