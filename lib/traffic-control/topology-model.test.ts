import { describe, expect, it } from "vitest";
import { buildDocument, computeEffectiveShare } from "@/lib/traffic";
import { FLIGHTS, FLIGHTS_MIX, HC_BOM } from "@/lib/traffic/test-fixtures";
import { buildDiagram, stackDiagrams, type DiagramInput } from "./topology-model";

// The diagram's nodes, health colours and edge labels for both service shapes.

const document = JSON.stringify(buildDocument(FLIGHTS, { multiRegionPercent: 20 }));

function multi(health: { bom: "healthy" | "unhealthy" }): DiagramInput {
  const share = computeEffectiveShare(document, { clientMix: FLIGHTS_MIX, health: { healthChecks: { [HC_BOM]: health.bom } } });
  return {
    slug: "flights",
    pathPattern: "/flights*",
    recordName: "flights.example.com",
    topology: "multi_region",
    activeVersion: 7,
    document,
    share,
    origin: { name: "home-single", regionCode: "ap-southeast-1" },
    regional: [
      { name: "sg-flights", regionCode: "ap-southeast-1", heartbeatUrl: "http://127.0.0.1:1/heartbeat", health: "healthy" },
      { name: "bom-flights", regionCode: "ap-south-1", heartbeatUrl: "http://127.0.0.1:2/heartbeat", health: health.bom, detail: "Failure: Connection refused" },
    ],
  };
}

describe("buildDiagram", () => {
  it("draws CloudFront → record → weighted → single ELB / latency → regional ELBs → clusters with shares", () => {
    const diagram = buildDiagram(multi({ bom: "healthy" }));
    expect(diagram.nodes.map((n) => n.kind)).toEqual(["cloudfront", "record", "weighted", "elb", "latency", "elb", "cluster", "elb", "cluster"]);
    const label = (target: string) => diagram.edges.find((e) => e.target === `flights:${target}`)?.label;
    expect(label("home-single")).toBe("80 % → 80 %");
    expect(label("latency")).toBe("20 % → 20 %");
    expect(label("sg-flights")).toBe("14 %");
    expect(label("bom-flights")).toBe("6 %");
    expect(diagram.nodes.find((n) => n.id === "flights:record")?.detail).toBe("policy record · v7");
  });

  it("colours an unhealthy region, marks its edges dead and moves its share", () => {
    const diagram = buildDiagram(multi({ bom: "unhealthy" }));
    expect(diagram.nodes.find((n) => n.testId === "node-bom-flights")).toMatchObject({ health: "unhealthy" });
    expect(diagram.nodes.find((n) => n.testId === "cluster-bom-flights")).toMatchObject({ health: "unhealthy", detail: "Failure: Connection refused" });
    expect(diagram.edges.find((e) => e.target === "flights:bom-flights")).toMatchObject({ label: "0 %", dead: true });
    expect(diagram.edges.find((e) => e.target === "flights:sg-flights")?.label).toBe("20 %");
  });

  it("sends a single-region service straight to its origin", () => {
    const diagram = buildDiagram({ ...multi({ bom: "healthy" }), slug: "hotels", topology: "single_region", document: null, activeVersion: null, regional: [] });
    expect(diagram.nodes.map((n) => n.kind)).toEqual(["cloudfront", "record", "elb"]);
    expect(diagram.edges.at(-1)).toMatchObject({ source: "hotels:record", target: "hotels:origin", label: "100 %" });
  });

  it("shows a document outside Flightdeck's shape as such", () => {
    const diagram = buildDiagram({ ...multi({ bom: "healthy" }), document: "{\"AWSPolicyFormatVersion\":\"2015-10-01\"}" });
    expect(diagram.nodes.at(-1)).toMatchObject({ kind: "unknown", label: "Policy not in Flightdeck's shape" });
  });

  it("stacks services without overlap", () => {
    const { nodes } = stackDiagrams([multi({ bom: "healthy" }), { ...multi({ bom: "healthy" }), slug: "hotels", topology: "single_region", document: null, regional: [] }]);
    const flightsBottom = Math.max(...nodes.filter((n) => n.id.startsWith("flights:")).map((n) => n.y));
    const hotelsTop = Math.min(...nodes.filter((n) => n.id.startsWith("hotels:")).map((n) => n.y));
    expect(hotelsTop).toBeGreaterThan(flightsBottom);
  });
});
