import { describe, expect, it } from "vitest";

import { buildDocument } from "./build-document";
import { canonicalDocumentText, serializeDocument } from "./canonical-json";
import type { JsonRecord } from "./json-read";
import { managedToTopology, parseDocument, type ManagedPolicy } from "./parse-document";
import { AWS_FACTS_EXAMPLE, FLIGHTS, HC_BOM, HC_SG, clone } from "./test-fixtures";

const built = (percent: number): JsonRecord => clone(buildDocument(FLIGHTS, { multiRegionPercent: percent })) as unknown as JsonRecord;

function managed(input: unknown): ManagedPolicy {
  const parsed = parseDocument(input);
  if (parsed.kind !== "managed") throw new Error(`expected managed, got unknown: ${parsed.reason}`);
  return parsed;
}

function rules(doc: JsonRecord): Record<string, JsonRecord> {
  return doc.Rules as Record<string, JsonRecord>;
}

describe("parseDocument: round trip", () => {
  it.each([0, 10, 50, 100])("build → parse at %i percent gives back the topology and split", (percent) => {
    for (const input of [built(percent), serializeDocument(built(percent))]) {
      const model = managed(input);
      expect(model.split).toEqual({ multiRegionPercent: percent });
      expect(model.weights).toEqual({ single: 100 - percent, multi: percent });
      expect(model.recordType).toBe("A");
      expect(model.ruleIds).toEqual({ rollout: "rollout", multiRegion: "multi-region" });
      expect(model.singleRegion).toEqual(FLIGHTS.singleRegion);
      const byRegion = [...model.regions].sort((a, b) => a.regionCode.localeCompare(b.regionCode));
      expect(byRegion).toEqual([FLIGHTS.regions[1], FLIGHTS.regions[0]]);
      expect(model.matchesBuild).toBe(true);
      expect(managedToTopology(model, "flights")).toEqual({ ...FLIGHTS, regions: model.regions });
      expect(buildDocument(managedToTopology(model, "flights"), model.split)).toEqual(model.document);
    }
  });

  it("reads AWS-FACTS.md's example, whose entry order differs from the builder's", () => {
    const model = managed(AWS_FACTS_EXAMPLE);
    expect(model.weights).toEqual({ single: 90, multi: 10 });
    expect(model.regions.map((r) => [r.regionCode, r.endpointId, r.healthCheckId])).toEqual([
      ["ap-southeast-1", "sg-flights", HC_SG],
      ["ap-south-1", "bom-flights", HC_BOM],
    ]);
    expect(model.matchesBuild).toBe(true);
  });
});

describe("parseDocument: managed documents that Flightdeck would not write", () => {
  it.each([
    {
      name: "weights and booleans as JSON numbers and booleans",
      edit: (doc: JsonRecord) => {
        const items = rules(doc).rollout?.Items as JsonRecord[];
        Object.assign(items[0] ?? {}, { Weight: 70, EvaluateTargetHealth: true });
        Object.assign(items[1] ?? {}, { Weight: 30 });
      },
      weights: { single: 70, multi: 30 },
      percent: 30,
    },
    {
      name: "weights that do not sum to 100",
      edit: (doc: JsonRecord) => {
        const items = rules(doc).rollout?.Items as JsonRecord[];
        Object.assign(items[0] ?? {}, { Weight: "1" });
        Object.assign(items[1] ?? {}, { Weight: "2" });
      },
      weights: { single: 1, multi: 2 },
      percent: 200 / 3,
    },
    {
      name: "all-zero weights (Route 53 splits evenly)",
      edit: (doc: JsonRecord) => {
        const items = rules(doc).rollout?.Items as JsonRecord[];
        for (const item of items) item.Weight = "0";
      },
      weights: { single: 0, multi: 0 },
      percent: 50,
    },
    {
      name: "renamed rules",
      edit: (doc: JsonRecord) => {
        const r = rules(doc);
        doc.Rules = { start: r.rollout, latency: r["multi-region"] };
        doc.StartRule = "start";
        ((r.rollout?.Items as JsonRecord[])[1] ?? {}).RuleReference = "latency";
      },
      weights: { single: 90, multi: 10 },
      percent: 10,
    },
  ])("$name → managed, matchesBuild false", ({ edit, weights, percent }) => {
    const doc = built(10);
    edit(doc);
    const model = managed(doc);
    expect(model.weights).toEqual(weights);
    expect(model.split.multiRegionPercent).toBeCloseTo(percent, 9);
    expect(model.matchesBuild).toBe(false);
  });
});

const endpoint = (value: string) => ({ Type: "application-load-balancer", Value: value });

describe("parseDocument: unknown shapes are reported, never thrown", () => {
  it.each([
    { name: "invalid JSON", input: "{not json", reason: /^Document is not valid JSON/ },
    { name: "an empty string", input: "", reason: /^Document is not valid JSON/ },
    { name: "a JSON array", input: "[]", reason: /Document must be a JSON object/ },
    { name: "null", input: null, reason: /Document must be a JSON object/ },
    {
      name: "a document that starts at an endpoint",
      input: { AWSPolicyFormatVersion: "2015-10-01", RecordType: "A", StartEndpoint: "a", Endpoints: { a: endpoint("a.example") } },
      reason: /^Starts at endpoint "a"/,
    },
    {
      name: "a failover start rule",
      input: {
        AWSPolicyFormatVersion: "2015-10-01",
        RecordType: "A",
        StartRule: "fo",
        Endpoints: { a: endpoint("a.example"), b: endpoint("b.example") },
        Rules: { fo: { RuleType: "failover", Primary: { EndpointReference: "a" }, Secondary: { EndpointReference: "b" } } },
      },
      reason: /^Start rule "fo" is a failover rule, not weighted/,
    },
    {
      name: "a weighted rule over two endpoints",
      input: {
        AWSPolicyFormatVersion: "2015-10-01",
        RecordType: "A",
        StartRule: "w",
        Endpoints: { a: endpoint("a.example"), b: endpoint("b.example") },
        Rules: { w: { RuleType: "weighted", Items: [{ EndpointReference: "a", Weight: "1" }, { EndpointReference: "b", Weight: "1" }] } },
      },
      reason: /must point at one endpoint and one rule/,
    },
    { name: "a third weighted entry", edit: (d: JsonRecord) => (rules(d).rollout?.Items as JsonRecord[]).push({ EndpointReference: "sg-flights", Weight: "1" }), reason: /has 3 entries/ },
    { name: "a weighted child rule", edit: (d: JsonRecord) => Object.assign(rules(d)["multi-region"] ?? {}, { RuleType: "weighted", Items: [{ EndpointReference: "sg-flights", Weight: "1" }], Regions: undefined }), reason: /is a weighted rule, not latency/ },
    { name: "an extra, unreferenced rule", edit: (d: JsonRecord) => Object.assign(rules(d), { spare: { RuleType: "multivalue", Items: [{ EndpointReference: "sg-flights" }] } }), reason: /Rules outside the managed shape: spare/ },
    { name: "an extra endpoint", edit: (d: JsonRecord) => Object.assign(d.Endpoints as JsonRecord, { spare: endpoint("spare.example") }), reason: /Endpoints outside the managed shape: spare/ },
    { name: "a CNAME record type", edit: (d: JsonRecord) => Object.assign(d, { RecordType: "CNAME" }), reason: /RecordType CNAME is not one Flightdeck manages/ },
    { name: "a dangling reference", edit: (d: JsonRecord) => Object.assign(d, { StartRule: "gone" }), reason: /StartRule "gone" does not name a rule/ },
  ])("$name → unknown", ({ input, edit, reason }) => {
    let doc: unknown = input;
    if (edit !== undefined) {
      const copy = built(10);
      edit(copy);
      doc = copy;
    }
    const parsed = parseDocument(doc);
    expect(parsed.kind).toBe("unknown");
    if (parsed.kind !== "unknown") return;
    expect(parsed.reason).toMatch(reason);
    expect(parsed.text).toBe(canonicalDocumentText(doc));
  });

  it("keeps the raw text of invalid JSON for read-only display", () => {
    const parsed = parseDocument('{"AWSPolicyFormatVersion": "2015-10-01",');
    expect(parsed).toMatchObject({ kind: "unknown", text: '{"AWSPolicyFormatVersion": "2015-10-01",\n' });
  });
});
