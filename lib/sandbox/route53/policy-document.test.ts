import { describe, expect, it } from "vitest";
import { Route53Error } from "./errors";
import { validatePolicyDocument } from "./policy-document";

// Table-driven: each case is one AWS rule for traffic policy documents.

const base = {
  AWSPolicyFormatVersion: "2015-10-01",
  RecordType: "A",
  StartRule: "rollout",
  Endpoints: {
    home: { Type: "application-load-balancer", Value: "proxy-sg-0a1b.ap-southeast-1.elb.amazonaws.com" },
    sg: { Type: "application-load-balancer", Value: "flights-hb-sg-2c3d.ap-southeast-1.elb.amazonaws.com" },
    bom: { Type: "application-load-balancer", Value: "flights-hb-bom-4e5f.ap-south-1.elb.amazonaws.com" },
  },
  Rules: {
    rollout: { RuleType: "weighted", Items: [{ EndpointReference: "home", Weight: "90", EvaluateTargetHealth: "true" }, { RuleReference: "regions", Weight: "10" }] },
    regions: {
      RuleType: "latency",
      Regions: [
        { Region: "ap-southeast-1", EndpointReference: "sg", EvaluateTargetHealth: "true", HealthCheck: "11111111-2222-3333-4444-555555555555" },
        { Region: "ap-south-1", EndpointReference: "bom", EvaluateTargetHealth: true },
      ],
    },
  },
};

type Doc = Record<string, unknown>;
const variant = (change: (doc: Doc) => void): string => {
  const doc = structuredClone(base) as Doc;
  change(doc);
  return JSON.stringify(doc);
};
const rules = (doc: Doc) => doc.Rules as Record<string, Record<string, unknown>>;
const endpoints = (doc: Doc) => doc.Endpoints as Record<string, Record<string, unknown>>;

describe("validatePolicyDocument accepts", () => {
  it.each([
    ["the reference example (strings and JSON booleans mixed)", JSON.stringify(base)],
    ["the 2023-05-09 format version", variant((d) => (d.AWSPolicyFormatVersion = "2023-05-09"))],
    ["numeric weights", variant((d) => ((rules(d).rollout as { Items: Doc[] }).Items[0] = { EndpointReference: "home", Weight: 0 }))],
    ["a StartEndpoint with no rules", JSON.stringify({ AWSPolicyFormatVersion: "2015-10-01", RecordType: "A", StartEndpoint: "ip", Endpoints: { ip: { Type: "value", Value: "192.0.2.1" } } })],
    ["failover", variant((d) => (rules(d).regions = { RuleType: "failover", Primary: { EndpointReference: "sg" }, Secondary: { EndpointReference: "bom" } }))],
    ["geo with a default", variant((d) => (rules(d).regions = { RuleType: "geo", Locations: [{ Country: "IN", EndpointReference: "bom" }, { Continent: "AS", EndpointReference: "sg" }, { IsDefault: "true", EndpointReference: "sg" }] }))],
    ["geoproximity", variant((d) => (rules(d).regions = { RuleType: "geoproximity", GeoproximityLocations: [{ Region: "ap-south-1", Bias: "10", EndpointReference: "bom" }, { Latitude: "1.3", Longitude: "103.8", EndpointReference: "sg" }] }))],
    ["multivalue over value endpoints", JSON.stringify({ AWSPolicyFormatVersion: "2015-10-01", RecordType: "A", StartRule: "m", Endpoints: { a: { Type: "value", Value: "192.0.2.1" }, b: { Type: "value", Value: "192.0.2.2" } }, Rules: { m: { RuleType: "multivalue", Items: [{ EndpointReference: "a" }, { EndpointReference: "b" }] } } })],
    ["an s3-website endpoint with its region", variant((d) => (endpoints(d).home = { Type: "s3-website", Value: "bucket.s3-website-us-east-1.amazonaws.com", Region: "us-east-1" }))],
  ])("%s", (_name, text) => {
    const parsed = validatePolicyDocument(text);
    expect(parsed.recordType).toBeTruthy();
  });

  it("parses weights, health checks and regions", () => {
    const parsed = validatePolicyDocument(JSON.stringify(base));
    expect(parsed.startRule).toBe("rollout");
    expect(parsed.rules.rollout).toEqual({
      ruleType: "weighted",
      items: [
        { endpoint: "home", rule: undefined, weight: 90, evaluateTargetHealth: true, healthCheck: undefined },
        { endpoint: undefined, rule: "regions", weight: 10, evaluateTargetHealth: false, healthCheck: undefined },
      ],
    });
    expect(parsed.rules.regions).toMatchObject({ ruleType: "latency", regions: [{ region: "ap-southeast-1", healthCheck: "11111111-2222-3333-4444-555555555555" }, { region: "ap-south-1", evaluateTargetHealth: true }] });
  });
});

describe("validatePolicyDocument rejects", () => {
  it.each([
    ["text that is not JSON", "{", "not valid JSON"],
    ["an array", "[]", "JSON object"],
    ["an unknown format version", variant((d) => (d.AWSPolicyFormatVersion = "2012-10-17")), "AWSPolicyFormatVersion"],
    ["an unknown record type", variant((d) => (d.RecordType = "NS")), "RecordType"],
    ["both StartRule and StartEndpoint", variant((d) => (d.StartEndpoint = "home")), "exactly one of StartRule or StartEndpoint"],
    ["neither StartRule nor StartEndpoint", variant((d) => delete d.StartRule), "exactly one of StartRule or StartEndpoint"],
    ["a StartRule that is not defined", variant((d) => (d.StartRule = "nowhere")), "nowhere"],
    ["a misspelt top-level key", variant((d) => (d.Rule = {})), "unknown property"],
    ["a reference to a missing endpoint", variant((d) => ((rules(d).rollout as { Items: Doc[] }).Items[0] = { EndpointReference: "ghost", Weight: "1" })), "ghost"],
    ["a reference to a missing rule", variant((d) => ((rules(d).rollout as { Items: Doc[] }).Items[1] = { RuleReference: "ghost", Weight: "1" })), "ghost"],
    ["an item with both references", variant((d) => ((rules(d).rollout as { Items: Doc[] }).Items[0] = { EndpointReference: "home", RuleReference: "regions", Weight: "1" })), "exactly one of EndpointReference or RuleReference"],
    ["a weight above 255", variant((d) => ((rules(d).rollout as { Items: Doc[] }).Items[0] = { EndpointReference: "home", Weight: "256" })), "Weight"],
    ["a negative weight", variant((d) => ((rules(d).rollout as { Items: Doc[] }).Items[0] = { EndpointReference: "home", Weight: -1 })), "Weight"],
    ["a fractional weight", variant((d) => ((rules(d).rollout as { Items: Doc[] }).Items[0] = { EndpointReference: "home", Weight: "1.5" })), "Weight"],
    ["a weighted rule without Items", variant((d) => (rules(d).rollout = { RuleType: "weighted" })), "Items"],
    ["a latency rule with Items instead of Regions", variant((d) => (rules(d).regions = { RuleType: "latency", Items: [] })), "unknown property"],
    ["a latency entry in a region that does not exist", variant((d) => ((rules(d).regions as { Regions: Doc[] }).Regions[0] = { Region: "mars-north-1", EndpointReference: "sg" })), "mars-north-1"],
    ["the same region twice", variant((d) => ((rules(d).regions as { Regions: Doc[] }).Regions[1] = { Region: "ap-southeast-1", EndpointReference: "bom" })), "more than once"],
    ["a failover rule without Secondary", variant((d) => (rules(d).regions = { RuleType: "failover", Primary: { EndpointReference: "sg" } })), "Primary and Secondary"],
    ["a geo location with two places", variant((d) => (rules(d).regions = { RuleType: "geo", Locations: [{ Country: "IN", Continent: "AS", EndpointReference: "bom" }] })), "exactly one of Continent, Country or IsDefault"],
    ["an unknown rule type", variant((d) => (rules(d).regions = { RuleType: "random", Items: [] })), "RuleType"],
    ["a cycle between rules", variant((d) => (rules(d).regions = { RuleType: "failover", Primary: { RuleReference: "rollout" }, Secondary: { EndpointReference: "bom" } })), "cycle"],
    ["a rule that refers to itself", variant((d) => (rules(d).regions = { RuleType: "failover", Primary: { RuleReference: "regions" }, Secondary: { EndpointReference: "bom" } })), "cycle"],
    ["an unknown endpoint type", variant((d) => (endpoints(d).home = { Type: "ec2-instance", Value: "i-123" })), "Type"],
    ["an s3-website endpoint without Region", variant((d) => (endpoints(d).home = { Type: "s3-website", Value: "bucket.s3-website-us-east-1.amazonaws.com" })), "Region"],
    ["an alias endpoint in a TXT policy", variant((d) => (d.RecordType = "TXT")), "can't be used with record type TXT"],
    ["a value endpoint that is not an IPv4 address in an A policy", JSON.stringify({ AWSPolicyFormatVersion: "2015-10-01", RecordType: "A", StartEndpoint: "x", Endpoints: { x: { Type: "value", Value: "example.com" } } }), "IPv4"],
    ["a multivalue rule over a rule", variant((d) => (rules(d).rollout = { RuleType: "multivalue", Items: [{ RuleReference: "regions" }] })), "multivalue"],
    ["EvaluateTargetHealth that is not a boolean", variant((d) => ((rules(d).rollout as { Items: Doc[] }).Items[0] = { EndpointReference: "home", Weight: "1", EvaluateTargetHealth: "yes" })), "EvaluateTargetHealth"],
  ])("%s", (_name, text, message) => {
    let error: unknown;
    try {
      validatePolicyDocument(text);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(Route53Error);
    expect((error as Route53Error).code).toBe("InvalidTrafficPolicyDocument");
    expect((error as Route53Error).status).toBe(400);
    expect((error as Route53Error).message).toContain(message);
  });
});
