import { buildDocument, isCanonicalWeights, weightsToSplit } from "./build-document";
import { canonicalDocumentText, canonicalize, serializeDocument } from "./canonical-json";
import { isRecord, type JsonRecord } from "./json-read";
import { normalizeDocument, type NormalizedPolicy, type RegionEntry, type WeightedEntry } from "./normalize-document";
import { regionFromDnsName } from "./region-geo";
import type { EndpointType, RecordType, RegionalEndpoint, ServiceTopology, Split, SplitWeights } from "./types";

// Reads a document back into the rollout model when it has the shape Flightdeck
// builds, whatever its ids. Anything else — a policy made in the console, a
// failover tree, invalid JSON — is "unknown": the UI shows it read-only with the
// reason, and nothing here throws. `matchesBuild` tells drift detection whether
// republishing the model would reproduce the document exactly.

export interface ManagedPolicy {
  kind: "managed";
  formatVersion: string;
  recordType: RecordType;
  ruleIds: { rollout: string; multiRegion: string };
  /** regionCode comes from the endpoint's Region or its ELB DNS name, when either says. */
  singleRegion: { endpointId: string; dnsName: string; endpointType: EndpointType; regionCode?: string };
  /** In document order. */
  regions: RegionalEndpoint[];
  weights: SplitWeights;
  /** The share Route 53 gives latency routing; fractional when the weights do not sum to 100. */
  split: Split;
  /**
   * True when buildDocument on this model yields the same document up to the
   * order of rule entries (which Route 53 ignores): republishing changes nothing.
   */
  matchesBuild: boolean;
  /** The parsed document, keys in canonical order. */
  document: JsonRecord;
}

export interface UnknownPolicy {
  kind: "unknown";
  reason: string;
  /** Canonical pretty text (or the raw text, if not JSON) for read-only display. */
  text: string;
}

export type ParsedDocument = ManagedPolicy | UnknownPolicy;

type ManagedModel = Omit<ManagedPolicy, "kind" | "matchesBuild" | "document">;
type Shape = { ok: true; model: ManagedModel } | { ok: false; reason: string };

function readShape(policy: NormalizedPolicy): Shape {
  const fail = (reason: string): Shape => ({ ok: false, reason });
  if (policy.recordType !== "A" && policy.recordType !== "AAAA") {
    return fail(`RecordType ${policy.recordType} is not one Flightdeck manages (A or AAAA)`);
  }
  if (policy.start.kind !== "rule") return fail(`Starts at endpoint "${policy.start.id}", not at a weighted rule`);
  const rolloutId = policy.start.id;
  const rollout = policy.rules[rolloutId];
  if (rollout?.type !== "weighted") return fail(`Start rule "${rolloutId}" is a ${rollout?.type ?? "missing"} rule, not weighted`);
  if (rollout.items.length !== 2) {
    return fail(`Start rule "${rolloutId}" has ${rollout.items.length} entries; the managed shape has exactly two`);
  }
  const single = rollout.items.find((item) => item.target.kind === "endpoint");
  const multi = rollout.items.find((item) => item.target.kind === "rule");
  if (single === undefined || multi === undefined) {
    return fail(`Start rule "${rolloutId}" must point at one endpoint and one rule`);
  }
  const latency = policy.rules[multi.target.id];
  if (latency?.type !== "latency") return fail(`Rule "${multi.target.id}" is a ${latency?.type ?? "missing"} rule, not latency`);
  return readRegions(policy, rolloutId, single, multi, latency.regions);
}

function readRegions(
  policy: NormalizedPolicy,
  rolloutId: string,
  single: WeightedEntry,
  multi: WeightedEntry,
  entries: RegionEntry[],
): Shape {
  const fail = (reason: string): Shape => ({ ok: false, reason });
  const used = new Set([single.target.id]);
  const regions: RegionalEndpoint[] = [];
  for (const entry of entries) {
    if (entry.target.kind !== "endpoint") return fail(`Latency entry for ${entry.region} points at rule "${entry.target.id}", not at an endpoint`);
    if (used.has(entry.target.id)) return fail(`Endpoint "${entry.target.id}" is used more than once`);
    used.add(entry.target.id);
    const endpoint = policy.endpoints[entry.target.id];
    if (endpoint === undefined) return fail(`Endpoint "${entry.target.id}" is missing`);
    const region: RegionalEndpoint = { regionCode: entry.region, endpointId: entry.target.id, dnsName: endpoint.value, endpointType: endpoint.type };
    if (entry.healthCheckId !== undefined) region.healthCheckId = entry.healthCheckId;
    regions.push(region);
  }
  const extraRules = Object.keys(policy.rules).filter((id) => id !== rolloutId && id !== multi.target.id);
  if (extraRules.length > 0) return fail(`Rules outside the managed shape: ${extraRules.join(", ")}`);
  const extraEndpoints = Object.keys(policy.endpoints).filter((id) => !used.has(id));
  if (extraEndpoints.length > 0) return fail(`Endpoints outside the managed shape: ${extraEndpoints.join(", ")}`);

  const home = policy.endpoints[single.target.id];
  if (home === undefined) return fail(`Endpoint "${single.target.id}" is missing`);
  const singleRegion: ManagedPolicy["singleRegion"] = { endpointId: single.target.id, dnsName: home.value, endpointType: home.type };
  const homeRegion = home.region ?? regionFromDnsName(home.value);
  if (homeRegion !== undefined) singleRegion.regionCode = homeRegion;
  const weights = { single: single.weight, multi: multi.weight };
  return {
    ok: true,
    model: {
      formatVersion: policy.formatVersion,
      recordType: policy.recordType as RecordType,
      ruleIds: { rollout: rolloutId, multiRegion: multi.target.id },
      singleRegion,
      regions,
      weights,
      split: weightsToSplit(weights),
    },
  };
}

/** Rule entry lists in a fixed order, so entry order alone never counts as a difference. */
function withSortedEntries(document: JsonRecord): string {
  const copy = canonicalize(document);
  for (const rule of Object.values(isRecord(copy.Rules) ? copy.Rules : {})) {
    if (!isRecord(rule)) continue;
    for (const key of ["Items", "Regions", "Locations", "GeoproximityLocations"]) {
      const list = rule[key];
      if (Array.isArray(list)) rule[key] = list.map((e: unknown) => JSON.stringify(e)).sort().map((e) => JSON.parse(e) as unknown);
    }
  }
  return serializeDocument(copy);
}

/**
 * The inventory view of a managed document, e.g. to adopt a change made outside
 * Flightdeck. The single-region endpoint's region is taken from `homeRegion`
 * when given, else from the document; "" when neither knows it.
 */
export function managedToTopology(model: ManagedModel, slug: string, homeRegion?: string): ServiceTopology {
  return {
    slug,
    recordType: model.recordType,
    singleRegion: { ...model.singleRegion, regionCode: homeRegion ?? model.singleRegion.regionCode ?? "" },
    regions: model.regions.map((region) => ({ ...region })),
  };
}

function rebuildsExactly(model: ManagedModel, document: JsonRecord): boolean {
  if (!isCanonicalWeights(model.weights)) return false;
  try {
    const rebuilt = buildDocument(managedToTopology(model, ""), { multiRegionPercent: model.weights.multi });
    return withSortedEntries(rebuilt as unknown as JsonRecord) === withSortedEntries(document);
  } catch {
    return false;
  }
}

/** The managed model of a document, or why it is not one. Accepts a JSON string or a parsed value. */
export function parseDocument(input: unknown): ParsedDocument {
  const normalized = normalizeDocument(input);
  if (!normalized.ok) return { kind: "unknown", reason: normalized.reason, text: canonicalDocumentText(input) };
  const shape = readShape(normalized.policy);
  if (!shape.ok) return { kind: "unknown", reason: shape.reason, text: canonicalDocumentText(input) };
  return {
    kind: "managed",
    ...shape.model,
    matchesBuild: rebuildsExactly(shape.model, normalized.raw),
    document: canonicalize(normalized.raw),
  };
}
