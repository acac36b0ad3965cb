import { describe, expect, it } from "vitest";

import { buildDocument } from "./build-document";
import type { JsonRecord } from "./json-read";
import { AWS_FACTS_EXAMPLE, FLIGHTS, clone } from "./test-fixtures";
import { validateDocument, type ValidationProblem } from "./validate-document";

const base = (): JsonRecord => clone(buildDocument(FLIGHTS, { multiRegionPercent: 10 })) as unknown as JsonRecord;
const rule = (doc: JsonRecord, id: string): JsonRecord => (doc.Rules as Record<string, JsonRecord>)[id] ?? {};
const item = (doc: JsonRecord, i: number): JsonRecord => (rule(doc, "rollout").Items as JsonRecord[])[i] ?? {};
const region = (doc: JsonRecord, i: number): JsonRecord => (rule(doc, "multi-region").Regions as JsonRecord[])[i] ?? {};
const endpoints = (doc: JsonRecord): Record<string, JsonRecord> => doc.Endpoints as Record<string, JsonRecord>;
const lb = { Type: "application-load-balancer", Value: "x.ap-south-1.elb.amazonaws.com" };

describe("validateDocument accepts", () => {
  it.each([
    { name: "the document Flightdeck builds", input: base() },
    { name: "AWS-FACTS.md's example as a string", input: AWS_FACTS_EXAMPLE },
    { name: "weights and booleans as JSON numbers and booleans", edit: (d: JsonRecord) => Object.assign(item(d, 0), { Weight: 90, EvaluateTargetHealth: true }) },
    { name: "format version 2023-05-09", edit: (d: JsonRecord) => Object.assign(d, { AWSPolicyFormatVersion: "2023-05-09" }) },
    { name: "weights 0 and 255", edit: (d: JsonRecord) => (Object.assign(item(d, 0), { Weight: "0" }), Object.assign(item(d, 1), { Weight: "255" })) },
    {
      name: "a StartEndpoint document without Rules",
      input: { AWSPolicyFormatVersion: "2015-10-01", RecordType: "A", StartEndpoint: "a", Endpoints: { a: lb } },
    },
  ])("$name", ({ input, edit }) => {
    const doc = input ?? base();
    edit?.(doc as JsonRecord);
    expect(validateDocument(doc)).toEqual([]);
  });
});

// A RegExp message is for text that embeds something outside our control (JSON.parse's wording).
type Expected = { path: string; message: string | RegExp };
type Case = { name: string; edit?: (doc: JsonRecord) => unknown; input?: unknown; problems: Expected[] };

const cases: Case[] = [
  { name: "invalid JSON", input: "{", problems: [{ path: "$", message: /^Document is not valid JSON: ./ }] },
  { name: "a JSON array", input: [], problems: [{ path: "$", message: "Document must be a JSON object" }] },
  {
    name: "a document over 102,400 characters",
    edit: (d) => Object.assign(endpoints(d)["home-single"] ?? {}, { Value: "a".repeat(103_000) }),
    problems: [{ path: "$", message: /^Document is 103,\d{3} characters; Route 53 accepts at most 102,400$/ }],
  },
  { name: "no format version", edit: (d) => delete d.AWSPolicyFormatVersion, problems: [{ path: "$.AWSPolicyFormatVersion", message: "AWSPolicyFormatVersion is missing" }] },
  {
    name: "an unknown format version",
    edit: (d) => (d.AWSPolicyFormatVersion = "2012-10-17"),
    problems: [{ path: "$.AWSPolicyFormatVersion", message: 'AWSPolicyFormatVersion "2012-10-17" is not supported; use 2015-10-01 or 2023-05-09' }],
  },
  { name: "no record type", edit: (d) => delete d.RecordType, problems: [{ path: "$.RecordType", message: "RecordType is missing (the DNS type, e.g. A)" }] },
  { name: "both StartRule and StartEndpoint", edit: (d) => (d.StartEndpoint = "home-single"), problems: [{ path: "$", message: "Document has both StartRule and StartEndpoint; exactly one is allowed" }] },
  { name: "neither StartRule nor StartEndpoint", edit: (d) => delete d.StartRule, problems: [{ path: "$", message: "Document needs a StartRule or a StartEndpoint" }] },
  { name: "a StartRule that names no rule", edit: (d) => (d.StartRule = "home-single"), problems: [{ path: "$.StartRule", message: 'StartRule "home-single" does not name a rule in Rules' }] },
  {
    name: "no Endpoints",
    input: { AWSPolicyFormatVersion: "2015-10-01", RecordType: "A", StartEndpoint: "a" },
    problems: [
      { path: "$.Endpoints", message: "Endpoints is missing" },
      { path: "$.StartEndpoint", message: 'StartEndpoint "a" does not name an endpoint in Endpoints' },
    ],
  },
  {
    name: "an unknown endpoint type",
    edit: (d) => Object.assign(endpoints(d)["sg-flights"] ?? {}, { Type: "gateway-load-balancer" }),
    problems: [
      {
        path: "$.Endpoints.sg-flights.Type",
        message:
          'Endpoint Type "gateway-load-balancer" is not supported; use one of value, cloudfront, application-load-balancer, elastic-load-balancer, network-load-balancer, elastic-beanstalk, s3-website',
      },
    ],
  },
  { name: "an endpoint without Value", edit: (d) => delete endpoints(d)["bom-flights"]?.Value, problems: [{ path: "$.Endpoints.bom-flights.Value", message: "Endpoint Value is missing (the DNS name or address)" }] },
  {
    name: "an s3-website endpoint without Region",
    edit: (d) => Object.assign(endpoints(d)["home-single"] ?? {}, { Type: "s3-website" }),
    problems: [{ path: "$.Endpoints.home-single.Region", message: "An s3-website endpoint needs a Region" }],
  },
  {
    name: "an unknown rule type",
    edit: (d) => (rule(d, "multi-region").RuleType = "random"),
    problems: [{ path: "$.Rules.multi-region.RuleType", message: 'RuleType "random" is not supported; use one of weighted, latency, failover, geo, geoproximity, multivalue' }],
  },
  { name: "a weighted rule with no Items", edit: (d) => (rule(d, "rollout").Items = []), problems: [{ path: "$.Rules.rollout.Items", message: "A weighted rule needs a non-empty Items list" }] },
  {
    name: "a failover rule without Secondary",
    edit: (d) => Object.assign(d.Rules as JsonRecord, { fo: { RuleType: "failover", Primary: { EndpointReference: "sg-flights" } } }),
    problems: [{ path: "$.Rules.fo.Secondary", message: "A failover rule needs a Secondary entry" }],
  },
  { name: "a geo rule without Locations", edit: (d) => Object.assign(d.Rules as JsonRecord, { g: { RuleType: "geo" } }), problems: [{ path: "$.Rules.g.Locations", message: "A geo rule needs a non-empty Locations list" }] },
  {
    name: "an entry with both references",
    edit: (d) => (item(d, 0).RuleReference = "multi-region"),
    problems: [{ path: "$.Rules.rollout.Items[0]", message: "Entry has both EndpointReference and RuleReference; exactly one is required" }],
  },
  {
    name: "an entry with no reference",
    edit: (d) => delete region(d, 1).EndpointReference,
    problems: [{ path: "$.Rules.multi-region.Regions[1]", message: "Entry has neither EndpointReference nor RuleReference; exactly one is required" }],
  },
  { name: "a dangling EndpointReference", edit: (d) => (item(d, 0).EndpointReference = "nowhere"), problems: [{ path: "$.Rules.rollout.Items[0].EndpointReference", message: 'EndpointReference "nowhere" does not name an endpoint in Endpoints' }] },
  { name: "a dangling RuleReference", edit: (d) => (item(d, 1).RuleReference = "nothing"), problems: [{ path: "$.Rules.rollout.Items[1].RuleReference", message: 'RuleReference "nothing" does not name a rule in Rules' }] },
  { name: "a weight above 255", edit: (d) => (item(d, 0).Weight = "256"), problems: [{ path: "$.Rules.rollout.Items[0].Weight", message: "Weight 256 is outside 0–255" }] },
  { name: "a negative weight", edit: (d) => (item(d, 1).Weight = -1), problems: [{ path: "$.Rules.rollout.Items[1].Weight", message: "Weight -1 is outside 0–255" }] },
  { name: "a fractional weight", edit: (d) => (item(d, 1).Weight = 2.5), problems: [{ path: "$.Rules.rollout.Items[1].Weight", message: "Weight 2.5 is not an integer" }] },
  { name: "a non-numeric weight", edit: (d) => (item(d, 1).Weight = "ten"), problems: [{ path: "$.Rules.rollout.Items[1].Weight", message: 'Weight "ten" is not an integer' }] },
  { name: "a missing weight", edit: (d) => delete item(d, 0).Weight, problems: [{ path: "$.Rules.rollout.Items[0].Weight", message: "Weight is missing; a weighted entry needs an integer 0–255" }] },
  { name: "a bad EvaluateTargetHealth", edit: (d) => (region(d, 0).EvaluateTargetHealth = "yes"), problems: [{ path: "$.Rules.multi-region.Regions[0].EvaluateTargetHealth", message: 'EvaluateTargetHealth must be "true" or "false"' }] },
  { name: "an empty HealthCheck", edit: (d) => (region(d, 0).HealthCheck = ""), problems: [{ path: "$.Rules.multi-region.Regions[0].HealthCheck", message: "HealthCheck must be a non-empty health check id" }] },
  { name: "a latency entry without Region", edit: (d) => delete region(d, 1).Region, problems: [{ path: "$.Rules.multi-region.Regions[1].Region", message: "A latency entry needs a Region (an AWS region code)" }] },
  {
    name: "a region twice in one latency rule",
    edit: (d) => (region(d, 1).Region = region(d, 0).Region),
    problems: [{ path: "$.Rules.multi-region.Regions[1].Region", message: "Region ap-south-1 appears more than once in this latency rule" }],
  },
  {
    name: "two rules that reference each other",
    edit: (d) => (region(d, 0).RuleReference = "rollout", delete region(d, 0).EndpointReference),
    problems: [{ path: "$.Rules.multi-region", message: "Rules form a cycle: multi-region → rollout → multi-region" }],
  },
  {
    name: "a rule that references itself",
    edit: (d) => (item(d, 1).RuleReference = "rollout"),
    problems: [{ path: "$.Rules.rollout", message: "Rules form a cycle: rollout → rollout" }],
  },
];

describe("validateDocument reports", () => {
  it.each(cases)("$name", ({ input, edit, problems }) => {
    const doc = input ?? base();
    edit?.(doc as JsonRecord);
    const found: ValidationProblem[] = validateDocument(doc);
    expect(found.map((p) => p.path)).toEqual(problems.map((p) => p.path));
    problems.forEach(({ message }, i) => {
      if (message instanceof RegExp) expect(found[i]?.message).toMatch(message);
      else expect(found[i]?.message).toBe(message);
    });
  });

  it("reports every problem at once, each with its own path", () => {
    const doc = base();
    item(doc, 0).Weight = "300";
    delete endpoints(doc)["sg-flights"]?.Type;
    doc.AWSPolicyFormatVersion = "1";
    expect(validateDocument(doc).map((p) => p.path)).toEqual([
      "$.AWSPolicyFormatVersion",
      "$.Endpoints.sg-flights.Type",
      "$.Rules.rollout.Items[0].Weight",
    ]);
  });
});
