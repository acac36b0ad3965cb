import { describe, expect, it } from "vitest";

import { computeEffectiveShare } from "./effective-share";
import { distanceFrom, haversineKm, regionFromDnsName, REGION_COORDINATES } from "./region-geo";
import { expectShares } from "./test-fixtures";
import type { HealthSnapshot, ShareOptions } from "./types";

// General traffic policy trees, not only the managed shape: Flightdeck has to show
// a sensible share for whatever a policy made outside it looks like.

const ep = (value: string) => ({ Type: "value", Value: value });

function policy(rules: Record<string, unknown>, start = "root"): unknown {
  return {
    AWSPolicyFormatVersion: "2015-10-01",
    RecordType: "A",
    StartRule: start,
    Endpoints: { a: ep("192.0.2.1"), b: ep("192.0.2.2"), c: ep("192.0.2.3"), d: ep("192.0.2.4") },
    Rules: rules,
  };
}

const to = (id: string, extra: Record<string, unknown> = {}) => ({ EndpointReference: id, ...extra });
const hc = (id: string) => ({ HealthCheck: `hc-${id}` });
const down = (...ids: string[]): HealthSnapshot => ({ healthChecks: Object.fromEntries(ids.map((id) => [`hc-${id}`, "unhealthy"])) });
const weighted = (...items: Array<[string, number, boolean?]>) => ({
  RuleType: "weighted",
  Items: items.map(([id, weight, checked = true]) => to(id, { Weight: String(weight), ...(checked ? hc(id) : {}) })),
});
const latency = (...entries: Array<[string, string]>) => ({ RuleType: "latency", Regions: entries.map(([region, id]) => ({ Region: region, ...to(id, hc(id)) })) });
const failover = (primary: Record<string, unknown>, secondary: Record<string, unknown>) => ({ RuleType: "failover", Primary: primary, Secondary: secondary });

type Case = { name: string; doc: unknown; options?: ShareOptions; shares: Record<string, number>; failOpen?: string[]; noHealthy?: boolean };

const none = { a: 0, b: 0, c: 0, d: 0 };

const cases: Case[] = [
  { name: "failover: healthy primary", doc: policy({ root: failover(to("a", hc("a")), to("b", hc("b"))) }), shares: { ...none, a: 1 } },
  { name: "failover: primary down", doc: policy({ root: failover(to("a", hc("a")), to("b", hc("b"))) }), options: { health: down("a") }, shares: { ...none, b: 1 } },
  {
    name: "failover: both down → the primary",
    doc: policy({ root: failover(to("a", hc("a")), to("b", hc("b"))) }),
    options: { health: down("a", "b") },
    shares: { ...none, a: 1 },
    failOpen: ["root"],
    noHealthy: true,
  },
  { name: "failover: an unchecked secondary is always healthy", doc: policy({ root: failover(to("a", hc("a")), to("b")) }), options: { health: down("a") }, shares: { ...none, b: 1 } },
  { name: "weighted 1/1/2", doc: policy({ root: weighted(["a", 1], ["b", 1], ["c", 2]) }), shares: { ...none, a: 0.25, b: 0.25, c: 0.5 } },
  { name: "weighted 1/1/2 with c down", doc: policy({ root: weighted(["a", 1], ["b", 1], ["c", 2]) }), options: { health: down("c") }, shares: { ...none, a: 0.5, b: 0.5 } },
  {
    name: "weighted: weight-0 entries take over when every non-zero entry is down",
    doc: policy({ root: weighted(["a", 5], ["b", 0], ["c", 0]) }),
    options: { health: down("a") },
    shares: { ...none, b: 0.5, c: 0.5 },
  },
  { name: "weighted: all zero, one down → even over the rest", doc: policy({ root: weighted(["a", 0], ["b", 0], ["c", 0]) }), options: { health: down("b") }, shares: { ...none, a: 0.5, c: 0.5 } },
  {
    name: "weighted: EvaluateTargetHealth false ignores the endpoint's own health",
    doc: policy({ root: weighted(["a", 1, false], ["b", 1, false]) }),
    options: { health: { endpoints: { a: "unhealthy" } } },
    shares: { ...none, a: 0.5, b: 0.5 },
  },
  {
    name: "multivalue: healthy items share evenly",
    doc: policy({ root: { RuleType: "multivalue", Items: [to("a", hc("a")), to("b", hc("b")), to("c", hc("c"))] } }),
    options: { health: down("b") },
    shares: { ...none, a: 0.5, c: 0.5 },
  },
  {
    name: "multivalue: all down → all, fail open",
    doc: policy({ root: { RuleType: "multivalue", Items: [to("a", hc("a")), to("b", hc("b"))] } }),
    options: { health: down("a", "b") },
    shares: { ...none, a: 0.5, b: 0.5 },
    failOpen: ["root"],
    noHealthy: true, // c and d are healthy but unreachable, so they do not count
  },
  {
    name: "latency: a latency matrix beats geography",
    doc: policy({ root: latency(["ap-southeast-1", "a"], ["ap-south-1", "b"]) }),
    options: { clientMix: { "eu-west-1": 1 }, nearness: { latencyMs: { "eu-west-1": { "ap-southeast-1": 100, "ap-south-1": 200 } } } },
    shares: { ...none, a: 1 },
  },
  { name: "latency: by default the nearest region city wins", doc: policy({ root: latency(["ap-southeast-1", "a"], ["ap-south-1", "b"]) }), options: { clientMix: { "eu-west-1": 1 } }, shares: { ...none, b: 1 } },
  {
    name: "latency: coordinates passed in as data",
    doc: policy({ root: latency(["ap-southeast-1", "a"], ["ap-south-1", "b"]) }),
    options: { clientMix: { "on-prem": 1 }, nearness: { coordinates: { "on-prem": { lat: 1.3, lon: 103.9 } } } },
    shares: { ...none, a: 1 },
  },
  {
    name: "latency: nested weighted rules, one region's endpoints all down",
    doc: policy({
      root: { RuleType: "latency", Regions: [{ Region: "ap-southeast-1", RuleReference: "sg" }, { Region: "ap-south-1", RuleReference: "bom" }] },
      sg: weighted(["a", 1], ["b", 1]),
      bom: weighted(["c", 3], ["d", 1]),
    }),
    options: { health: down("a", "b"), clientMix: { "ap-southeast-1": 0.5, "ap-south-1": 0.5 } },
    shares: { ...none, c: 0.75, d: 0.25 },
  },
  {
    name: "geoproximity: nearest region or point",
    doc: policy({
      root: {
        RuleType: "geoproximity",
        GeoproximityLocations: [
          { Region: "eu-west-1", ...to("a") },
          { Latitude: "35.7", Longitude: "139.7", ...to("b") },
        ],
      },
    }),
    options: { clientMix: { "eu-west-2": 0.4, "ap-northeast-2": 0.6 } },
    shares: { ...none, a: 0.4, b: 0.6 },
  },
  { name: "a StartEndpoint document", doc: { ...(policy({}) as object), StartRule: undefined, StartEndpoint: "c" }, shares: { ...none, c: 1 } },
];

describe("effective share over general policy trees", () => {
  it.each(cases)("$name", ({ doc, options, shares, failOpen = [], noHealthy = false }) => {
    const result = computeEffectiveShare(doc, options);
    expectShares(result, shares);
    if (result.kind !== "computed") return;
    expect(result.failOpenRules).toEqual(failOpen);
    expect(result.noHealthyEndpoint).toBe(noHealthy);
  });

  it("approximates geolocation rules evenly and says so", () => {
    const doc = policy({ root: { RuleType: "geo", Locations: [{ IsDefault: "true", ...to("a") }, { Country: "IN", ...to("b", hc("b")) }] } });
    const result = computeEffectiveShare(doc, { health: down("b") });
    expectShares(result, { ...none, a: 1 });
    expect(result.kind === "computed" && result.warnings).toEqual([expect.stringContaining('Geolocation rule "root" is approximated')]);
  });

  it("spreads evenly when nothing is known about a client region's nearness", () => {
    const result = computeEffectiveShare(policy({ root: latency(["ap-southeast-1", "a"], ["ap-south-1", "b"]) }), { clientMix: { "mars-north-1": 1 } });
    expectShares(result, { ...none, a: 0.5, b: 0.5 });
    expect(result.kind === "computed" && result.warnings).toEqual([expect.stringContaining("No nearness data from mars-north-1")]);
  });
});

describe("nearness helpers", () => {
  it.each([
    ["flights-hb-bom-4e5f.ap-south-1.elb.amazonaws.com", "ap-south-1"],
    ["dualstack.proxy-sg-0a1b.ap-southeast-1.elb.amazonaws.com.", "ap-southeast-1"],
    ["my-nlb-123.elb.us-east-2.amazonaws.com", "us-east-2"],
    ["env.eu-west-1.elasticbeanstalk.com", "eu-west-1"],
    ["d111111abcdef8.cloudfront.net", undefined],
    ["192.0.2.1", undefined],
  ])("regionFromDnsName(%s) = %s", (dnsName, region) => {
    expect(regionFromDnsName(dnsName)).toBe(region);
  });

  it("measures Singapore to Mumbai at roughly 3,900 km", () => {
    const { "ap-southeast-1": sg, "ap-south-1": bom } = REGION_COORDINATES;
    if (sg === undefined || bom === undefined) throw new Error("missing coordinates");
    expect(haversineKm(sg, bom)).toBeGreaterThan(3800);
    expect(haversineKm(sg, bom)).toBeLessThan(4000);
  });

  it.each([
    { from: "a-1", to: "b-1", expected: 40 },
    { from: "b-1", to: "a-1", expected: 40 }, // the matrix is read both ways when one direction is missing
    { from: "a-1", to: "a-1", expected: 0 },
    { from: "a-1", to: "c-1", expected: Infinity },
  ])("latency matrix distance $from → $to is $expected", ({ from, to: target, expected }) => {
    const nearness = { latencyMs: { "a-1": { "b-1": 40 }, "b-1": {} } };
    expect(distanceFrom(nearness, from, target)).toBe(expected);
  });
});
