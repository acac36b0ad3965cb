import { isRecord, jsonPath, readJsonInput, readNonEmptyString, type JsonRecord } from "./json-read";
import { ENDPOINT_TYPES, POLICY_FORMAT_VERSIONS, type EndpointType } from "./types";
import { listRuleEntries, validateRule, type ReferenceTargets, type ValidationProblem } from "./validate-rules";

export type { ValidationProblem } from "./validate-rules";

// Flightdeck's own check of a document before it is published, written from
// AWS-FACTS.md alone. The sandbox has its own, independent validator: if the two
// disagree, a test fails, which is the point (ARCHITECTURE.md). An empty list means
// "nothing Flightdeck knows to be wrong", not a promise that Route 53 will accept it.

/** Document length limit of a traffic policy (AWS-FACTS.md: Document ≤ 102,400 chars). */
export const MAX_DOCUMENT_LENGTH = 102_400;

function isEndpointType(value: unknown): value is EndpointType {
  return typeof value === "string" && (ENDPOINT_TYPES as readonly string[]).includes(value);
}

function checkHeader(doc: JsonRecord): ValidationProblem[] {
  const problems: ValidationProblem[] = [];
  const version = doc.AWSPolicyFormatVersion;
  if (version === undefined) {
    problems.push({ path: jsonPath(["AWSPolicyFormatVersion"]), message: "AWSPolicyFormatVersion is missing" });
  } else if (typeof version !== "string" || !(POLICY_FORMAT_VERSIONS as readonly string[]).includes(version)) {
    problems.push({
      path: jsonPath(["AWSPolicyFormatVersion"]),
      message: `AWSPolicyFormatVersion ${JSON.stringify(version)} is not supported; use ${POLICY_FORMAT_VERSIONS.join(" or ")}`,
    });
  }
  if (readNonEmptyString(doc.RecordType) === undefined) {
    problems.push({ path: jsonPath(["RecordType"]), message: "RecordType is missing (the DNS type, e.g. A)" });
  }
  return problems;
}

function checkStart(doc: JsonRecord, targets: ReferenceTargets): ValidationProblem[] {
  const hasRule = doc.StartRule !== undefined;
  const hasEndpoint = doc.StartEndpoint !== undefined;
  if (hasRule && hasEndpoint) {
    return [{ path: "$", message: "Document has both StartRule and StartEndpoint; exactly one is allowed" }];
  }
  if (!hasRule && !hasEndpoint) return [{ path: "$", message: "Document needs a StartRule or a StartEndpoint" }];
  const key = hasRule ? "StartRule" : "StartEndpoint";
  const id = readNonEmptyString(doc[key]);
  if (id === undefined) return [{ path: jsonPath([key]), message: `${key} must be a non-empty id` }];
  const known = hasRule ? targets.ruleIds : targets.endpointIds;
  if (!known.has(id)) {
    return [{ path: jsonPath([key]), message: `${key} "${id}" does not name ${hasRule ? "a rule in Rules" : "an endpoint in Endpoints"}` }];
  }
  return [];
}

function checkEndpoint(id: string, endpoint: unknown): ValidationProblem[] {
  const at = ["Endpoints", id];
  if (!isRecord(endpoint)) return [{ path: jsonPath(at), message: `Endpoint "${id}" must be an object` }];
  const problems: ValidationProblem[] = [];
  if (!isEndpointType(endpoint.Type)) {
    const got = endpoint.Type === undefined ? "is missing" : `${JSON.stringify(endpoint.Type)} is not supported`;
    problems.push({ path: jsonPath([...at, "Type"]), message: `Endpoint Type ${got}; use one of ${ENDPOINT_TYPES.join(", ")}` });
  }
  if (readNonEmptyString(endpoint.Value) === undefined) {
    problems.push({ path: jsonPath([...at, "Value"]), message: "Endpoint Value is missing (the DNS name or address)" });
  }
  if (endpoint.Type === "s3-website" && readNonEmptyString(endpoint.Region) === undefined) {
    problems.push({ path: jsonPath([...at, "Region"]), message: "An s3-website endpoint needs a Region" });
  }
  return problems;
}

function ruleReferences(rule: unknown): string[] {
  if (!isRecord(rule)) return [];
  return listRuleEntries(rule).flatMap(({ entry }) => {
    const ref = isRecord(entry) ? readNonEmptyString(entry.RuleReference) : undefined;
    return ref === undefined ? [] : [ref];
  });
}

/** One problem per cycle found, naming the rules on it. */
function checkCycles(rules: JsonRecord): ValidationProblem[] {
  const state = new Map<string, "visiting" | "done">();
  const problems: ValidationProblem[] = [];
  const visit = (id: string, trail: string[]): void => {
    if (state.get(id) === "done" || !(id in rules)) return;
    if (state.get(id) === "visiting") {
      const cycle = [...trail.slice(trail.indexOf(id)), id];
      problems.push({ path: jsonPath(["Rules", id]), message: `Rules form a cycle: ${cycle.join(" → ")}` });
      return;
    }
    state.set(id, "visiting");
    for (const next of ruleReferences(rules[id])) visit(next, [...trail, id]);
    state.set(id, "done");
  };
  for (const id of Object.keys(rules).sort()) visit(id, []);
  return problems;
}

/** Problems with a document (a JSON string or a parsed value); empty when none are found. */
export function validateDocument(input: unknown): ValidationProblem[] {
  const read = readJsonInput(input);
  if (!read.ok) return [{ path: "$", message: read.reason }];
  const doc = read.value;
  if (!isRecord(doc)) return [{ path: "$", message: "Document must be a JSON object" }];

  const problems: ValidationProblem[] = [];
  const length = read.text?.length ?? JSON.stringify(doc).length;
  if (length > MAX_DOCUMENT_LENGTH) {
    problems.push({
      path: "$",
      message: `Document is ${length.toLocaleString("en-US")} characters; Route 53 accepts at most ${MAX_DOCUMENT_LENGTH.toLocaleString("en-US")}`,
    });
  }
  problems.push(...checkHeader(doc));

  const endpoints = isRecord(doc.Endpoints) ? doc.Endpoints : {};
  const rules = isRecord(doc.Rules) ? doc.Rules : {};
  if (!isRecord(doc.Endpoints)) {
    const what = doc.Endpoints === undefined ? "is missing" : "must be an object of endpoint id → endpoint";
    problems.push({ path: jsonPath(["Endpoints"]), message: `Endpoints ${what}` });
  }
  if (doc.Rules !== undefined && !isRecord(doc.Rules)) {
    problems.push({ path: jsonPath(["Rules"]), message: "Rules must be an object of rule id → rule" });
  }
  const targets: ReferenceTargets = { endpointIds: new Set(Object.keys(endpoints)), ruleIds: new Set(Object.keys(rules)) };

  problems.push(...checkStart(doc, targets));
  for (const [id, endpoint] of Object.entries(endpoints)) problems.push(...checkEndpoint(id, endpoint));
  for (const [id, rule] of Object.entries(rules)) problems.push(...validateRule(id, rule, targets));
  problems.push(...checkCycles(rules));
  return problems;
}
