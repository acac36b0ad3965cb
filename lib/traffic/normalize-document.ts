import { isRecord, readBoolean, readInteger, readJsonInput, readNonEmptyString, readNumber, type JsonRecord } from "./json-read";
import type { EndpointType, RuleType } from "./types";
import { validateDocument } from "./validate-document";
import { isRuleType } from "./validate-rules";

// A typed, string-free view of any valid document, used to evaluate routing and to
// recognise the managed shape. Only documents that pass validateDocument are
// normalised, so evaluation never has to guess at dangling references or cycles.

export type NodeRef = { kind: "endpoint"; id: string } | { kind: "rule"; id: string };

export interface RoutedEntry {
  target: NodeRef;
  /** As written; undefined when the document leaves it out. */
  evaluateTargetHealth?: boolean;
  healthCheckId?: string;
}

export interface WeightedEntry extends RoutedEntry {
  weight: number;
}
export interface RegionEntry extends RoutedEntry {
  region: string;
}
export interface GeoEntry extends RoutedEntry {
  isDefault: boolean;
}
export interface GeoproximityEntry extends RoutedEntry {
  region?: string;
  latitude?: number;
  longitude?: number;
}

export type NormalizedRule =
  | { type: "weighted"; items: WeightedEntry[] }
  | { type: "latency"; regions: RegionEntry[] }
  | { type: "failover"; primary: RoutedEntry; secondary: RoutedEntry }
  | { type: "geo"; locations: GeoEntry[] }
  | { type: "geoproximity"; locations: GeoproximityEntry[] }
  | { type: "multivalue"; items: RoutedEntry[] };

export interface NormalizedEndpoint {
  type: EndpointType;
  value: string;
  region?: string;
}

export interface NormalizedPolicy {
  formatVersion: string;
  recordType: string;
  start: NodeRef;
  endpoints: Record<string, NormalizedEndpoint>;
  rules: Record<string, NormalizedRule>;
}

export type NormalizeResult = { ok: true; policy: NormalizedPolicy; raw: JsonRecord } | { ok: false; reason: string };

function routed(entry: JsonRecord): RoutedEntry {
  const endpoint = readNonEmptyString(entry.EndpointReference);
  const target: NodeRef = endpoint !== undefined ? { kind: "endpoint", id: endpoint } : { kind: "rule", id: String(entry.RuleReference) };
  const out: RoutedEntry = { target };
  const eth = readBoolean(entry.EvaluateTargetHealth);
  if (eth !== undefined) out.evaluateTargetHealth = eth;
  const healthCheck = readNonEmptyString(entry.HealthCheck);
  if (healthCheck !== undefined) out.healthCheckId = healthCheck;
  return out;
}

function records(value: unknown): JsonRecord[] {
  return Array.isArray(value) ? value.filter(isRecord) : [];
}

function normalizeRule(type: RuleType, rule: JsonRecord): NormalizedRule {
  switch (type) {
    case "weighted":
      return { type, items: records(rule.Items).map((e) => ({ ...routed(e), weight: readInteger(e.Weight) ?? 0 })) };
    case "latency":
      return { type, regions: records(rule.Regions).map((e) => ({ ...routed(e), region: String(e.Region) })) };
    case "failover":
      return { type, primary: routed(rule.Primary as JsonRecord), secondary: routed(rule.Secondary as JsonRecord) };
    case "geo":
      return { type, locations: records(rule.Locations).map((e) => ({ ...routed(e), isDefault: readBoolean(e.IsDefault) ?? false })) };
    case "geoproximity":
      return {
        type,
        locations: records(rule.GeoproximityLocations).map((e) => {
          const out: GeoproximityEntry = routed(e);
          const region = readNonEmptyString(e.Region);
          const latitude = readNumber(e.Latitude);
          const longitude = readNumber(e.Longitude);
          if (region !== undefined) out.region = region;
          if (latitude !== undefined && longitude !== undefined) Object.assign(out, { latitude, longitude });
          return out;
        }),
      };
    case "multivalue":
      return { type, items: records(rule.Items).map(routed) };
  }
}

/** The normalised policy of a valid document; otherwise the first problem, as a reason. Never throws. */
export function normalizeDocument(input: unknown): NormalizeResult {
  const read = readJsonInput(input);
  if (!read.ok) return { ok: false, reason: read.reason };
  const problems = validateDocument(read.value);
  const first = problems[0];
  if (first !== undefined) {
    const more = problems.length > 1 ? ` (and ${problems.length - 1} more)` : "";
    return { ok: false, reason: `${first.path}: ${first.message}${more}` };
  }
  const doc = read.value as JsonRecord;
  const endpoints: Record<string, NormalizedEndpoint> = {};
  for (const [id, e] of Object.entries(doc.Endpoints as JsonRecord)) {
    const endpoint = e as JsonRecord;
    const out: NormalizedEndpoint = { type: endpoint.Type as EndpointType, value: String(endpoint.Value) };
    const region = readNonEmptyString(endpoint.Region);
    if (region !== undefined) out.region = region;
    endpoints[id] = out;
  }
  const rules: Record<string, NormalizedRule> = {};
  for (const [id, r] of Object.entries(isRecord(doc.Rules) ? doc.Rules : {})) {
    const rule = r as JsonRecord;
    if (isRuleType(rule.RuleType)) rules[id] = normalizeRule(rule.RuleType, rule);
  }
  const start: NodeRef =
    doc.StartRule !== undefined ? { kind: "rule", id: String(doc.StartRule) } : { kind: "endpoint", id: String(doc.StartEndpoint) };
  return {
    ok: true,
    raw: doc,
    policy: { formatVersion: String(doc.AWSPolicyFormatVersion), recordType: String(doc.RecordType), start, endpoints, rules },
  };
}
