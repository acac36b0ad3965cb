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
} from "./types";
import { splitToWeights } from "./weights";

// Builds the one document shape Flightdeck manages (ARCHITECTURE.md): a weighted
// "rollout" rule between the single-region endpoint and a "multi-region" latency
// rule over the regional bespoke ELBs. The output is a pure function of its input:
// regions are sorted by code and keys are in canonical order, so two versions
// that differ only in the split differ only in the two Weight lines.

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
