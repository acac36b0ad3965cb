import { CONTINENTS, isRegion } from "../regions";

// Parsing of the six rule types of a traffic policy document. Written from AWS's documented
// format, on purpose without looking at Flightdeck's own builder: the two must agree only
// because both follow AWS, never because they share code.

export class DocumentError extends Error {}

export interface RuleEntry {
  endpoint?: string;
  rule?: string;
  evaluateTargetHealth: boolean;
  healthCheck?: string;
}

export type PolicyRule =
  | { ruleType: "weighted"; items: (RuleEntry & { weight: number })[] }
  | { ruleType: "latency"; regions: (RuleEntry & { region: string })[] }
  | { ruleType: "failover"; primary: RuleEntry; secondary: RuleEntry }
  | { ruleType: "geo"; locations: (RuleEntry & { continent?: string; country?: string; subdivision?: string; isDefault: boolean })[] }
  | { ruleType: "geoproximity"; locations: (RuleEntry & { region?: string; latitude?: number; longitude?: number; bias: number })[] }
  | { ruleType: "multivalue"; items: RuleEntry[] };

type Json = Record<string, unknown>;

const ENTRY_KEYS = ["EndpointReference", "RuleReference", "EvaluateTargetHealth", "HealthCheck"];

export function isObject(value: unknown): value is Json {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

export function onlyKeys(value: Json, allowed: readonly string[], where: string): void {
  const extra = Object.keys(value).filter((k) => !allowed.includes(k));
  if (extra.length > 0) throw new DocumentError(`${where} has an unknown property: ${extra.join(", ")}`);
}

/** AWS's own examples write booleans as strings; real JSON booleans are taken too. */
export function asBool(value: unknown, where: string): boolean {
  if (value === undefined) return false;
  if (value === true || value === "true") return true;
  if (value === false || value === "false") return false;
  throw new DocumentError(`${where} must be "true" or "false"`);
}

/** Numbers may be written as strings ("Weight": "90") or as JSON numbers. */
export function asInt(value: unknown, min: number, max: number, where: string): number {
  const n = typeof value === "string" && /^-?\d+$/.test(value.trim()) ? Number(value) : value;
  if (typeof n !== "number" || !Number.isInteger(n) || n < min || n > max) {
    throw new DocumentError(`${where} must be an integer from ${min} to ${max}`);
  }
  return n;
}

function asNumber(value: unknown, min: number, max: number, where: string): number {
  const n = typeof value === "string" && value.trim() !== "" ? Number(value) : value;
  if (typeof n !== "number" || !Number.isFinite(n) || n < min || n > max) {
    throw new DocumentError(`${where} must be a number from ${min} to ${max}`);
  }
  return n;
}

function entry(raw: unknown, where: string, extraKeys: readonly string[]): RuleEntry {
  if (!isObject(raw)) throw new DocumentError(`${where} must be an object`);
  onlyKeys(raw, [...ENTRY_KEYS, ...extraKeys], where);
  const endpoint = raw.EndpointReference;
  const rule = raw.RuleReference;
  if ((endpoint === undefined) === (rule === undefined)) {
    throw new DocumentError(`${where} must have exactly one of EndpointReference or RuleReference`);
  }
  if (endpoint !== undefined && (typeof endpoint !== "string" || endpoint === "")) throw new DocumentError(`${where}.EndpointReference must be a name`);
  if (rule !== undefined && (typeof rule !== "string" || rule === "")) throw new DocumentError(`${where}.RuleReference must be a name`);
  const healthCheck = raw.HealthCheck;
  if (healthCheck !== undefined && (typeof healthCheck !== "string" || healthCheck.length < 1 || healthCheck.length > 64)) {
    throw new DocumentError(`${where}.HealthCheck must be a health check id`);
  }
  return {
    endpoint: endpoint as string | undefined,
    rule: rule as string | undefined,
    evaluateTargetHealth: asBool(raw.EvaluateTargetHealth, `${where}.EvaluateTargetHealth`),
    healthCheck: healthCheck as string | undefined,
  };
}

function list(raw: Json, key: string, where: string, max: number): unknown[] {
  const value = raw[key];
  if (!Array.isArray(value) || value.length === 0) throw new DocumentError(`${where} of this rule type needs a non-empty ${key} list`);
  if (value.length > max) throw new DocumentError(`${where}.${key} has more than ${max} entries`);
  return value;
}

export function parseRule(raw: unknown, where: string): PolicyRule {
  if (!isObject(raw)) throw new DocumentError(`${where} must be an object`);
  const type = raw.RuleType;
  switch (type) {
    case "weighted": {
      onlyKeys(raw, ["RuleType", "Items"], where);
      const items = list(raw, "Items", where, 100).map((item, i) => {
        const at = `${where}.Items[${i}]`;
        const base = entry(item, at, ["Weight"]);
        return { ...base, weight: asInt((item as Json).Weight, 0, 255, `${at}.Weight`) };
      });
      return { ruleType: "weighted", items };
    }
    case "latency": {
      onlyKeys(raw, ["RuleType", "Regions"], where);
      const seen = new Set<string>();
      const regions = list(raw, "Regions", where, 100).map((item, i) => {
        const at = `${where}.Regions[${i}]`;
        const base = entry(item, at, ["Region"]);
        const region = (item as Json).Region;
        if (typeof region !== "string" || !isRegion(region)) throw new DocumentError(`${at}.Region is not an AWS region: ${String(region)}`);
        if (seen.has(region)) throw new DocumentError(`${where} lists region ${region} more than once`);
        seen.add(region);
        return { ...base, region };
      });
      return { ruleType: "latency", regions };
    }
    case "failover": {
      onlyKeys(raw, ["RuleType", "Primary", "Secondary"], where);
      if (raw.Primary === undefined || raw.Secondary === undefined) throw new DocumentError(`${where} of type failover needs Primary and Secondary`);
      return { ruleType: "failover", primary: entry(raw.Primary, `${where}.Primary`, []), secondary: entry(raw.Secondary, `${where}.Secondary`, []) };
    }
    case "geo": {
      onlyKeys(raw, ["RuleType", "Locations"], where);
      const locations = list(raw, "Locations", where, 256).map((item, i) => {
        const at = `${where}.Locations[${i}]`;
        const base = entry(item, at, ["Continent", "Country", "Subdivision", "IsDefault"]);
        const { Continent: continent, Country: country, Subdivision: subdivision } = item as Json;
        const isDefault = asBool((item as Json).IsDefault, `${at}.IsDefault`);
        const places = [continent, country].filter((v) => v !== undefined).length + (isDefault ? 1 : 0);
        if (places !== 1) throw new DocumentError(`${at} needs exactly one of Continent, Country or IsDefault`);
        if (continent !== undefined && !CONTINENTS.includes(continent as (typeof CONTINENTS)[number])) throw new DocumentError(`${at}.Continent is not a continent code`);
        if (country !== undefined && (typeof country !== "string" || !/^[A-Z]{2}$/.test(country))) throw new DocumentError(`${at}.Country is not a country code`);
        if (subdivision !== undefined && (typeof subdivision !== "string" || country === undefined)) throw new DocumentError(`${at}.Subdivision needs a Country`);
        return { ...base, continent: continent as string | undefined, country: country as string | undefined, subdivision: subdivision as string | undefined, isDefault };
      });
      return { ruleType: "geo", locations };
    }
    case "geoproximity": {
      onlyKeys(raw, ["RuleType", "GeoproximityLocations"], where);
      const locations = list(raw, "GeoproximityLocations", where, 256).map((item, i) => {
        const at = `${where}.GeoproximityLocations[${i}]`;
        const base = entry(item, at, ["Region", "Latitude", "Longitude", "Bias"]);
        const { Region: region, Latitude: lat, Longitude: lon } = item as Json;
        if ((region === undefined) === (lat === undefined && lon === undefined)) throw new DocumentError(`${at} needs either Region or Latitude and Longitude`);
        if (region !== undefined && (typeof region !== "string" || !isRegion(region))) throw new DocumentError(`${at}.Region is not an AWS region`);
        const bias = (item as Json).Bias === undefined ? 0 : asInt((item as Json).Bias, -99, 99, `${at}.Bias`);
        return {
          ...base,
          region: region as string | undefined,
          latitude: lat === undefined ? undefined : asNumber(lat, -90, 90, `${at}.Latitude`),
          longitude: lon === undefined ? undefined : asNumber(lon, -180, 180, `${at}.Longitude`),
          bias,
        };
      });
      return { ruleType: "geoproximity", locations };
    }
    case "multivalue": {
      onlyKeys(raw, ["RuleType", "Items"], where);
      const items = list(raw, "Items", where, 8).map((item, i) => entry(item, `${where}.Items[${i}]`, []));
      if (items.some((i) => i.rule !== undefined)) throw new DocumentError(`${where}: a multivalue rule can only reference endpoints`);
      return { ruleType: "multivalue", items };
    }
    default:
      throw new DocumentError(`${where}.RuleType must be one of weighted, latency, failover, geo, geoproximity, multivalue`);
  }
}

export function ruleEntries(rule: PolicyRule): RuleEntry[] {
  switch (rule.ruleType) {
    case "weighted":
    case "multivalue":
      return rule.items;
    case "latency":
      return rule.regions;
    case "failover":
      return [rule.primary, rule.secondary];
    case "geo":
    case "geoproximity":
      return rule.locations;
  }
}
