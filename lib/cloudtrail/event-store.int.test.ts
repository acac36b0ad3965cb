import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "@/lib/test/database";
import { storeEvents } from "./event-store";
import { normalizeRecord, type NormalizedEvent } from "./normalize-event";
import { filterTermQuery } from "./search-vector";

// The COPY path: awkward values survive it, repeats are dropped whether a batch is all new or
// not, months get their partitions, and it works inside or outside the caller's transaction.

let test: TestDatabase;
let client: pg.Client;

beforeAll(async () => {
  test = await createTestDatabase();
  client = new pg.Client({ connectionString: test.url });
  await client.connect();
});
afterAll(async () => {
  await client?.end();
  await test?.drop();
});

function event(id: string, time: string, extra: Record<string, unknown> = {}): NormalizedEvent {
  const result = normalizeRecord({ eventID: id, eventTime: time, eventSource: "s3.amazonaws.com", eventName: "PutObject", awsRegion: "eu-west-1", recipientAccountId: "111122223333", ...extra }, { origin: "s3" });
  if (!result.ok) throw new Error(result.reason);
  return result.event;
}

describe("storeEvents", () => {
  it("keeps tabs, newlines, backslashes, quotes and unicode intact, in the resource filter's terms too", async () => {
    const awkward = 'a\tb\nc\\d"e\u00e9\u{1F600}';
    const stored = await storeEvents(client, [
      event("e-awkward", "2026-11-01T00:00:00Z", { userAgent: awkward, resources: [{ type: "AWS::S3::Object", ARN: `arn:aws:s3:::bucket/${awkward}` }], requestParameters: { key: awkward } }),
    ]);
    expect(stored).toBe(1);
    const row = (await client.query("SELECT user_agent, resources, record::json AS record, search_vector @@ $1::tsquery AS by_resource FROM cloudtrail_event WHERE event_id = 'e-awkward'", [filterTermQuery("resource", awkward)])).rows[0];
    expect(row.user_agent).toBe(awkward);
    expect(row.resources).toEqual([{ type: "AWS::S3::Object", name: awkward, arn: `arn:aws:s3:::bucket/${awkward}` }]);
    expect(row.record.requestParameters.key).toBe(awkward);
    expect(row.by_resource).toBe(true);
  });

  it("stores every column as the event has it (binary COPY), records larger than a message included", async () => {
    const big = "policy ".repeat(60_000); // ~420 KB: one row spans several CopyData messages
    const e = event("e-columns", "2026-11-02T03:04:05.678Z", {
      eventType: "AwsApiCall", userIdentity: { type: "IAMUser", arn: "arn:aws:iam::111122223333:user/zoë", userName: "zoë", accessKeyId: "AKIAZOE" },
      sourceIPAddress: "203.0.113.9", readOnly: false, errorCode: "AccessDenied", requestID: "5b4e3c1a-1111-4222-8333-944455566677",
      resources: [{ type: "AWS::S3::Bucket", ARN: "arn:aws:s3:::assets" }], requestParameters: { document: big },
    });
    expect(await storeEvents(client, [e, event("e-nulls", "2026-11-01T00:00:00.001Z")])).toBe(2);
    const rows = (await client.query(`SELECT event_id, event_time, account_id, region, event_source, event_name, event_type, actor, actor_arn, principal_type,
      access_key_id, source_ip, user_agent, read_only, error_code, error_message, aws_request_id, flightdeck_request_id, resources,
      record::text = $1 AS record_intact, origin, identifiers, search_vector @@ 'zoë & accessdenied & ''#77'' & ''%66'''::tsquery AS found
      FROM cloudtrail_event WHERE event_id IN ('e-columns', 'e-nulls') ORDER BY event_time DESC`, [JSON.stringify(e.record)])).rows;
    expect(rows[0]).toEqual({
      event_id: "e-columns", event_time: new Date("2026-11-02T03:04:05.678Z"), account_id: "111122223333", region: "eu-west-1", event_source: "s3.amazonaws.com",
      event_name: "PutObject", event_type: "AwsApiCall", actor: "zoë", actor_arn: "arn:aws:iam::111122223333:user/zoë", principal_type: "IAMUser",
      access_key_id: "AKIAZOE", source_ip: "203.0.113.9", user_agent: null, read_only: false, error_code: "AccessDenied", error_message: null,
      aws_request_id: "5b4e3c1a-1111-4222-8333-944455566677", flightdeck_request_id: null, resources: [{ type: "AWS::S3::Bucket", name: "assets", arn: "arn:aws:s3:::assets" }],
      record_intact: true, origin: "s3", identifiers: " 5b4e3c1a111142228333944455566677 ", found: true,
    });
    expect(rows[1]).toMatchObject({ event_id: "e-nulls", event_time: new Date("2026-11-01T00:00:00.001Z"), read_only: null, resources: [], identifiers: "", found: false });
  });

  it("stores a record's JSON text as it came, when it has it", async () => {
    const json = '{ "eventID": "e-as-it-came",\n  "eventTime": "2026-11-03T00:00:00Z", "eventSource": "s3.amazonaws.com", "eventName": "GetObject",\n  "awsRegion": "eu-west-1", "recipientAccountId": "111122223333", "note": "caf\u00e9" }';
    const result = normalizeRecord(JSON.parse(json), { origin: "s3", json: Buffer.from(json) });
    if (!result.ok) throw new Error(result.reason);
    expect(await storeEvents(client, [result.event])).toBe(1);
    const row = (await client.query("SELECT record::text AS text FROM cloudtrail_event WHERE event_id = 'e-as-it-came'")).rows[0];
    expect(row.text).toBe(json);
  });

  it("stores repeats once, whether the batch is all new or partly known", async () => {
    const a = event("e-a", "2026-09-15T10:00:00Z");
    const b = event("e-b", "2026-10-15T10:00:00Z");
    const c = event("e-c", "2026-12-15T10:00:00Z");
    expect(await storeEvents(client, [a, b])).toBe(2);
    expect(await storeEvents(client, [a, b, c, c])).toBe(1);
    expect(await storeEvents(client, [a, b, c])).toBe(0);
    const partitions = await client.query("SELECT c.relname FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid WHERE i.inhparent = 'cloudtrail_event'::regclass ORDER BY 1");
    expect(partitions.rows.map((r) => r.relname)).toEqual(["cloudtrail_event_p202609", "cloudtrail_event_p202610", "cloudtrail_event_p202611", "cloudtrail_event_p202612"]);
  });

  it("joins the caller's transaction: a rollback takes the events with it", async () => {
    await client.query("BEGIN");
    expect(await storeEvents(client, [event("e-rolled-back", "2027-01-02T00:00:00Z")])).toBe(1);
    await client.query("ROLLBACK");
    expect((await client.query("SELECT count(*)::int AS n FROM cloudtrail_event WHERE event_id = 'e-rolled-back'")).rows[0].n).toBe(0);
    // The partition went with the rollback; the next batch for that month creates it again.
    expect(await storeEvents(client, [event("e-after", "2027-01-03T00:00:00Z")])).toBe(1);
  });

  it("keeps the facets the filter form offers", async () => {
    const facets = await client.query("SELECT field, value FROM cloudtrail_facet WHERE field IN ('source', 'region') ORDER BY 1, 2");
    expect(facets.rows).toEqual([{ field: "region", value: "eu-west-1" }, { field: "source", value: "s3.amazonaws.com" }]);
  });
});
