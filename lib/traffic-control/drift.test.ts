import { describe, expect, it } from "vitest";
import type { InstanceInfo } from "@/lib/route53";
import { affectsTraffic, compareWithRoute53, type FlightdeckSide } from "./drift";

// What counts as drift, table-driven: Route 53's side against Flightdeck's record.

const instance = (over: Partial<InstanceInfo> = {}): InstanceInfo => ({
  id: "i-1", hostedZoneId: "Z1", name: "flights.example.com.", ttl: 60, state: "Applied", message: "", policyId: "p-1", version: 3, type: "A", ...over,
});

const flightdeck = (over: Partial<FlightdeckSide> = {}): FlightdeckSide => ({
  policyId: "p-1",
  activeVersion: 3,
  failedVersions: new Set(),
  known: [1, 2, 3].map((version) => ({ version, deleted: false })),
  ...over,
});

describe("compareWithRoute53", () => {
  const table: [string, Parameters<typeof compareWithRoute53>[0], FlightdeckSide, string[]][] = [
    ["in step", { instance: instance(), versions: [1, 2, 3] }, flightdeck(), []],
    ["record switched outside", { instance: instance({ version: 2 }), versions: [1, 2, 3] }, flightdeck(), ["instance-version"]],
    ["version created and switched to outside", { instance: instance({ version: 4 }), versions: [1, 2, 3, 4] }, flightdeck(), ["instance-version", "extra-versions"]],
    ["version created outside, not used", { instance: instance(), versions: [1, 2, 3, 4, 5] }, flightdeck(), ["extra-versions"]],
    ["version deleted outside", { instance: instance(), versions: [2, 3] }, flightdeck(), ["missing-versions"]],
    ["a deletion Flightdeck already knows", { instance: instance(), versions: [2, 3] }, flightdeck({ known: [{ version: 1, deleted: true }, { version: 2, deleted: false }, { version: 3, deleted: false }] }), []],
    ["record gone", { instance: null, versions: [1, 2, 3] }, flightdeck(), ["instance-missing"]],
    ["record on another policy", { instance: instance({ policyId: "p-2", version: 1 }), versions: [1, 2, 3] }, flightdeck(), ["instance-policy"]],
    ["record still Updating from someone else", { instance: instance({ state: "Updating", version: 4 }), versions: [1, 2, 3, 4] }, flightdeck(), ["instance-busy", "extra-versions"]],
    ["Flightdeck's own failed publish", { instance: instance({ state: "Failed", version: 4, message: "Health check x does not exist." }), versions: [1, 2, 3, 4] }, flightdeck({ failedVersions: new Set([4]), known: [1, 2, 3, 4].map((version) => ({ version, deleted: false })) }), []],
    ["a failed update made outside", { instance: instance({ state: "Failed", version: 4 }), versions: [1, 2, 3, 4] }, flightdeck(), ["instance-version", "extra-versions"]],
  ];
  it.each(table)("%s", (_, route53, side, kinds) => {
    expect(compareWithRoute53(route53, side).map((item) => item.kind)).toEqual(kinds);
  });

  it("says what differs in words an operator can act on", () => {
    const items = compareWithRoute53({ instance: instance({ version: 5, state: "Failed", message: "boom" }), versions: [1, 2, 3, 4, 5] }, flightdeck({ known: [2, 3].map((version) => ({ version, deleted: false })) }));
    expect(items.map((i) => i.message)).toEqual([
      "The policy record answers with v5 (that update Failed: boom); Flightdeck's record says v3.",
      "v1, v4, v5 were created outside Flightdeck.",
    ]);
    expect(items.map(affectsTraffic)).toEqual([true, false]);
  });
});
