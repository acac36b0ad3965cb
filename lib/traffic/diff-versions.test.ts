import { describe, expect, it } from "vitest";

import { buildDocument } from "./build-document";
import { canonicalDocumentText, serializeDocument } from "./canonical-json";
import { diffVersions, type ShareDelta } from "./diff-versions";
import { AWS_FACTS_EXAMPLE, FLIGHTS, FLIGHTS_MIX, HC_BOM, HC_SG } from "./test-fixtures";
import type { ServiceTopology, ShareOptions } from "./types";

const options: ShareOptions = { clientMix: FLIGHTS_MIX, health: { healthChecks: { [HC_SG]: "healthy", [HC_BOM]: "healthy" } } };
const v = (percent: number, topology: ServiceTopology = FLIGHTS) => buildDocument(topology, { multiRegionPercent: percent });

const WITH_TOKYO: ServiceTopology = {
  ...FLIGHTS,
  regions: [
    ...FLIGHTS.regions,
    { regionCode: "ap-northeast-1", endpointId: "nrt-flights", dnsName: "flights-hb-nrt.ap-northeast-1.elb.amazonaws.com", endpointType: "application-load-balancer" },
  ],
};

function expectDeltas(actual: ShareDelta[], expected: Array<[string, number | null, number | null]>): void {
  expect(actual.map((row) => row.endpointId)).toEqual(expected.map(([id]) => id));
  expected.forEach(([, before, after], i) => {
    const row = actual[i];
    for (const [key, value] of [["before", before], ["after", after]] as const) {
      if (value === null) expect(row?.[key]).toBeNull();
      else expect(row?.[key]).toBeCloseTo(value, 9);
    }
    if (before === null || after === null) expect(row?.delta).toBeNull();
    else expect(row?.delta).toBeCloseTo(after - before, 9);
  });
}

describe("diffVersions", () => {
  it.each([
    {
      name: "10 % → 20 %: only the two weights change",
      before: v(10),
      after: v(20),
      removed: ['"Weight": "90",', '"Weight": "10"'],
      added: ['"Weight": "80",', '"Weight": "20"'],
      deltas: [["bom-flights", 0.03, 0.06], ["home-single", 0.9, 0.8], ["sg-flights", 0.07, 0.14]] as Array<[string, number, number]>,
    },
    {
      name: "100 % → 0 % (a rollback to single region)",
      before: v(100),
      after: v(0),
      removed: ['"Weight": "0",', '"Weight": "100"'],
      added: ['"Weight": "100",', '"Weight": "0"'],
      deltas: [["bom-flights", 0.3, 0], ["home-single", 0, 1], ["sg-flights", 0.7, 0]] as Array<[string, number, number]>,
    },
  ])("$name", ({ before, after, removed, added, deltas }) => {
    const diff = diffVersions({ label: "v1", document: before }, { label: "v2", document: after }, options);
    expect(diff.changed).toBe(true);
    expect(diff.lines.filter((l) => l.kind === "removed").map((l) => l.text.trim())).toEqual(removed);
    expect(diff.lines.filter((l) => l.kind === "added").map((l) => l.text.trim())).toEqual(added);
    expect([diff.removed, diff.added]).toEqual([2, 2]);
    expectDeltas(diff.shares, deltas);
  });

  it("numbers lines of both texts and writes a unified patch", () => {
    const diff = diffVersions({ label: "v1", document: v(10) }, { label: "v2", document: v(20) }, options);
    const oldText = serializeDocument(v(10)).split("\n");
    for (const line of diff.lines) {
      if (line.oldLine !== undefined) expect(oldText[line.oldLine - 1]).toBe(line.text);
    }
    const firstRemoved = diff.lines.find((l) => l.kind === "removed");
    const firstAdded = diff.lines.find((l) => l.kind === "added");
    expect(firstRemoved?.oldLine).toBe(firstAdded?.newLine);
    expect(diff.patch).toContain("--- v1");
    expect(diff.patch).toContain("+++ v2");
    expect(diff.patch).toMatch(/^-\s+"Weight": "90",$/m);
    expect(diff.patch).toMatch(/^\+\s+"Weight": "80",$/m);
  });

  it("sees no change between the same document written differently", () => {
    const diff = diffVersions({ label: "aws", document: AWS_FACTS_EXAMPLE }, { label: "again", document: JSON.parse(AWS_FACTS_EXAMPLE) as unknown }, options);
    expect(diff.changed).toBe(false);
    expect([diff.added, diff.removed]).toEqual([0, 0]);
    expect(diff.lines.every((l) => l.kind === "unchanged")).toBe(true);
    expect(diff.shares.every((row) => row.delta !== null && Math.abs(row.delta) < 1e-12)).toBe(true);
  });

  it("shows a new region's endpoint and entry as added lines and its share from 0", () => {
    const diff = diffVersions({ label: "v1", document: v(100) }, { label: "v2", document: v(100, WITH_TOKYO) }, {
      ...options,
      clientMix: { ...FLIGHTS_MIX, "ap-northeast-1": 1 },
    });
    const added = diff.lines.filter((l) => l.kind === "added").map((l) => l.text.trim());
    expect(added).toContain('"nrt-flights": {');
    expect(added).toContain('"Region": "ap-northeast-1",');
    expect(diff.removed).toBe(0);
    expectDeltas(diff.shares, [
      ["bom-flights", 0.15, 0.15],
      ["home-single", 0, 0],
      ["nrt-flights", 0, 0.5],
      ["sg-flights", 0.85, 0.35],
    ]);
  });

  it("still diffs the text when one side is not JSON, with no share for that side", () => {
    const broken = '{ "AWSPolicyFormatVersion": "2015-10-01"';
    const diff = diffVersions({ label: "drifted", document: broken }, { label: "v2", document: v(10) }, options);
    expect(diff.before).toEqual({ kind: "unavailable", reason: expect.stringMatching(/^Document is not valid JSON/) as string });
    expect(diff.lines.filter((l) => l.kind === "removed").map((l) => l.text)).toEqual([broken]);
    expect(diff.added).toBe(canonicalDocumentText(v(10)).split("\n").length - 1);
    expectDeltas(diff.shares, [["bom-flights", null, 0.03], ["home-single", null, 0.9], ["sg-flights", null, 0.07]]);
  });
});
