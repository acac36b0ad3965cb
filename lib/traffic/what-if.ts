import { buildDocument } from "./build-document";
import { documentOf, endpointRegionsOf, sharesForPolicy, topologyEndpointRegions } from "./effective-share";
import { ruleEntries } from "./evaluate-policy";
import { normalizeDocument, type NormalizedPolicy } from "./normalize-document";
import type { HealthSnapshot, ServiceTopology, ShareOptions, ShareResult, Split } from "./types";

// "What if region X is down": the health Flightdeck would observe if every
// endpoint in X failed. Marking the endpoints alone is not enough, because Route 53
// learns about a bespoke ELB's app only through the health check on the entry that
// points at it; those checks (and any on X's latency entries) are marked too.

function markPolicyRegionDown(
  policy: NormalizedPolicy,
  health: HealthSnapshot,
  regionCode: string,
  explicitRegions: Record<string, string> | undefined,
): HealthSnapshot {
  const regions = endpointRegionsOf(policy, explicitRegions);
  const downEndpoints = new Set(Object.keys(regions).filter((id) => regions[id] === regionCode));
  const endpoints = { ...health.endpoints };
  const healthChecks = { ...health.healthChecks };
  for (const id of downEndpoints) endpoints[id] = "unhealthy";
  for (const rule of Object.values(policy.rules)) {
    for (const entry of ruleEntries(rule)) {
      if (entry.healthCheckId === undefined) continue;
      const entryRegion = "region" in entry ? entry.region : undefined;
      const pointsIntoRegion = entry.target.kind === "endpoint" && downEndpoints.has(entry.target.id);
      if (pointsIntoRegion || entryRegion === regionCode) healthChecks[entry.healthCheckId] = "unhealthy";
    }
  }
  return { endpoints, healthChecks };
}

/**
 * A copy of `health` with every endpoint of `regionCode` (and the health checks
 * guarding them) marked unhealthy. An invalid document is returned unchanged.
 */
export function markRegionDown(
  document: unknown,
  health: HealthSnapshot,
  regionCode: string,
  endpointRegions?: Record<string, string>,
): HealthSnapshot {
  const normalized = normalizeDocument(documentOf(document));
  if (!normalized.ok) return health;
  return markPolicyRegionDown(normalized.policy, health, regionCode, endpointRegions);
}

/** Effective share with `regionCode` down, on top of the health in `options`. */
export function computeWhatIfRegionDown(document: unknown, regionCode: string, options: ShareOptions = {}): ShareResult {
  const normalized = normalizeDocument(documentOf(document));
  if (!normalized.ok) return { kind: "unavailable", reason: normalized.reason };
  const health = markPolicyRegionDown(normalized.policy, options.health ?? {}, regionCode, options.endpointRegions);
  return sharesForPolicy(normalized.policy, { ...options, health });
}

/** The same for the document Flightdeck would build, with regions taken from the inventory. */
export function computeTopologyWhatIf(
  topology: ServiceTopology,
  split: Split,
  regionCode: string,
  options: ShareOptions = {},
): ShareResult {
  const endpointRegions = { ...topologyEndpointRegions(topology), ...options.endpointRegions };
  return computeWhatIfRegionDown(buildDocument(topology, split), regionCode, { ...options, endpointRegions });
}
