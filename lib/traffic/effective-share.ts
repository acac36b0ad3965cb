import { buildDocument } from "./build-document";
import { PolicyEvaluator, newTrace, ruleEntries } from "./evaluate-policy";
import { isRecord } from "./json-read";
import { normalizeDocument, type NodeRef, type NormalizedPolicy } from "./normalize-document";
import { regionFromDnsName } from "./region-geo";
import type { HealthSnapshot, HealthStatus, ServiceTopology, ShareOptions, ShareResult, Split } from "./types";

// Effective share = the fraction of all traffic that lands on each endpoint, given
// the weights, the health of endpoints and checks, and where clients are. Clients
// of one region all resolve alike under latency routing, so the total is the
// population-weighted sum of one evaluation per client region.
//
// When every endpoint is down, Route 53 does not return an empty answer: each rule
// answers as if all its entries were healthy. The shares then show that fail-open
// answer (they still sum to 1) with noHealthyEndpoint set and shareOnUnhealthy = 1,
// because that is where resolvers will really send clients.

function reachableEndpoints(policy: NormalizedPolicy): Set<string> {
  const endpoints = new Set<string>();
  const seenRules = new Set<string>();
  const walk = (ref: NodeRef): void => {
    if (ref.kind === "endpoint") {
      endpoints.add(ref.id);
      return;
    }
    const rule = policy.rules[ref.id];
    if (rule === undefined || seenRules.has(ref.id)) return;
    seenRules.add(ref.id);
    for (const entry of ruleEntries(rule)) walk(entry.target);
  };
  walk(policy.start);
  return endpoints;
}

/** Endpoints known to be down: reported unhealthy, or every health check guarding them is. */
export function downEndpoints(policy: NormalizedPolicy, health: HealthSnapshot): Set<string> {
  const guards = new Map<string, HealthStatus[]>();
  for (const rule of Object.values(policy.rules)) {
    for (const entry of ruleEntries(rule)) {
      if (entry.target.kind !== "endpoint" || entry.healthCheckId === undefined) continue;
      const status = health.healthChecks?.[entry.healthCheckId] ?? "unknown";
      guards.set(entry.target.id, [...(guards.get(entry.target.id) ?? []), status]);
    }
  }
  const down = new Set<string>();
  for (const id of Object.keys(policy.endpoints)) {
    const checks = guards.get(id) ?? [];
    if (health.endpoints?.[id] === "unhealthy" || (checks.length > 0 && checks.every((s) => s === "unhealthy"))) down.add(id);
  }
  return down;
}

function clientWeights(mix: ShareOptions["clientMix"]): Array<[string | undefined, number]> {
  const entries = Object.entries(mix ?? {}).filter(([, share]) => Number.isFinite(share) && share > 0);
  const total = entries.reduce((sum, [, share]) => sum + share, 0);
  if (total === 0) return [[undefined, 1]];
  return entries.sort(([a], [b]) => (a < b ? -1 : 1)).map(([region, share]) => [region, share / total]);
}

/** Effective share for a policy that is already normalised. */
export function sharesForPolicy(policy: NormalizedPolicy, options: ShareOptions = {}): ShareResult {
  const health = options.health ?? {};
  const evaluator = new PolicyEvaluator(policy, health, options.nearness, newTrace());
  const totals = new Map<string, number>();
  const byClientRegion: Record<string, Record<string, number>> = {};
  for (const [client, weight] of clientWeights(options.clientMix)) {
    const mine = new Map<string, number>();
    evaluator.route(policy.start, client, 1, mine);
    if (client !== undefined) byClientRegion[client] = Object.fromEntries(mine);
    for (const [id, share] of mine) totals.set(id, (totals.get(id) ?? 0) + share * weight);
  }

  const shares: Record<string, number> = {};
  for (const id of Object.keys(policy.endpoints).sort()) shares[id] = totals.get(id) ?? 0;
  const down = downEndpoints(policy, health);
  const reachable = [...reachableEndpoints(policy)];
  const { trace } = evaluator;
  return {
    kind: "computed",
    shares,
    byClientRegion,
    noHealthyEndpoint: reachable.length > 0 && reachable.every((id) => down.has(id)),
    shareOnUnhealthy: [...down].reduce((sum, id) => sum + (shares[id] ?? 0), 0),
    failOpenRules: [...trace.failOpenRules].sort(),
    assumedHealthy: { endpoints: [...trace.assumedEndpoints].sort(), healthChecks: [...trace.assumedHealthChecks].sort() },
    warnings: [...trace.warnings],
  };
}

/** A parsed managed model stands for its document, so callers holding one need not unwrap it. */
export function documentOf(input: unknown): unknown {
  return isRecord(input) && input.kind === "managed" && isRecord(input.document) ? input.document : input;
}

/**
 * Effective share for any document (JSON string, parsed value, or a managed model
 * from parseDocument); "unavailable" with a reason when it cannot be evaluated.
 */
export function computeEffectiveShare(document: unknown, options: ShareOptions = {}): ShareResult {
  const normalized = normalizeDocument(documentOf(document));
  if (!normalized.ok) return { kind: "unavailable", reason: normalized.reason };
  return sharesForPolicy(normalized.policy, options);
}

/** Region per endpoint id, as the inventory knows it. */
export function topologyEndpointRegions(topology: ServiceTopology): Record<string, string> {
  const regions: Record<string, string> = { [topology.singleRegion.endpointId]: topology.singleRegion.regionCode };
  for (const region of topology.regions) regions[region.endpointId] = region.regionCode;
  return regions;
}

/** Effective share of the document Flightdeck would build for this topology and split. */
export function computeTopologyShare(topology: ServiceTopology, split: Split, options: ShareOptions = {}): ShareResult {
  const endpointRegions = { ...topologyEndpointRegions(topology), ...options.endpointRegions };
  return computeEffectiveShare(buildDocument(topology, split), { ...options, endpointRegions });
}

/**
 * The region of each endpoint: given explicitly, else the endpoint's own Region,
 * else the latency entry that points at it, else its ELB DNS name.
 */
export function endpointRegionsOf(policy: NormalizedPolicy, explicit: Record<string, string> = {}): Record<string, string> {
  const fromLatency = new Map<string, string>();
  for (const rule of Object.values(policy.rules)) {
    if (rule.type !== "latency") continue;
    for (const entry of rule.regions) if (entry.target.kind === "endpoint") fromLatency.set(entry.target.id, entry.region);
  }
  const regions: Record<string, string> = {};
  for (const [id, endpoint] of Object.entries(policy.endpoints)) {
    const region = explicit[id] ?? endpoint.region ?? fromLatency.get(id) ?? regionFromDnsName(endpoint.value);
    if (region !== undefined) regions[id] = region;
  }
  return regions;
}
