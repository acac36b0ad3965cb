import type { NodeRef, NormalizedPolicy, NormalizedRule, RoutedEntry } from "./normalize-document";
import { distanceFrom } from "./region-geo";
import type { GeoPoint, HealthSnapshot, HealthStatus, Nearness } from "./types";

// Route 53's answer for one client region, as fractions per endpoint, following
// the Developer Guide's "How Amazon Route 53 chooses records when health checking
// is configured":
// - an entry with a HealthCheck is unhealthy when that check is; with
//   EvaluateTargetHealth it is unhealthy when its target is (an endpoint reported
//   unhealthy, or a rule none of whose entries is healthy); an entry with neither
//   is always healthy;
// - a RuleReference without EvaluateTargetHealth inherits its child rule's health.
//   Traffic Flow builds rule→rule links as alias records and the document format
//   does not say what an omitted flag means there (unverified); inheriting is what
//   makes "every region down" move the multi-region share back to the single
//   region, and an explicit "false" still turns it off;
// - when every entry of a rule is unhealthy, Route 53 answers as if all were
//   healthy ("fail open"); failover then answers with the primary;
// - weighted: weight-0 entries get nothing while a non-zero entry is healthy, are
//   considered once every non-zero entry is unhealthy, and share evenly when all
//   weights are 0;
// - unknown or missing health counts as healthy, as Route 53 does for a check
//   with no observations yet; the ids are reported so the UI can say so.

export interface EvaluationTrace {
  failOpenRules: Set<string>;
  assumedEndpoints: Set<string>;
  assumedHealthChecks: Set<string>;
  warnings: Set<string>;
}

export function newTrace(): EvaluationTrace {
  return { failOpenRules: new Set(), assumedEndpoints: new Set(), assumedHealthChecks: new Set(), warnings: new Set() };
}

type Choice = Array<{ entry: RoutedEntry; fraction: number }>;

function even(entries: RoutedEntry[]): Choice {
  return entries.map((entry) => ({ entry, fraction: 1 / entries.length }));
}

export class PolicyEvaluator {
  private readonly ruleHealth = new Map<string, boolean>();

  constructor(
    private readonly policy: NormalizedPolicy,
    private readonly health: HealthSnapshot,
    private readonly nearness: Nearness | undefined,
    readonly trace: EvaluationTrace = newTrace(),
  ) {}

  private isUp(status: HealthStatus | undefined, id: string, assumed: Set<string>): boolean {
    if (status === "unhealthy") return false;
    if (status !== "healthy") assumed.add(id);
    return true;
  }

  entryHealthy(entry: RoutedEntry): boolean {
    if (entry.healthCheckId !== undefined) {
      const status = this.health.healthChecks?.[entry.healthCheckId];
      if (!this.isUp(status, entry.healthCheckId, this.trace.assumedHealthChecks)) return false;
    }
    const evaluate = entry.evaluateTargetHealth ?? entry.target.kind === "rule";
    if (!evaluate) return true;
    if (entry.target.kind === "rule") return this.ruleHealthy(entry.target.id);
    return this.isUp(this.health.endpoints?.[entry.target.id], entry.target.id, this.trace.assumedEndpoints);
  }

  /** Healthy when at least one entry is: what an alias with EvaluateTargetHealth sees. */
  ruleHealthy(ruleId: string): boolean {
    const known = this.ruleHealth.get(ruleId);
    if (known !== undefined) return known;
    const rule = this.policy.rules[ruleId];
    const healthy = rule !== undefined && ruleEntries(rule).some((entry) => this.entryHealthy(entry));
    this.ruleHealth.set(ruleId, healthy);
    return healthy;
  }

  /** Adds `mass` of client traffic, spread as Route 53 would, to `into` (endpoint id → fraction). */
  route(ref: NodeRef, client: string | undefined, mass: number, into: Map<string, number>): void {
    if (mass === 0) return;
    if (ref.kind === "endpoint") {
      into.set(ref.id, (into.get(ref.id) ?? 0) + mass);
      return;
    }
    const rule = this.policy.rules[ref.id];
    if (rule === undefined) return;
    for (const { entry, fraction } of this.choose(ref.id, rule, client)) this.route(entry.target, client, mass * fraction, into);
  }

  private healthyOrAll<T extends RoutedEntry>(ruleId: string, entries: T[]): T[] {
    const healthy = entries.filter((entry) => this.entryHealthy(entry));
    if (healthy.length > 0) return healthy;
    this.trace.failOpenRules.add(ruleId);
    return entries;
  }

  private choose(ruleId: string, rule: NormalizedRule, client: string | undefined): Choice {
    switch (rule.type) {
      case "weighted":
        return this.chooseWeighted(ruleId, rule.items);
      case "latency":
        return this.nearest(ruleId, this.healthyOrAll(ruleId, rule.regions), client, (e) => e.region);
      case "geoproximity":
        return this.nearest(ruleId, this.healthyOrAll(ruleId, rule.locations), client, (e) =>
          e.region ?? (e.latitude !== undefined && e.longitude !== undefined ? { lat: e.latitude, lon: e.longitude } : undefined),
        );
      case "failover":
        if (this.entryHealthy(rule.primary)) return [{ entry: rule.primary, fraction: 1 }];
        if (this.entryHealthy(rule.secondary)) return [{ entry: rule.secondary, fraction: 1 }];
        this.trace.failOpenRules.add(ruleId);
        return [{ entry: rule.primary, fraction: 1 }];
      case "geo":
        this.trace.warnings.add(`Geolocation rule "${ruleId}" is approximated: its healthy locations share traffic evenly`);
        return even(this.healthyOrAll(ruleId, rule.locations));
      case "multivalue":
        return even(this.healthyOrAll(ruleId, rule.items));
    }
  }

  private chooseWeighted(ruleId: string, items: Array<RoutedEntry & { weight: number }>): Choice {
    const nonZero = items.filter((item) => item.weight > 0);
    if (nonZero.length === 0) return even(this.healthyOrAll(ruleId, items));
    let pool = nonZero.filter((item) => this.entryHealthy(item));
    if (pool.length === 0) {
      const zeroHealthy = items.filter((item) => item.weight === 0 && this.entryHealthy(item));
      if (zeroHealthy.length > 0) return even(zeroHealthy);
      this.trace.failOpenRules.add(ruleId);
      pool = nonZero;
    }
    const total = pool.reduce((sum, item) => sum + item.weight, 0);
    return pool.map((entry) => ({ entry, fraction: entry.weight / total }));
  }

  private nearest<T extends RoutedEntry>(
    ruleId: string,
    candidates: T[],
    client: string | undefined,
    locate: (entry: T) => string | GeoPoint | undefined,
  ): Choice {
    if (client === undefined) {
      this.trace.warnings.add(`No client population given: rule "${ruleId}" spreads traffic evenly over its candidates`);
      return even(candidates);
    }
    const distances = candidates.map((entry) => {
      const where = locate(entry);
      return where === undefined ? Infinity : distanceFrom(this.nearness, client, where);
    });
    const best = Math.min(...distances);
    if (best === Infinity) {
      this.trace.warnings.add(`No nearness data from ${client} for rule "${ruleId}": its candidates share that traffic evenly`);
      return even(candidates);
    }
    // Ties (the same region twice, or equal distances) share evenly.
    return even(candidates.filter((_, i) => distances[i] === best));
  }
}

export function ruleEntries(rule: NormalizedRule): RoutedEntry[] {
  switch (rule.type) {
    case "weighted":
      return rule.items;
    case "latency":
      return rule.regions;
    case "failover":
      return [rule.primary, rule.secondary];
    case "geo":
    case "geoproximity":
      return rule.locations;
    case "multivalue":
      return rule.items;
  }
}
