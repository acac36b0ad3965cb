import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { migrateDatabase } from "@/lib/db/migrate";
import { filterTermQuery } from "@/lib/cloudtrail/search-vector";
import { auditWhere, cloudTrailWhere } from "@/lib/history/timeline-sql";
import { env } from "@/lib/env";

// 005.do.history-ingest.sql to 008.do.audit-search-vector.sql on a database that already
// holds events and an audit entry stored by 003's schema: each event keeps its record, full
// text (identifiers now sketched) and the filters that moved into search_vector find it, and
// its hour awaits the charts' first count; the audit entry is found by its stored vector.

const serverUrl = env.FLIGHTDECK_TEST_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";
const name = `fd_upgrade_${process.pid}_${Date.now()}`;
let admin: pg.Client;
let client: pg.Client;

beforeAll(async () => {
  admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  await migrateDatabase(url.toString(), { toVersion: "004" });
  client = new pg.Client({ connectionString: url.toString() });
  await client.connect();
  const record = { eventID: "0a1b2c3d-aaaa-4bbb-accc-123456789012", eventName: "ChangeResourceRecordSets", userIdentity: { userName: "alice" }, errorCode: "AccessDenied" };
  await client.query("SELECT cloudtrail_event_ensure_partition('2026-10-05T00:00:00Z')");
  await client.query(
    `INSERT INTO cloudtrail_event (event_time, event_id, account_id, region, event_source, event_name, actor, resources, resource_types, resource_names, record, search_text, origin)
     VALUES ('2026-10-05T10:00:00Z', $1, '111122223333', 'eu-west-1', 'route53.amazonaws.com', 'ChangeResourceRecordSets', 'alice', '[]', '{AWS::Route53::HostedZone}', '{Z123,arn:aws:route53:::hostedzone/Z123}', $2, $3, 'lookup')`,
    [record.eventID, JSON.stringify(record), "0a1b2c3daaaa4bbbaccc123456789012 ChangeResourceRecordSets alice AccessDenied arn aws iam 111122223333 user alice"],
  );
  await client.query(
    `INSERT INTO audit_entry (seq, at, actor, actor_role, action, target, before, after, request_id, prev_hash, hash)
     VALUES (1, '2026-10-05T10:00:00Z', 'user:ops@example.com', 'operator', 'traffic.publish', 'service:checkout', NULL, '{"weight": 25}', 'req-1', $1, $2)`,
    ["0".repeat(64), "1".repeat(64)],
  );
  await migrateDatabase(url.toString());
});

afterAll(async () => {
  await client?.end();
  await admin?.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  await admin?.end();
});

const findsText = async (q: string) => {
  const where = cloudTrailWhere({ q });
  return (await client.query<{ n: number }>(`SELECT count(*)::int AS n FROM cloudtrail_event WHERE ${where.text}`, where.values)).rows[0]?.n;
};

const finds = async (tsquery: string) =>
  (await client.query<{ n: number }>("SELECT count(*)::int AS n FROM cloudtrail_event WHERE search_vector @@ $1::tsquery", [tsquery])).rows[0]?.n;

describe("migrations 005 to 008 on stored events", () => {
  it("keeps the record, as its JSON text", async () => {
    const { rows } = await client.query("SELECT record::jsonb ->> 'eventName' AS name, pg_typeof(record)::text AS type FROM cloudtrail_event");
    expect(rows).toEqual([{ name: "ChangeResourceRecordSets", type: "text" }]);
  });

  it("finds old events by full text, as the new query builder writes it", async () => {
    expect(await findsText("accessdenied alice")).toBe(1);
    expect(await findsText("0a1b2c3d-aaaa-4bbb-accc-123456789012")).toBe(1);
    expect(await findsText("0a1b2c3d-aaaa-4bbb-accc-999999999012")).toBe(0); // same sketch terms, another id
    expect(await findsText("bob")).toBe(0);
  });

  it("moves identifiers out of the vector into the identifiers column, keeping filter terms whole", async () => {
    const { rows } = await client.query("SELECT identifiers, search_vector::text AS vector FROM cloudtrail_event");
    expect(rows[0].identifiers).toBe(" 0a1b2c3daaaa4bbbaccc123456789012 ");
    expect(rows[0].vector).toContain("'#12':1");
    expect(rows[0].vector).toContain("'%90':1");
    expect(rows[0].vector).not.toContain("'0a1b2c3daaaa4bbbaccc123456789012'");
    expect(rows[0].vector).toContain("'resource:arn:aws:route53:::hostedzone/Z123'");
  });

  it("finds old events by the filters that moved into the vector", async () => {
    expect(await finds(filterTermQuery("account", "111122223333"))).toBe(1);
    expect(await finds(filterTermQuery("region", "eu-west-1"))).toBe(1);
    expect(await finds(filterTermQuery("region", "us-east-1"))).toBe(0);
    expect(await finds(filterTermQuery("source", "route53.amazonaws.com"))).toBe(1);
    expect(await finds(filterTermQuery("resource", "Z123"))).toBe(1);
    expect(await finds(filterTermQuery("type", "AWS::Route53::HostedZone"))).toBe(1);
  });

  it("marks the hours of stored events for the charts' count", async () => {
    const { rows } = await client.query<{ hour: Date }>("SELECT hour FROM cloudtrail_rollup_dirty");
    expect(rows.map((r) => r.hour.toISOString())).toEqual(["2026-10-05T10:00:00.000Z"]);
  });

  it("gives audit entries already stored their search vector", async () => {
    const findsAudit = async (q: string) => {
      const where = auditWhere({ q });
      return (await client.query<{ n: number }>(`SELECT count(*)::int AS n FROM audit_entry WHERE ${where.text}`, where.values)).rows[0]?.n;
    };
    expect(await findsAudit("checkout traffic.publish")).toBe(1);
    expect(await findsAudit("rollback")).toBe(0);
  });
});
