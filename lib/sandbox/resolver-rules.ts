import { distanceKm, REGIONS, regionDistance } from "./regions";
import type { PolicyDocument, PolicyRule, RuleEntry } from "./route53/policy-document";

// Route 53's routing decisions for one client, expressed as probabilities per endpoint.
// Health rules: an entry is skipped when its HealthCheck fails, or when EvaluateTargetHealth
// is set and nothing healthy is behind it; when every entry of a rule is unhealthy Route 53
// answers as if all were healthy rather than not at all. A weighted rule with all weights 0
// splits evenly; weight-0 entries are used only when no entry with weight > 0 is healthy.

export interface Answer {
  endpoint: string;
  type: string;
  value: string;
  region?: string;
  probability: number;
}

export interface Excluded {
  rule: string;
  target: string;
  reason: string;
}

interface Context {
  clientRegion: string;
  /** undefined: the health check does not exist. */
  health(id: string): boolean | undefined;
}

interface Outcome {
  dist: Map<string, number>;
  healthy: boolean;
}

type Child = { entry: RuleEntry; outcome: Outcome; healthy: boolean };

export function evaluateStart(document: PolicyDocument, context: Context): { answers: Answer[]; excluded: Excluded[] } {
  const excluded: Excluded[] = [];
  const evalRef = (ref: { endpoint?: string; rule?: string }): Outcome => {
    if (ref.endpoint !== undefined) return { dist: new Map([[ref.endpoint, 1]]), healthy: true };
    const rule = document.rules[ref.rule ?? ""];
    return rule ? evalRule(ref.rule ?? "", rule) : { dist: new Map(), healthy: false };
  };
  const evalRule = (name: string, rule: PolicyRule): Outcome => {
    const child = (entry: RuleEntry): Child => {
      const outcome = evalRef(entry);
      const reason = unhealthyReason(entry, outcome, context);
      if (reason) excluded.push({ rule: name, target: entry.endpoint ?? entry.rule ?? "", reason });
      return { entry, outcome, healthy: reason === undefined };
    };
    const shares = chooseShares(rule, child, context.clientRegion);
    const dist = new Map<string, number>();
    for (const [c, share] of shares) for (const [endpoint, p] of c.outcome.dist) dist.set(endpoint, (dist.get(endpoint) ?? 0) + share * p);
    return { dist, healthy: shares.some(([c]) => c.healthy) };
  };

  const outcome = evalRef({ endpoint: document.startEndpoint, rule: document.startRule });
  const answers = [...outcome.dist]
    .filter(([, p]) => p > 0)
    .map(([name, p]) => {
      const endpoint = document.endpoints[name];
      return { endpoint: name, type: endpoint?.type ?? "value", value: endpoint?.value ?? "", region: endpoint?.region, probability: Math.round(p * 1e6) / 1e6 };
    })
    .sort((a, b) => b.probability - a.probability);
  return { answers, excluded };
}

function unhealthyReason(entry: RuleEntry, outcome: Outcome, context: Context): string | undefined {
  if (entry.healthCheck !== undefined) {
    const healthy = context.health(entry.healthCheck);
    if (healthy === undefined) return `health check ${entry.healthCheck} does not exist`;
    if (!healthy) return `health check ${entry.healthCheck} is unhealthy`;
  }
  if (entry.evaluateTargetHealth && !outcome.healthy) return "EvaluateTargetHealth: nothing healthy behind this entry";
  return undefined;
}

/** Which children answer, and with what share of the queries. */
function chooseShares(rule: PolicyRule, child: (e: RuleEntry) => Child, clientRegion: string): [Child, number][] {
  const healthyOrAll = (children: Child[]) => (children.some((c) => c.healthy) ? children.filter((c) => c.healthy) : children);
  switch (rule.ruleType) {
    case "weighted": {
      const children = rule.items.map((item) => ({ c: child(item), weight: item.weight }));
      let pool = children.filter((x) => x.weight > 0 && x.c.healthy);
      if (pool.length === 0) pool = children.filter((x) => x.weight === 0 && x.c.healthy);
      if (pool.length === 0) {
        // Nothing healthy: answer as if everything were, by the weights as written.
        pool = children.some((x) => x.weight > 0) ? children.filter((x) => x.weight > 0) : children;
      }
      const total = pool.reduce((s, x) => s + x.weight, 0);
      return pool.map((x) => [x.c, total === 0 ? 1 / pool.length : x.weight / total]);
    }
    case "latency": {
      const children = rule.regions.map((r) => ({ c: child(r), distance: regionDistance(clientRegion, r.region) })).sort((a, b) => a.distance - b.distance);
      const chosen = children.find((x) => x.c.healthy) ?? children[0];
      return chosen ? [[chosen.c, 1]] : [];
    }
    case "failover": {
      const primary = child(rule.primary);
      const secondary = child(rule.secondary);
      return [[primary.healthy || !secondary.healthy ? primary : secondary, 1]];
    }
    case "geo": {
      const place = REGIONS[clientRegion];
      const children = rule.locations.map((l) => ({ c: child(l), location: l }));
      const ranked = [
        ...children.filter((x) => x.location.country !== undefined && x.location.country === place?.country),
        ...children.filter((x) => x.location.continent !== undefined && x.location.continent === place?.continent),
        ...children.filter((x) => x.location.isDefault),
      ];
      const chosen = ranked.find((x) => x.c.healthy) ?? ranked[0];
      return chosen ? [[chosen.c, 1]] : [];
    }
    case "geoproximity": {
      const place = REGIONS[clientRegion] ?? { lat: 0, lon: 0 };
      const children = rule.locations
        .map((l) => {
          const where = l.region ? REGIONS[l.region] : { lat: l.latitude ?? 0, lon: l.longitude ?? 0 };
          // A positive bias enlarges the area routed to a location: it looks closer.
          return { c: child(l), distance: (where ? distanceKm(place, where) : Infinity) * (1 - l.bias / 100) };
        })
        .sort((a, b) => a.distance - b.distance);
      const chosen = children.find((x) => x.c.healthy) ?? children[0];
      return chosen ? [[chosen.c, 1]] : [];
    }
    case "multivalue": {
      const pool = healthyOrAll(rule.items.map(child));
      return pool.map((c) => [c, 1 / pool.length]);
    }
  }
}
