import { describe, expect, it } from "vitest";

import { TopologyError, buildDocument, isCanonicalWeights, splitToWeights, weightsToSplit } from "./build-document";
import { canonicalize, serializeDocument } from "./canonical-json";
import { AWS_FACTS_EXAMPLE, FLIGHTS, clone } from "./test-fixtures";
import type { LatencyRegionEntry, PolicyDocument, WeightedItem } from "./types";
import { validateDocument } from "./validate-document";

function rolloutItems(doc: PolicyDocument): WeightedItem[] {
  const rule = doc.Rules.rollout;
  if (rule?.RuleType !== "weighted") throw new Error("rollout is not weighted");
  return rule.Items;
}

function latencyRegions(doc: PolicyDocument): LatencyRegionEntry[] {
  const rule = doc.Rules["multi-region"];
  if (rule?.RuleType !== "latency") throw new Error("multi-region is not latency");
  return rule.Regions;
}

describe("splitToWeights / weightsToSplit", () => {
  it.each([
    { percent: 0, single: 100, multi: 0 },
    { percent: 10, single: 90, multi: 10 },
    { percent: 37, single: 63, multi: 37 },
    { percent: 100, single: 0, multi: 100 },
  ])("$percent % → single $single, multi $multi and back", ({ percent, single, multi }) => {
    expect(splitToWeights({ multiRegionPercent: percent })).toEqual({ single, multi });
    expect(weightsToSplit({ single, multi })).toEqual({ multiRegionPercent: percent });
  });

  it.each([-1, 101, 12.5, Number.NaN])("rejects %s percent", (percent) => {
    expect(() => splitToWeights({ multiRegionPercent: percent })).toThrow(RangeError);
  });

  it.each([
    { weights: { single: 0, multi: 0 }, percent: 50, canonical: false },
    { weights: { single: 1, multi: 3 }, percent: 75, canonical: false },
    { weights: { single: 255, multi: 0 }, percent: 0, canonical: false },
    { weights: { single: 60, multi: 40 }, percent: 40, canonical: true },
  ])("weights $weights.single/$weights.multi give $percent % (canonical: $canonical)", ({ weights, percent, canonical }) => {
    expect(weightsToSplit(weights).multiRegionPercent).toBeCloseTo(percent, 9);
    expect(isCanonicalWeights(weights)).toBe(canonical);
  });
});

describe("buildDocument", () => {
  it("produces AWS-FACTS.md's example document for a 10 % split", () => {
    const example = JSON.parse(AWS_FACTS_EXAMPLE) as PolicyDocument;
    // The builder orders latency entries by region code; Route 53 ignores their order.
    latencyRegions(example).sort((a, b) => a.Region.localeCompare(b.Region));
    expect(buildDocument(FLIGHTS, { multiRegionPercent: 10 })).toEqual(canonicalize(example));
  });

  it.each([
    { percent: 0, single: "100", multi: "0" },
    { percent: 25, single: "75", multi: "25" },
    { percent: 100, single: "0", multi: "100" },
  ])("writes weights as strings at $percent %", ({ percent, single, multi }) => {
    const [home, rule] = rolloutItems(buildDocument(FLIGHTS, { multiRegionPercent: percent }));
    expect(home).toEqual({ EndpointReference: "home-single", Weight: single, EvaluateTargetHealth: "true" });
    expect(rule).toEqual({ RuleReference: "multi-region", Weight: multi });
  });

  it.each([0, 1, 50, 99, 100])("builds a document that passes validation at %i percent", (percent) => {
    expect(validateDocument(buildDocument(FLIGHTS, { multiRegionPercent: percent }))).toEqual([]);
  });

  it("is deterministic whatever order the inventory lists regions in", () => {
    const reversed = { ...FLIGHTS, regions: [...FLIGHTS.regions].reverse() };
    const a = serializeDocument(buildDocument(FLIGHTS, { multiRegionPercent: 30 }));
    const b = serializeDocument(buildDocument(reversed, { multiRegionPercent: 30 }));
    expect(a).toBe(b);
    expect(JSON.stringify(buildDocument(reversed, { multiRegionPercent: 30 }), null, 2) + "\n").toBe(a);
  });

  it("puts keys in canonical order", () => {
    const doc = buildDocument(FLIGHTS, { multiRegionPercent: 10 });
    expect(Object.keys(doc)).toEqual(["AWSPolicyFormatVersion", "RecordType", "StartRule", "Endpoints", "Rules"]);
    expect(Object.keys(latencyRegions(doc)[0] ?? {})).toEqual(["Region", "EndpointReference", "EvaluateTargetHealth", "HealthCheck"]);
    expect(Object.keys(doc.Endpoints["home-single"] ?? {})).toEqual(["Type", "Value"]);
  });

  it("omits HealthCheck for a region without one but still evaluates target health", () => {
    const topology = clone(FLIGHTS);
    delete topology.regions[1]?.healthCheckId;
    const entry = latencyRegions(buildDocument(topology, { multiRegionPercent: 10 })).find((r) => r.Region === "ap-south-1");
    expect(entry).toEqual({ Region: "ap-south-1", EndpointReference: "bom-flights", EvaluateTargetHealth: "true" });
  });

  it.each([
    {
      name: "a regional endpoint reusing the single-region id",
      edit: (t: typeof FLIGHTS) => Object.assign(t.regions[0] ?? {}, { endpointId: "home-single" }),
      message: /Endpoint id "home-single" is used twice/,
    },
    {
      name: "a region listed twice",
      edit: (t: typeof FLIGHTS) => Object.assign(t.regions[1] ?? {}, { regionCode: "ap-southeast-1" }),
      message: /Region ap-southeast-1 is listed twice/,
    },
  ])("throws TopologyError for $name", ({ edit, message }) => {
    const topology = clone(FLIGHTS);
    edit(topology);
    expect(() => buildDocument(topology, { multiRegionPercent: 10 })).toThrow(TopologyError);
    expect(() => buildDocument(topology, { multiRegionPercent: 10 })).toThrow(message);
  });

  it("leaves a service without regions to validation, which names the empty list", () => {
    const doc = buildDocument({ ...FLIGHTS, regions: [] }, { multiRegionPercent: 10 });
    expect(validateDocument(doc)).toEqual([
      { path: "$.Rules.multi-region.Regions", message: "A latency rule needs a non-empty Regions list" },
    ]);
  });
});
