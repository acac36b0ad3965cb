import { canonicalize } from "./canonical-json";
import {
  EMITTED_FORMAT_VERSION,
  MULTI_REGION_RULE_ID,
  ROLLOUT_RULE_ID,
  type LatencyRegionEntry,
  type PolicyDocument,
  type PolicyEndpoint,
  type RegionalEndpoint,
  type ServiceTopology,
  type Split,
  type SplitWeights,
} from "./types";

// Builds the one document shape Flightdeck manages (ARCHITECTURE.md): a weighted
// "rollout" rule between the single-region endpoint and a "multi-region" latency
// rule over the regional bespoke ELBs. The output is a pure function of its input:
// regions are sorted by code and keys are in canonical order, so two versions
// that differ only in the split differ only in the two Weight lines.

// The slider speaks percent; Route 53 speaks integer weights 0–255. Using
// single = 100 − p and multi = p keeps the mapping exact and reversible, and at
// 0 % and 100 % one side gets weight 0, which Route 53 honours (it only splits
// evenly when *every* weight is 0).

export function isValidSplit(split: Split): boolean {
  const p = split.multiRegionPercent;
  return Number.isInteger(p) && p >= 0 && p <= 100;
}

/** Integer weights for a split. Throws RangeError for a percent that is not an integer 0–100. */
export function splitToWeights(split: Split): SplitWeights {
  if (!isValidSplit(split)) {
    throw new RangeError(`multiRegionPercent must be an integer from 0 to 100, got ${String(split.multiRegionPercent)}`);
  }
  return { single: 100 - split.multiRegionPercent, multi: split.multiRegionPercent };
}

/**
 * The share Route 53 actually gives latency routing for two weights, in percent
 * (possibly fractional, e.g. weights 1 and 2). All-zero weights split evenly: 50 %.
 */
export function weightsToSplit(weights: SplitWeights): Split {
  const total = weights.single + weights.multi;
  if (total === 0) return { multiRegionPercent: 50 };
  return { multiRegionPercent: (weights.multi / total) * 100 };
}

/** Whether the weights are exactly what splitToWeights produces for some split. */
export function isCanonicalWeights(weights: SplitWeights): boolean {
  return (
    Number.isInteger(weights.single) &&
    Number.isInteger(weights.multi) &&
    weights.single >= 0 &&
    weights.multi >= 0 &&
    weights.single + weights.multi === 100
  );
}

/** Programmer or inventory error that would otherwise be silently lost in the document's maps. */
export class TopologyError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "TopologyError";
  }
}

function assertDistinct(topology: ServiceTopology): void {
  const seenEndpoints = new Set([topology.singleRegion.endpointId]);
  const seenRegions = new Set<string>();
  for (const region of topology.regions) {
    if (seenEndpoints.has(region.endpointId)) {
      throw new TopologyError(`Endpoint id "${region.endpointId}" is used twice in service "${topology.slug}"`);
    }
    if (seenRegions.has(region.regionCode)) {
      throw new TopologyError(`Region ${region.regionCode} is listed twice in service "${topology.slug}"`);
    }
    seenEndpoints.add(region.endpointId);
    seenRegions.add(region.regionCode);
  }
}

function endpointOf(type: PolicyEndpoint["Type"], dnsName: string): PolicyEndpoint {
  return { Type: type, Value: dnsName };
}

function latencyEntry(region: RegionalEndpoint): LatencyRegionEntry {
  const entry: LatencyRegionEntry = {
    Region: region.regionCode,
    EndpointReference: region.endpointId,
    EvaluateTargetHealth: "true",
  };
  // A region without a health check still routes; EvaluateTargetHealth alone then
  // decides, which only notices the ELB itself failing, not the app behind it.
  if (region.healthCheckId) entry.HealthCheck = region.healthCheckId;
  return entry;
}

function byRegionCode(a: RegionalEndpoint, b: RegionalEndpoint): number {
  return a.regionCode < b.regionCode ? -1 : a.regionCode > b.regionCode ? 1 : 0;
}

/**
 * The traffic policy document for a service and split. Throws RangeError for a
 * split that is not an integer 0–100 and TopologyError for duplicate ids/regions.
 * Other problems (e.g. no regions) are left to validateDocument, which reports them.
 */
export function buildDocument(topology: ServiceTopology, split: Split): PolicyDocument {
  const weights = splitToWeights(split);
  assertDistinct(topology);
  const regions = [...topology.regions].sort(byRegionCode);

  const endpoints: Record<string, PolicyEndpoint> = {
    [topology.singleRegion.endpointId]: endpointOf(topology.singleRegion.endpointType, topology.singleRegion.dnsName),
  };
  for (const region of regions) endpoints[region.endpointId] = endpointOf(region.endpointType, region.dnsName);

  const document: PolicyDocument = {
    AWSPolicyFormatVersion: EMITTED_FORMAT_VERSION,
    RecordType: topology.recordType,
    StartRule: ROLLOUT_RULE_ID,
    Endpoints: endpoints,
    Rules: {
      [ROLLOUT_RULE_ID]: {
        RuleType: "weighted",
        Items: [
          {
            EndpointReference: topology.singleRegion.endpointId,
            Weight: String(weights.single),
            EvaluateTargetHealth: "true",
          },
          // No EvaluateTargetHealth here, as in AWS-FACTS.md's example: a rule
          // reference inherits its child rule's health (see evaluate-policy.ts).
          { RuleReference: MULTI_REGION_RULE_ID, Weight: String(weights.multi) },
        ],
      },
      [MULTI_REGION_RULE_ID]: { RuleType: "latency", Regions: regions.map(latencyEntry) },
    },
  };
  return canonicalize(document);
}
