import { expect } from "vitest";

import type { ServiceTopology, ShareResult } from "./types";

// Shared test data: the flights service of AWS-FACTS.md's example document, and
// that document verbatim, so the builder is checked against AWS's shape and not
// only against itself.

export const HC_SG = "11111111-2222-3333-4444-555555555555";
export const HC_BOM = "66666666-7777-8888-9999-000000000000";

export const FLIGHTS: ServiceTopology = {
  slug: "flights",
  recordType: "A",
  singleRegion: {
    endpointId: "home-single",
    regionCode: "ap-southeast-1",
    dnsName: "proxy-sg-0a1b.ap-southeast-1.elb.amazonaws.com",
    endpointType: "application-load-balancer",
  },
  regions: [
    {
      regionCode: "ap-southeast-1",
      endpointId: "sg-flights",
      dnsName: "flights-hb-sg-2c3d.ap-southeast-1.elb.amazonaws.com",
      endpointType: "application-load-balancer",
      healthCheckId: HC_SG,
    },
    {
      regionCode: "ap-south-1",
      endpointId: "bom-flights",
      dnsName: "flights-hb-bom-4e5f.ap-south-1.elb.amazonaws.com",
      endpointType: "application-load-balancer",
      healthCheckId: HC_BOM,
    },
  ],
};

/** AWS-FACTS.md's example: 90 % single region, 10 % latency routing over two regions. */
export const AWS_FACTS_EXAMPLE = `{
  "AWSPolicyFormatVersion": "2015-10-01",
  "RecordType": "A",
  "StartRule": "rollout",
  "Endpoints": {
    "home-single": { "Type": "application-load-balancer", "Value": "proxy-sg-0a1b.ap-southeast-1.elb.amazonaws.com" },
    "sg-flights":  { "Type": "application-load-balancer", "Value": "flights-hb-sg-2c3d.ap-southeast-1.elb.amazonaws.com" },
    "bom-flights": { "Type": "application-load-balancer", "Value": "flights-hb-bom-4e5f.ap-south-1.elb.amazonaws.com" }
  },
  "Rules": {
    "rollout": { "RuleType": "weighted", "Items": [
      { "EndpointReference": "home-single", "Weight": "90", "EvaluateTargetHealth": "true" },
      { "RuleReference": "multi-region", "Weight": "10" } ] },
    "multi-region": { "RuleType": "latency", "Regions": [
      { "Region": "ap-southeast-1", "EndpointReference": "sg-flights", "EvaluateTargetHealth": "true",
        "HealthCheck": "11111111-2222-3333-4444-555555555555" },
      { "Region": "ap-south-1", "EndpointReference": "bom-flights", "EvaluateTargetHealth": "true",
        "HealthCheck": "66666666-7777-8888-9999-000000000000" } ] }
  }
}`;

/** 70 % of flights' clients are in Singapore's region, 30 % in Mumbai's. */
export const FLIGHTS_MIX = { "ap-southeast-1": 0.7, "ap-south-1": 0.3 };

/** A deep copy of a parsed JSON value, for tests that mutate a document. */
export function clone<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}

/** Asserts a computed share report whose shares match `expected` and sum to 1. */
export function expectShares(result: ShareResult, expected: Record<string, number>): void {
  expect(result.kind).toBe("computed");
  if (result.kind !== "computed") return;
  expect(Object.keys(result.shares).sort()).toEqual(Object.keys(expected).sort());
  for (const [id, share] of Object.entries(expected)) expect(result.shares[id], `share of ${id}`).toBeCloseTo(share, 9);
  const total = Object.values(result.shares).reduce((sum, share) => sum + share, 0);
  expect(total).toBeCloseTo(1, 9);
}
