import { describe, expect, it } from "vitest";
import { evaluateBreaches, isAtLevel, type OpenBreach, type RegionReading } from "./breaches";
import type { ReplicationStatus } from "./types";

const thresholds = { warningMs: 500, criticalMs: 1000 };
const reading = (status: ReplicationStatus, lagMs: number | null = null, region = "eu"): RegionReading => ({ region, status, lagMs, thresholds });

/** Feeds readings tick by tick (1 s apart) and returns every change, as "level:type@tick". */
function run(statuses: [ReplicationStatus, number | null][], clearAfterTicks = 2) {
  let open: OpenBreach[] = [];
  let n = 0;
  const log: string[] = [];
  statuses.forEach(([status, lag], tick) => {
    const result = evaluateBreaches({ open, regions: [reading(status, lag)], nowMs: tick * 1000, clearAfterTicks, newId: () => `b${++n}` });
    open = result.open;
    for (const c of result.changes) {
      if (c.type === "open") log.push(`${c.breach.level}:open@${tick}`);
      if (c.type === "peak") log.push(`${c.id}:peak=${c.peakLagMs}@${tick}`);
      if (c.type === "close") log.push(`${c.breach.level}:close@${tick}(ended ${c.endedAtMs / 1000},peak ${c.breach.peakLagMs})`);
    }
  });
  return { log, open };
}

describe("isAtLevel", () => {
  it.each([
    ["warning", "ok", false],
    ["warning", "warning", true],
    ["warning", "critical", true],
    ["critical", "warning", false],
    ["critical", "unreachable", true],
    ["critical", "stale", null],
    ["warning", "skewed", null],
  ] as const)("%s with %s → %s", (level, status, want) => {
    expect(isAtLevel(level, status)).toBe(want);
  });
});

describe("evaluateBreaches", () => {
  it.each([
    { name: "healthy: nothing", ticks: [["ok", 1], ["ok", 2]], want: [] },
    {
      name: "warning then recovery closes after two healthy ticks, ending at the first",
      ticks: [["warning", 600], ["warning", 700], ["ok", 1], ["ok", 1]],
      want: ["warning:open@0", "b1:peak=700@1", "warning:close@3(ended 2,peak 700)"],
    },
    {
      name: "escalation opens critical beside warning; de-escalation closes only critical",
      ticks: [["warning", 600], ["critical", 1500], ["warning", 600], ["warning", 600]],
      want: ["warning:open@0", "b1:peak=1500@1", "critical:open@1", "critical:close@3(ended 2,peak 1500)"],
    },
    {
      name: "a single good tick in a bad run does not close",
      ticks: [["critical", 1200], ["ok", 1], ["critical", 1100], ["ok", 1]],
      want: ["warning:open@0", "critical:open@0"],
    },
    {
      name: "stale and skewed neither open nor close",
      ticks: [["stale", null], ["critical", 1200], ["skewed", -3000], ["skewed", -3000], ["critical", 1100]],
      want: ["warning:open@1", "critical:open@1"],
    },
    {
      name: "unreachable counts as critical, without a lag peak",
      ticks: [["unreachable", null], ["ok", 0], ["ok", 0]],
      want: ["warning:open@0", "critical:open@0", "warning:close@2(ended 1,peak null)", "critical:close@2(ended 1,peak null)"],
    },
  ] as { name: string; ticks: [ReplicationStatus, number | null][]; want: string[] }[])("$name", ({ ticks, want }) => {
    expect(run(ticks).log).toEqual(want);
  });

  it("records the threshold in force when it opened", () => {
    const { open } = run([["critical", 1200]]);
    expect(open.map((b) => [b.level, b.thresholdMs])).toEqual([
      ["warning", 500],
      ["critical", 1000],
    ]);
  });

  it("closes breaches of a region that left the inventory", () => {
    const first = evaluateBreaches({ open: [], regions: [reading("critical", 2000)], nowMs: 0, clearAfterTicks: 1, newId: () => "x" });
    const second = evaluateBreaches({ open: first.open, regions: [], nowMs: 1000, clearAfterTicks: 1, newId: () => "y" });
    expect(second.changes.map((c) => c.type)).toEqual(["close", "close"]);
    expect(second.open).toEqual([]);
  });
});
