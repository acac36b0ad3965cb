import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eventually } from "@/lib/sandbox/test-support";
import { SLUG, startTrafficHarness, type TrafficHarness } from "@/lib/test/traffic-harness";
import { runExclusive } from "./exclusive";
import { pollHealth } from "./health-poll";
import { getServiceDetail, listServiceSummaries } from "./queries";
import { buildDiagram } from "./topology-model";

// Live health from Route 53's health checks on the demo clusters' heartbeats, and what it
// does to the effective share: take Mumbai's cluster down and its clients fail over.

let h: TrafficHarness;

beforeAll(async () => {
  h = await startTrafficHarness();
});
afterAll(() => h?.close());

const shares = async () => {
  const detail = await getServiceDetail(h.db, SLUG);
  return detail.liveShare?.kind === "computed" ? detail.liveShare.shares : {};
};

describe("health and failover", () => {
  it("polls Route 53's verdict into the record; every region healthy", async () => {
    await eventually(async () => ((await pollHealth(h.db, h.route53For)) >= 0 && (await h.db.healthObservation.count({ where: { status: "healthy" } })) === 2 ? true : undefined));
    const summary = (await listServiceSummaries(h.db)).find((s) => s.slug === SLUG)!;
    expect(summary).toMatchObject({ activeVersion: 1, multiRegionPercent: 10, topology: "multi-region", drift: false });
    expect(summary.health.map((r) => [r.regionCode, r.status])).toEqual([["ap-south-1", "healthy"], ["ap-southeast-1", "healthy"]]);
    const now = await shares();
    expect(now["proxy-sg"]).toBeCloseTo(0.9);
    expect(now["flights-hb-sg"]).toBeCloseTo(0.06);
    expect(now["flights-hb-bom"]).toBeCloseTo(0.04);
  });

  it("a cluster taken down turns its region unhealthy and moves its share to the other region", async () => {
    expect((await h.sandboxApi("POST", "/_sandbox/clusters/metasearch-flights-bom/down")).status).toBe(200);
    await eventually(async () => {
      await pollHealth(h.db, h.route53For);
      return (await h.db.healthObservation.count({ where: { status: "unhealthy" } })) === 1 ? true : undefined;
    }, 10_000, "Mumbai unhealthy");
    const now = await shares();
    expect(now["flights-hb-bom"]).toBe(0);
    expect(now["flights-hb-sg"]).toBeCloseTo(0.1);
    const detail = await getServiceDetail(h.db, SLUG);
    const diagram = buildDiagram(detail.diagram);
    expect(diagram.nodes.find((n) => n.testId === "node-flights-hb-bom")?.health).toBe("unhealthy");
    expect(diagram.edges.find((e) => e.target.endsWith("flights-hb-bom"))?.label).toBe("0 %");
    expect((await h.sandboxApi("POST", "/_sandbox/clusters/metasearch-flights-bom/up")).status).toBe(200);
    await eventually(async () => {
      await pollHealth(h.db, h.route53For);
      return (await h.db.healthObservation.count({ where: { status: "healthy" } })) === 2 ? true : undefined;
    }, 10_000, "Mumbai healthy again");
  });
});

describe("periodic work across several workers", () => {
  it("runs a round in one process only", async () => {
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    const first = runExclusive(h.db, 42n, () => held);
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(await runExclusive(h.db, 42n, async () => {})).toBe(false);
    release();
    expect(await first).toBe(true);
    expect(await runExclusive(h.db, 42n, async () => {})).toBe(true);
  });
});
