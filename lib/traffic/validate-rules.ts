import { isRecord, jsonPath, readBoolean, readInteger, readNonEmptyString, type JsonPathSegment, type JsonRecord } from "./json-read";
import { MAX_WEIGHT, RULE_TYPES, type RuleType } from "./types";

// Per-rule checks of validateDocument, written from AWS-FACTS.md ("Rules: weighted
// (Items[], Weight 0–255), latency (Regions[], Region), failover (Primary,
// Secondary), geo (Locations[]), geoproximity (GeoproximityLocations[]),
// multivalue (Items[]). Each entry references EndpointReference or RuleReference
// and may carry EvaluateTargetHealth and HealthCheck").

export interface ValidationProblem {
  /** JSON path of the offending value, e.g. `$.Rules.rollout.Items[1].Weight`. */
  path: string;
  message: string;
}

export interface ReferenceTargets {
  endpointIds: ReadonlySet<string>;
  ruleIds: ReadonlySet<string>;
}

/** The list (or pair) of entries each rule type routes over. */
const ENTRY_LISTS: Record<RuleType, { keys: string[]; list: boolean }> = {
  weighted: { keys: ["Items"], list: true },
  latency: { keys: ["Regions"], list: true },
  failover: { keys: ["Primary", "Secondary"], list: false },
  geo: { keys: ["Locations"], list: true },
  geoproximity: { keys: ["GeoproximityLocations"], list: true },
  multivalue: { keys: ["Items"], list: true },
};

export function isRuleType(value: unknown): value is RuleType {
  return typeof value === "string" && (RULE_TYPES as readonly string[]).includes(value);
}

export interface RuleEntry {
  segments: JsonPathSegment[];
  entry: unknown;
}

/** Every entry of a rule with its path below the rule; nothing for a malformed rule. */
export function listRuleEntries(rule: JsonRecord): RuleEntry[] {
  if (!isRuleType(rule.RuleType)) return [];
  const spec = ENTRY_LISTS[rule.RuleType];
  const entries: RuleEntry[] = [];
  for (const key of spec.keys) {
    const value = rule[key];
    if (spec.list && Array.isArray(value)) value.forEach((entry: unknown, i) => entries.push({ segments: [key, i], entry }));
    else if (!spec.list && value !== undefined) entries.push({ segments: [key], entry: value });
  }
  return entries;
}

function checkReference(entry: JsonRecord, at: JsonPathSegment[], targets: ReferenceTargets): ValidationProblem[] {
  const hasEndpoint = entry.EndpointReference !== undefined;
  const hasRule = entry.RuleReference !== undefined;
  if (hasEndpoint === hasRule) {
    const which = hasEndpoint ? "has both EndpointReference and" : "has neither EndpointReference nor";
    return [{ path: jsonPath(at), message: `Entry ${which} RuleReference; exactly one is required` }];
  }
  const key = hasEndpoint ? "EndpointReference" : "RuleReference";
  const id = readNonEmptyString(entry[key]);
  const known = hasEndpoint ? targets.endpointIds : targets.ruleIds;
  if (id === undefined) return [{ path: jsonPath([...at, key]), message: `${key} must be a non-empty id` }];
  if (!known.has(id)) {
    const where = hasEndpoint ? "an endpoint in Endpoints" : "a rule in Rules";
    return [{ path: jsonPath([...at, key]), message: `${key} "${id}" does not name ${where}` }];
  }
  return [];
}

function checkEntry(ruleType: RuleType, entry: unknown, at: JsonPathSegment[], targets: ReferenceTargets): ValidationProblem[] {
  if (!isRecord(entry)) return [{ path: jsonPath(at), message: "Entry must be an object" }];
  const problems = checkReference(entry, at, targets);
  if (entry.EvaluateTargetHealth !== undefined && readBoolean(entry.EvaluateTargetHealth) === undefined) {
    problems.push({ path: jsonPath([...at, "EvaluateTargetHealth"]), message: 'EvaluateTargetHealth must be "true" or "false"' });
  }
  if (entry.HealthCheck !== undefined && readNonEmptyString(entry.HealthCheck) === undefined) {
    problems.push({ path: jsonPath([...at, "HealthCheck"]), message: "HealthCheck must be a non-empty health check id" });
  }
  if (ruleType === "weighted") {
    const weight = readInteger(entry.Weight);
    const path = jsonPath([...at, "Weight"]);
    if (entry.Weight === undefined) problems.push({ path, message: "Weight is missing; a weighted entry needs an integer 0–255" });
    else if (weight === undefined) problems.push({ path, message: `Weight ${JSON.stringify(entry.Weight)} is not an integer` });
    else if (weight < 0 || weight > MAX_WEIGHT) problems.push({ path, message: `Weight ${weight} is outside 0–${MAX_WEIGHT}` });
  }
  if (ruleType === "latency" && readNonEmptyString(entry.Region) === undefined) {
    problems.push({ path: jsonPath([...at, "Region"]), message: "A latency entry needs a Region (an AWS region code)" });
  }
  return problems;
}

function checkDuplicateRegions(rule: JsonRecord, at: JsonPathSegment[]): ValidationProblem[] {
  if (!Array.isArray(rule.Regions)) return [];
  const seen = new Set<string>();
  const problems: ValidationProblem[] = [];
  rule.Regions.forEach((entry: unknown, i) => {
    const region = isRecord(entry) ? readNonEmptyString(entry.Region) : undefined;
    if (region === undefined) return;
    if (seen.has(region)) {
      problems.push({ path: jsonPath([...at, "Regions", i, "Region"]), message: `Region ${region} appears more than once in this latency rule` });
    }
    seen.add(region);
  });
  return problems;
}

/** Problems in one rule, excluding cycles (validateDocument checks those across rules). */
export function validateRule(ruleId: string, rule: unknown, targets: ReferenceTargets): ValidationProblem[] {
  const at: JsonPathSegment[] = ["Rules", ruleId];
  if (!isRecord(rule)) return [{ path: jsonPath(at), message: `Rule "${ruleId}" must be an object` }];
  if (!isRuleType(rule.RuleType)) {
    const got = rule.RuleType === undefined ? "is missing" : `${JSON.stringify(rule.RuleType)} is not supported`;
    return [{ path: jsonPath([...at, "RuleType"]), message: `RuleType ${got}; use one of ${RULE_TYPES.join(", ")}` }];
  }
  const ruleType = rule.RuleType;
  const spec = ENTRY_LISTS[ruleType];
  const problems: ValidationProblem[] = [];
  for (const key of spec.keys) {
    const value = rule[key];
    const missing = spec.list ? !Array.isArray(value) || value.length === 0 : value === undefined;
    if (missing) {
      const needs = spec.list ? `a non-empty ${key} list` : `a ${key} entry`;
      problems.push({ path: jsonPath([...at, key]), message: `A ${ruleType} rule needs ${needs}` });
    }
  }
  for (const { segments, entry } of listRuleEntries(rule)) problems.push(...checkEntry(ruleType, entry, [...at, ...segments], targets));
  problems.push(...checkDuplicateRegions(rule, at));
  return problems;
}
