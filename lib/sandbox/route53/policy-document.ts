import { isIP } from "node:net";
import { isRegion } from "../regions";
import { Route53Error } from "./errors";
import { DocumentError, isObject, onlyKeys, parseRule, ruleEntries, type PolicyRule } from "./policy-rules";

// The traffic policy document validator: everything AWS checks before it accepts a document
// (format version, record type, one start, endpoint types, the list each rule type needs,
// references that resolve, no cycles). Failures become InvalidTrafficPolicyDocument (400).

export const FORMAT_VERSIONS = ["2015-10-01", "2023-05-09"] as const;
export const POLICY_RECORD_TYPES = ["A", "AAAA", "CAA", "CNAME", "MX", "NAPTR", "PTR", "SPF", "SRV", "TXT"] as const;

const ALIAS_TYPES = [
  "cloudfront",
  "application-load-balancer",
  "elastic-load-balancer",
  "network-load-balancer",
  "elastic-beanstalk",
  "s3-website",
] as const;
const ENDPOINT_TYPES = ["value", ...ALIAS_TYPES] as const;
export type EndpointType = (typeof ENDPOINT_TYPES)[number];

export interface PolicyEndpoint {
  type: EndpointType;
  value: string;
  region?: string;
}

export interface PolicyDocument {
  formatVersion: string;
  recordType: string;
  startRule?: string;
  startEndpoint?: string;
  endpoints: Record<string, PolicyEndpoint>;
  rules: Record<string, PolicyRule>;
}

export { type PolicyRule, type RuleEntry } from "./policy-rules";

const DNS_NAME = /^(?=.{1,255}$)([a-z0-9_*]([a-z0-9_-]{0,61}[a-z0-9_])?\.)*[a-z0-9_]([a-z0-9_-]{0,61}[a-z0-9_])?\.?$/i;

/** Parses and validates; throws Route53Error InvalidTrafficPolicyDocument with AWS-style wording. */
export function validatePolicyDocument(text: string): PolicyDocument {
  try {
    return parseDocument(text);
  } catch (error) {
    if (error instanceof DocumentError) {
      throw new Route53Error("InvalidTrafficPolicyDocument", `Invalid traffic policy document: ${error.message}`);
    }
    throw error;
  }
}

function parseDocument(text: string): PolicyDocument {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    throw new DocumentError(`the document is not valid JSON (${(error as Error).message})`);
  }
  if (!isObject(raw)) throw new DocumentError("the document must be a JSON object");
  onlyKeys(raw, ["AWSPolicyFormatVersion", "RecordType", "StartRule", "StartEndpoint", "Endpoints", "Rules"], "The document");

  const formatVersion = raw.AWSPolicyFormatVersion;
  if (!FORMAT_VERSIONS.includes(formatVersion as (typeof FORMAT_VERSIONS)[number])) {
    throw new DocumentError(`AWSPolicyFormatVersion must be one of ${FORMAT_VERSIONS.join(", ")}`);
  }
  const recordType = raw.RecordType;
  if (typeof recordType !== "string" || !POLICY_RECORD_TYPES.includes(recordType as (typeof POLICY_RECORD_TYPES)[number])) {
    throw new DocumentError(`RecordType must be one of ${POLICY_RECORD_TYPES.join(", ")}`);
  }
  const { StartRule: startRule, StartEndpoint: startEndpoint } = raw;
  if ((startRule === undefined) === (startEndpoint === undefined)) {
    throw new DocumentError("the document must have exactly one of StartRule or StartEndpoint");
  }

  const endpoints = parseEndpoints(raw.Endpoints, recordType);
  const rules = parseRules(raw.Rules);

  if (startRule !== undefined && (typeof startRule !== "string" || !rules[startRule])) {
    throw new DocumentError(`StartRule refers to a rule that is not defined: ${String(startRule)}`);
  }
  if (startEndpoint !== undefined && (typeof startEndpoint !== "string" || !endpoints[startEndpoint])) {
    throw new DocumentError(`StartEndpoint refers to an endpoint that is not defined: ${String(startEndpoint)}`);
  }
  checkReferences(endpoints, rules);
  checkNoCycles(rules);
  return { formatVersion: formatVersion as string, recordType, startRule: startRule as string | undefined, startEndpoint: startEndpoint as string | undefined, endpoints, rules };
}

function parseEndpoints(raw: unknown, recordType: string): Record<string, PolicyEndpoint> {
  if (raw === undefined) return {};
  if (!isObject(raw)) throw new DocumentError("Endpoints must be an object of named endpoints");
  const out: Record<string, PolicyEndpoint> = {};
  for (const [name, value] of Object.entries(raw)) {
    const where = `Endpoint ${name}`;
    if (!isObject(value)) throw new DocumentError(`${where} must be an object`);
    onlyKeys(value, ["Type", "Value", "Region"], where);
    const type = value.Type;
    if (!ENDPOINT_TYPES.includes(type as EndpointType)) throw new DocumentError(`${where}.Type must be one of ${ENDPOINT_TYPES.join(", ")}`);
    const endpointValue = value.Value;
    if (typeof endpointValue !== "string" || endpointValue.trim() === "") throw new DocumentError(`${where}.Value is required`);
    const region = value.Region;
    if (region !== undefined && (typeof region !== "string" || !isRegion(region))) throw new DocumentError(`${where}.Region is not an AWS region`);
    if (type === "s3-website" && region === undefined) throw new DocumentError(`${where} of type s3-website needs a Region`);
    checkEndpointValue(type as EndpointType, endpointValue, recordType, where);
    out[name] = { type: type as EndpointType, value: endpointValue, region: region as string | undefined };
  }
  return out;
}

function checkEndpointValue(type: EndpointType, value: string, recordType: string, where: string): void {
  if (type !== "value") {
    // Alias endpoints answer with the target's addresses, so they only fit address records.
    const allowed = type === "s3-website" ? ["A"] : ["A", "AAAA"];
    if (!allowed.includes(recordType)) throw new DocumentError(`${where} of type ${type} can't be used with record type ${recordType}`);
    if (!DNS_NAME.test(value)) throw new DocumentError(`${where}.Value must be the DNS name of the ${type}`);
    return;
  }
  if (recordType === "A" && isIP(value) !== 4) throw new DocumentError(`${where}.Value must be an IPv4 address for record type A`);
  if (recordType === "AAAA" && isIP(value) !== 6) throw new DocumentError(`${where}.Value must be an IPv6 address for record type AAAA`);
  if (recordType === "CNAME" && !DNS_NAME.test(value)) throw new DocumentError(`${where}.Value must be a domain name for record type CNAME`);
}

function parseRules(raw: unknown): Record<string, PolicyRule> {
  if (raw === undefined) return {};
  if (!isObject(raw)) throw new DocumentError("Rules must be an object of named rules");
  return Object.fromEntries(Object.entries(raw).map(([name, value]) => [name, parseRule(value, `Rule ${name}`)]));
}

function checkReferences(endpoints: Record<string, PolicyEndpoint>, rules: Record<string, PolicyRule>): void {
  for (const [name, rule] of Object.entries(rules)) {
    for (const entry of ruleEntries(rule)) {
      if (entry.endpoint !== undefined && !endpoints[entry.endpoint]) {
        throw new DocumentError(`Rule ${name} refers to an endpoint that is not defined: ${entry.endpoint}`);
      }
      if (entry.rule !== undefined && !rules[entry.rule]) {
        throw new DocumentError(`Rule ${name} refers to a rule that is not defined: ${entry.rule}`);
      }
      if (rule.ruleType === "multivalue" && entry.endpoint !== undefined && endpoints[entry.endpoint]?.type !== "value") {
        throw new DocumentError(`Rule ${name}: a multivalue rule can only reference endpoints of type value`);
      }
    }
  }
}

function checkNoCycles(rules: Record<string, PolicyRule>): void {
  const done = new Set<string>();
  const visit = (name: string, path: string[]): void => {
    if (path.includes(name)) throw new DocumentError(`the rules form a cycle: ${[...path, name].join(" -> ")}`);
    if (done.has(name)) return;
    const rule = rules[name];
    if (rule) for (const entry of ruleEntries(rule)) if (entry.rule !== undefined) visit(entry.rule, [...path, name]);
    done.add(name);
  };
  for (const name of Object.keys(rules)) visit(name, []);
}
