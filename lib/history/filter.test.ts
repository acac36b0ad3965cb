import { describe, expect, it } from "vitest";
import { isAppError } from "@/lib/errors";
import { compareTimeline, decodeCursor, encodeCursor } from "./cursor";
import { csvCell, csvLine } from "./csv";
import { filterToParams, kindsFor, parseHistoryFilter, resolveRange } from "./filter";
import { policyReferences } from "./route53-links";

describe("parseHistoryFilter", () => {
  it("reads every field and drops empty ones", () => {
    const filter = parseHistoryFilter(new URLSearchParams("from=2026-11-01T00:00:00Z&to=2026-11-02&account=111122223333&region=&name=RunInstances&readOnly=false&errors=1&q=%20alice%20&kind=cloudtrail"));
    expect(filter).toEqual({
      from: new Date("2026-11-01T00:00:00Z"),
      to: new Date("2026-11-02T00:00:00Z"),
      account: "111122223333",
      name: "RunInstances",
      readOnly: false,
      errors: true,
      q: "alice",
      kind: "cloudtrail",
    });
  });

  it("takes times without a zone as UTC", () => {
    expect(parseHistoryFilter({ from: "2026-11-01T08:30" }).from).toEqual(new Date("2026-11-01T08:30:00Z"));
  });

  const bad: [Record<string, string>, string][] = [
    [{ from: "yesterday" }, "from"],
    [{ readOnly: "maybe" }, "readOnly"],
    [{ range: "5y" }, "range"],
    [{ kind: "s3" }, "kind"],
    [{ from: "2026-11-02T00:00:00Z", to: "2026-11-01T00:00:00Z" }, "to"],
    [{ q: "x".repeat(501) }, "q"],
  ];
  for (const [params, field] of bad) {
    it(`refuses ${JSON.stringify(params).slice(0, 60)} with a 422 naming ${field}`, () => {
      try {
        parseHistoryFilter(params);
        expect.unreachable();
      } catch (error) {
        expect(isAppError(error) && error.status).toBe(422);
        expect(isAppError(error) && Object.keys(error.fieldErrors ?? {})).toEqual([field]);
      }
    });
  }

  it("round-trips through URL parameters", () => {
    const filter = parseHistoryFilter({ range: "7d", actor: "alice", resource: "arn:aws:s3:::bucket", errors: "true" });
    expect(parseHistoryFilter(filterToParams(filter))).toEqual(filter);
    expect(filterToParams(filter, { cursor: "abc", actor: undefined }).toString()).toBe("range=7d&resource=arn%3Aaws%3As3%3A%3A%3Abucket&errors=true&cursor=abc");
  });

  it("turns a preset into a start time unless one is given", () => {
    const now = new Date("2026-11-21T12:00:00Z");
    expect(resolveRange(parseHistoryFilter({ range: "24h" }), now).from).toEqual(new Date("2026-11-20T12:00:00Z"));
    expect(resolveRange(parseHistoryFilter({ range: "24h", from: "2026-01-01" }), now).from).toEqual(new Date("2026-01-01T00:00:00Z"));
  });
});

describe("kindsFor", () => {
  const cases: [Record<string, string>, { cloudtrail: boolean; audit: boolean }][] = [
    [{}, { cloudtrail: true, audit: true }],
    [{ source: "flightdeck" }, { cloudtrail: false, audit: true }],
    [{ source: "ec2.amazonaws.com" }, { cloudtrail: true, audit: false }],
    [{ region: "us-east-1" }, { cloudtrail: true, audit: false }],
    [{ account: "111122223333" }, { cloudtrail: true, audit: false }],
    [{ errors: "true" }, { cloudtrail: true, audit: false }],
    [{ readOnly: "true" }, { cloudtrail: true, audit: false }],
    [{ readOnly: "false" }, { cloudtrail: true, audit: true }],
    [{ kind: "audit" }, { cloudtrail: false, audit: true }],
  ];
  for (const [params, kinds] of cases) it(JSON.stringify(params), () => expect(kindsFor(parseHistoryFilter(params))).toEqual(kinds));
});

describe("cursors", () => {
  it("round-trip and refuse anything else", () => {
    const cursor = { at: new Date("2026-11-21T08:15:02.123Z"), kind: "audit" as const, id: "42" };
    expect(decodeCursor(encodeCursor(cursor))).toEqual(cursor);
    for (const bad of ["", "nope", Buffer.from("[1,\"a\",\"x\"]").toString("base64url"), Buffer.from("{}").toString("base64url")]) expect(() => decodeCursor(bad)).toThrow(/cursor/);
  });

  it("order CloudTrail before audit at the same instant, then ids descending", () => {
    const at = new Date(0);
    const items = [
      { at, kind: "audit" as const, id: "9" },
      { at, kind: "audit" as const, id: "10" },
      { at, kind: "cloudtrail" as const, id: "a" },
      { at: new Date(1), kind: "audit" as const, id: "1" },
      { at, kind: "cloudtrail" as const, id: "b" },
    ];
    expect(items.sort(compareTimeline).map((i) => `${i.kind}:${i.id}`)).toEqual(["audit:1", "cloudtrail:b", "cloudtrail:a", "audit:10", "audit:9"]);
  });
});

describe("CSV", () => {
  const cases: [string | number | boolean | null, string][] = [
    ["plain", "plain"],
    [null, ""],
    [true, "true"],
    [-3, "-3"],
    ['say "hi", ok', '"say ""hi"", ok"'],
    ["two\nlines", '"two\nlines"'],
    ["=HYPERLINK(\"http://evil\")", '"\'=HYPERLINK(""http://evil"")"'],
    ["+1-555", "'+1-555"],
    ["-2+3", "'-2+3"],
    ["@SUM(A1)", "'@SUM(A1)"],
    ["\t=cmd", "'\t=cmd"],
    ["\r=cmd", '"\'\r=cmd"'],
    ["a=b", "a=b"],
  ];
  for (const [value, cell] of cases) it(JSON.stringify(value), () => expect(csvCell(value)).toBe(cell));
  it("ends lines with CRLF", () => expect(csvLine(["a", "b,c"])).toBe('a,"b,c"\r\n'));
});

describe("policyReferences", () => {
  it("reads CreateTrafficPolicyVersion's new version from the response", () => {
    const record = {
      eventSource: "route53.amazonaws.com",
      eventName: "CreateTrafficPolicyVersion",
      requestParameters: { id: "tp-1", document: "{}" },
      responseElements: { trafficPolicy: { id: "tp-1", version: 7, name: "flights", type: "A" } },
    };
    expect(policyReferences(record)).toEqual([{ policyId: "tp-1", version: 7, instanceId: null }]);
  });

  it("reads UpdateTrafficPolicyInstance's target version and instance", () => {
    const record = {
      eventSource: "route53.amazonaws.com",
      eventName: "UpdateTrafficPolicyInstance",
      requestParameters: { id: "tpi-9", tTL: 60, trafficPolicyId: "tp-1", trafficPolicyVersion: 6 },
      responseElements: { trafficPolicyInstance: { id: "tpi-9", state: "Updating", trafficPolicyId: "tp-1", trafficPolicyVersion: 6 } },
    };
    expect(policyReferences(record)).toEqual([{ policyId: "tp-1", version: 6, instanceId: "tpi-9" }]);
  });

  it("ignores other services and calls without policies", () => {
    expect(policyReferences({ eventSource: "ec2.amazonaws.com", requestParameters: { trafficPolicyId: "x" } })).toEqual([]);
    expect(policyReferences({ eventSource: "route53.amazonaws.com", eventName: "ChangeResourceRecordSets", requestParameters: { hostedZoneId: "Z1" } })).toEqual([]);
  });
});
