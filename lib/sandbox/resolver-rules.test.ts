import { describe, expect, it } from "vitest";
import { evaluateStart } from "./resolver-rules";
import { validatePolicyDocument } from "./route53/policy-document";

// Route 53's routing arithmetic on parsed documents, with health given as a plain function.

const endpoints = {
  home: { Type: "value", Value: "192.0.2.1" },
  sg: { Type: "value", Value: "192.0.2.2" },
  bom: { Type: "value", Value: "192.0.2.3" },
};

const weighted = (weights: [number, number, number], healthChecks = false) =>
  validatePolicyDocument(
    JSON.stringify({
      AWSPolicyFormatVersion: "2015-10-01",
      RecordType: "A",
      StartRule: "w",
      Endpoints: endpoints,
      Rules: { w: { RuleType: "weighted", Items: (["home", "sg", "bom"] as const).map((e, i) => ({ EndpointReference: e, Weight: String(weights[i]), ...(healthChecks ? { HealthCheck: `hc-${e}` } : {}) })) } },
    }),
  );

const latency = validatePolicyDocument(
  JSON.stringify({
    AWSPolicyFormatVersion: "2015-10-01",
    RecordType: "A",
    StartRule: "rollout",
    Endpoints: endpoints,
    Rules: {
      rollout: { RuleType: "weighted", Items: [{ EndpointReference: "home", Weight: "80" }, { RuleReference: "near", Weight: "20", EvaluateTargetHealth: "true" }] },
      near: {
        RuleType: "latency",
        Regions: [
          { Region: "ap-southeast-1", EndpointReference: "sg", HealthCheck: "hc-sg", EvaluateTargetHealth: "true" },
          { Region: "ap-south-1", EndpointReference: "bom", HealthCheck: "hc-bom", EvaluateTargetHealth: "true" },
        ],
      },
    },
  }),
);

const shares = (result: ReturnType<typeof evaluateStart>) => Object.fromEntries(result.answers.map((a) => [a.endpoint, a.probability]));
const healthy = (down: string[] = []) => (id: string) => (id === "hc-missing" ? undefined : !down.includes(id));

describe("weighted rules", () => {
  it.each([
    [[90, 10, 0], [], { home: 0.9, sg: 0.1 }],
    [[0, 0, 0], [], { home: 1 / 3, sg: 1 / 3, bom: 1 / 3 }],
    [[1, 1, 2], [], { home: 0.25, sg: 0.25, bom: 0.5 }],
    [[90, 10, 0], ["hc-home"], { sg: 1 }],
    // Zero-weight records are used only when every record with a weight is unhealthy.
    [[90, 10, 0], ["hc-home", "hc-sg"], { bom: 1 }],
    // All unhealthy: Route 53 answers as if all were healthy.
    [[90, 10, 0], ["hc-home", "hc-sg", "hc-bom"], { home: 0.9, sg: 0.1 }],
    [[0, 0, 0], ["hc-sg"], { home: 0.5, bom: 0.5 }],
  ] as [[number, number, number], string[], Record<string, number>][])("weights %j with %j down", (weights, down, expected) => {
    const result = shares(evaluateStart(weighted(weights, true), { clientRegion: "us-east-1", health: healthy(down) }));
    expect(Object.keys(result).sort()).toEqual(Object.keys(expected).sort());
    for (const [endpoint, p] of Object.entries(expected)) expect(result[endpoint]).toBeCloseTo(p, 5);
  });
});

describe("latency rules under a weighted rollout", () => {
  it.each([
    ["ap-south-1", [], { home: 0.8, bom: 0.2 }],
    ["ap-southeast-1", [], { home: 0.8, sg: 0.2 }],
    ["eu-west-1", [], { home: 0.8, bom: 0.2 }],
    ["ap-south-1", ["hc-bom"], { home: 0.8, sg: 0.2 }],
    // Nothing healthy behind the latency rule and EvaluateTargetHealth on it: all goes home.
    ["ap-south-1", ["hc-bom", "hc-sg"], { home: 1 }],
  ] as [string, string[], Record<string, number>][])("client in %s with %j down", (clientRegion, down, expected) => {
    expect(shares(evaluateStart(latency, { clientRegion, health: healthy(down) }))).toEqual(expected);
  });

  it("explains what it skipped", () => {
    const result = evaluateStart(latency, { clientRegion: "ap-south-1", health: healthy(["hc-bom"]) });
    expect(result.excluded).toEqual([{ rule: "near", target: "bom", reason: "health check hc-bom is unhealthy" }]);
  });

  it("treats a health check that does not exist as failing", () => {
    const doc = weighted([1, 1, 0]);
    const rule = doc.rules.w;
    if (rule?.ruleType !== "weighted") throw new Error("expected a weighted rule");
    (rule.items[0] as { healthCheck?: string }).healthCheck = "hc-missing";
    const result = evaluateStart(doc, { clientRegion: "us-east-1", health: healthy() });
    expect(shares(result)).toEqual({ sg: 1 });
    expect(result.excluded[0]?.reason).toContain("does not exist");
  });
});
