import { describe, expect, it } from "vitest";

import { buildDocument } from "./build-document";
import { computeEffectiveShare, computeTopologyShare } from "./effective-share";
import { serializeDocument } from "./canonical-json";
import type { JsonRecord } from "./json-read";
import { parseDocument } from "./parse-document";
import { FLIGHTS, FLIGHTS_MIX, HC_BOM, HC_SG, clone, expectShares } from "./test-fixtures";
import type { HealthSnapshot, ShareReport } from "./types";
import { computeTopologyWhatIf, computeWhatIfRegionDown, markRegionDown } from "./what-if";

const doc = (percent: number): JsonRecord => clone(buildDocument(FLIGHTS, { multiRegionPercent: percent })) as unknown as JsonRecord;
const rolloutItems = (d: JsonRecord): JsonRecord[] => ((d.Rules as Record<string, JsonRecord>).rollout?.Items as JsonRecord[]) ?? [];

const healthy: HealthSnapshot = { endpoints: {}, healthChecks: { [HC_SG]: "healthy", [HC_BOM]: "healthy" } };
const withChecks = (sg: "healthy" | "unhealthy", bom: "healthy" | "unhealthy"): HealthSnapshot => ({ healthChecks: { [HC_SG]: sg, [HC_BOM]: bom } });

function computed(result: ReturnType<typeof computeEffectiveShare>): ShareReport {
  if (result.kind !== "computed") throw new Error(`share unavailable: ${result.reason}`);
  return result;
}

describe("effective share of the managed shape (70 % of clients in ap-southeast-1, 30 % in ap-south-1)", () => {
  it.each([
    { name: "10 %, all healthy", percent: 10, health: healthy, shares: { "home-single": 0.9, "sg-flights": 0.07, "bom-flights": 0.03 } },
    { name: "0 %: the zero weight gets nothing", percent: 0, health: healthy, shares: { "home-single": 1, "sg-flights": 0, "bom-flights": 0 } },
    { name: "100 %: the single region gets nothing", percent: 100, health: healthy, shares: { "home-single": 0, "sg-flights": 0.7, "bom-flights": 0.3 } },
    { name: "10 % with ap-south-1's app down", percent: 10, health: withChecks("healthy", "unhealthy"), shares: { "home-single": 0.9, "sg-flights": 0.1, "bom-flights": 0 } },
    { name: "10 % with ap-southeast-1's app down", percent: 10, health: withChecks("unhealthy", "healthy"), shares: { "home-single": 0.9, "sg-flights": 0, "bom-flights": 0.1 } },
    { name: "10 % with every regional app down", percent: 10, health: withChecks("unhealthy", "unhealthy"), shares: { "home-single": 1, "sg-flights": 0, "bom-flights": 0 } },
    {
      name: "0 % with the single-region ELB down: the zero-weighted rule is considered",
      percent: 0,
      health: { endpoints: { "home-single": "unhealthy" } } satisfies HealthSnapshot,
      shares: { "home-single": 0, "sg-flights": 0.7, "bom-flights": 0.3 },
    },
  ])("$name", ({ percent, health, shares }) => {
    const result = computed(computeEffectiveShare(doc(percent), { health, clientMix: FLIGHTS_MIX }));
    expectShares(result, shares);
    expect(result.noHealthyEndpoint).toBe(false);
    expect(result.shareOnUnhealthy).toBeCloseTo(0, 9);
  });

  it("all-zero weights split evenly (Route 53's rule), then by latency", () => {
    const d = doc(10);
    for (const item of rolloutItems(d)) item.Weight = "0";
    expectShares(computeEffectiveShare(d, { health: healthy, clientMix: FLIGHTS_MIX }), { "home-single": 0.5, "sg-flights": 0.35, "bom-flights": 0.15 });
  });

  it("every region down: no healthy endpoint, Route 53 fails open and all traffic lands on dead endpoints", () => {
    const health: HealthSnapshot = { endpoints: { "home-single": "unhealthy" }, healthChecks: { [HC_SG]: "unhealthy", [HC_BOM]: "unhealthy" } };
    const result = computed(computeEffectiveShare(doc(10), { health, clientMix: FLIGHTS_MIX }));
    expectShares(result, { "home-single": 0.9, "sg-flights": 0.07, "bom-flights": 0.03 });
    expect(result.noHealthyEndpoint).toBe(true);
    expect(result.shareOnUnhealthy).toBeCloseTo(1, 9);
    expect(result.failOpenRules).toEqual(["multi-region", "rollout"]);
  });

  it("an explicit EvaluateTargetHealth false on the rule reference keeps sending its share to dead regions", () => {
    const d = doc(10);
    Object.assign(rolloutItems(d)[1] ?? {}, { EvaluateTargetHealth: "false" });
    const result = computed(computeEffectiveShare(d, { health: withChecks("unhealthy", "unhealthy"), clientMix: FLIGHTS_MIX }));
    expectShares(result, { "home-single": 0.9, "sg-flights": 0.07, "bom-flights": 0.03 });
    expect(result.noHealthyEndpoint).toBe(false);
    expect(result.shareOnUnhealthy).toBeCloseTo(0.1, 9);
  });

  it("splits by client region", () => {
    const result = computed(computeEffectiveShare(doc(20), { health: withChecks("healthy", "unhealthy"), clientMix: FLIGHTS_MIX }));
    expect(result.byClientRegion["ap-south-1"]).toEqual({ "home-single": 0.8, "sg-flights": expect.closeTo(0.2, 9) as number });
    expect(result.byClientRegion["ap-southeast-1"]?.["sg-flights"]).toBeCloseTo(0.2, 9);
  });

  it("treats unknown or missing health as healthy and says which ids it assumed", () => {
    const result = computed(computeEffectiveShare(doc(100), { health: { healthChecks: { [HC_SG]: "unknown" } }, clientMix: FLIGHTS_MIX }));
    expectShares(result, { "home-single": 0, "sg-flights": 0.7, "bom-flights": 0.3 });
    // Only ids Route 53 had to look at count: the weight-0 single-region entry never is.
    expect(result.assumedHealthy).toEqual({ endpoints: ["bom-flights", "sg-flights"], healthChecks: [HC_BOM, HC_SG].sort() });
  });

  it("normalises a client mix that does not sum to 1 and ignores non-positive entries", () => {
    const mix = { "ap-southeast-1": 7, "ap-south-1": 3, "eu-west-1": 0, "us-east-1": -2 };
    expectShares(computeEffectiveShare(doc(100), { health: healthy, clientMix: mix }), { "home-single": 0, "sg-flights": 0.7, "bom-flights": 0.3 });
  });

  it("without a client mix, latency routing spreads evenly and says so", () => {
    const result = computed(computeEffectiveShare(doc(100), { health: healthy }));
    expectShares(result, { "home-single": 0, "sg-flights": 0.5, "bom-flights": 0.5 });
    expect(result.warnings).toEqual([expect.stringContaining("No client population given")]);
  });

  it("reports an invalid document as unavailable instead of throwing", () => {
    expect(computeEffectiveShare("{oops")).toEqual({ kind: "unavailable", reason: expect.stringMatching(/^Document is not valid JSON/) as string });
  });

  it("accepts a managed model from parseDocument in place of its document", () => {
    const model = parseDocument(serializeDocument(doc(30)));
    expect(model.kind).toBe("managed");
    expectShares(computeEffectiveShare(model, { health: healthy, clientMix: FLIGHTS_MIX }), {
      "home-single": 0.7,
      "sg-flights": 0.21,
      "bom-flights": 0.09,
    });
  });

  it("computes the share straight from a topology and split", () => {
    expectShares(computeTopologyShare(FLIGHTS, { multiRegionPercent: 50 }, { clientMix: FLIGHTS_MIX }), {
      "home-single": 0.5,
      "sg-flights": 0.35,
      "bom-flights": 0.15,
    });
  });
});

describe("what if a region is down", () => {
  it.each([
    { region: "ap-south-1", shares: { "home-single": 0.9, "sg-flights": 0.1, "bom-flights": 0 }, noHealthy: false },
    // The single-region proxy lives in ap-southeast-1 too, so everything left goes to Mumbai.
    { region: "ap-southeast-1", shares: { "home-single": 0, "sg-flights": 0, "bom-flights": 1 }, noHealthy: false },
    { region: "eu-west-1", shares: { "home-single": 0.9, "sg-flights": 0.07, "bom-flights": 0.03 }, noHealthy: false },
  ])("$region down at 10 %", ({ region, shares, noHealthy }) => {
    const result = computed(computeWhatIfRegionDown(doc(10), region, { health: healthy, clientMix: FLIGHTS_MIX }));
    expectShares(result, shares);
    expect(result.noHealthyEndpoint).toBe(noHealthy);
    expectShares(computeTopologyWhatIf(FLIGHTS, { multiRegionPercent: 10 }, region, { health: healthy, clientMix: FLIGHTS_MIX }), shares);
  });

  it("marks the region's endpoints and the health checks guarding them, leaving the input untouched", () => {
    const before = clone(healthy);
    const after = markRegionDown(doc(10), healthy, "ap-south-1");
    expect(after).toEqual({ endpoints: { "bom-flights": "unhealthy" }, healthChecks: { [HC_SG]: "healthy", [HC_BOM]: "unhealthy" } });
    expect(healthy).toEqual(before);
  });

  it("finds the single-region endpoint's region from an explicit map when its DNS name does not say", () => {
    const d = doc(10);
    Object.assign((d.Endpoints as Record<string, JsonRecord>)["home-single"] ?? {}, { Value: "proxy.flights.example.com" });
    expect(markRegionDown(d, {}, "ap-southeast-1").endpoints).toEqual({ "sg-flights": "unhealthy" });
    expect(markRegionDown(d, {}, "ap-southeast-1", { "home-single": "ap-southeast-1" }).endpoints).toEqual({
      "home-single": "unhealthy",
      "sg-flights": "unhealthy",
    });
  });
});
