import type { InstanceInfo } from "@/lib/route53";
import { instanceDifference, type Expectation } from "./expected-instance";

// Drift = what Route 53 has that Flightdeck's record does not say. Pure: the reconciler
// gathers both sides and stores the items; the service page shows them; adopt and revert
// resolve them.

export type DriftKind = "instance-missing" | "instance-policy" | "instance-version" | "instance-busy" | "extra-versions" | "missing-versions";

export type DriftItem = { kind: DriftKind; message: string; versions?: number[] };

export type DriftReport = {
  items: DriftItem[];
  /** What the policy record looked like in Route 53 when checked. */
  instance: { policyId: string; version: number; state: string; message: string } | null;
  checkedAt: string;
};

export type Route53Side = {
  /** Null when the policy record no longer exists. */
  instance: InstanceInfo | null;
  /** Version numbers Route 53 lists for Flightdeck's policy (deleted ones are not listed). */
  versions: number[];
};

export type FlightdeckSide = Expectation & {
  /** Versions Flightdeck numbered, and whether it already knows they were deleted in Route 53. */
  known: { version: number; deleted: boolean }[];
};

const list = (numbers: number[]) => numbers.map((n) => `v${n}`).join(", ");

export function compareWithRoute53(route53: Route53Side, flightdeck: FlightdeckSide): DriftItem[] {
  const items: DriftItem[] = [];
  if (!route53.instance) {
    items.push({ kind: "instance-missing", message: "The policy record no longer exists in Route 53: the service's DNS name answers from nothing Flightdeck manages." });
  } else {
    const difference = instanceDifference(route53.instance, flightdeck);
    if (difference) items.push({ ...difference, versions: [route53.instance.version] });
  }
  const known = new Set(flightdeck.known.map((k) => k.version));
  const listed = new Set(route53.versions);
  const extra = route53.versions.filter((v) => !known.has(v)).sort((a, b) => a - b);
  if (extra.length > 0) {
    items.push({ kind: "extra-versions", versions: extra, message: `${list(extra)} ${extra.length === 1 ? "was" : "were"} created outside Flightdeck.` });
  }
  const missing = flightdeck.known.filter((k) => !k.deleted && !listed.has(k.version)).map((k) => k.version).sort((a, b) => a - b);
  if (missing.length > 0) {
    items.push({ kind: "missing-versions", versions: missing, message: `${list(missing)} ${missing.length === 1 ? "was" : "were"} deleted in Route 53 outside Flightdeck.` });
  }
  return items;
}

/** Items that change what DNS answers (as opposed to history only). */
export function affectsTraffic(item: DriftItem): boolean {
  return item.kind.startsWith("instance-");
}
