import { isRecord, readJsonInput } from "./json-read";

// One textual form per document, so that two versions diff only where they differ
// in meaning and a document Route 53 hands back compares equal to the one sent.
// Known keys come first in the order AWS's examples use (which reads top-down);
// every other key, including endpoint and rule ids, follows in code-point order.
// Array order is kept: it is meaningful to a reader even where Route 53 ignores it.

const KEY_ORDER = [
  "AWSPolicyFormatVersion",
  "RecordType",
  "StartRule",
  "StartEndpoint",
  "Endpoints",
  "Rules",
  "RuleType",
  "Type",
  "Region",
  "Value",
  "Items",
  "Regions",
  "Primary",
  "Secondary",
  "Locations",
  "GeoproximityLocations",
  "EndpointReference",
  "RuleReference",
  "Weight",
  "IsDefault",
  "Continent",
  "Country",
  "Subdivision",
  "Latitude",
  "Longitude",
  "Bias",
  "EvaluateTargetHealth",
  "HealthCheck",
];
const RANK = new Map(KEY_ORDER.map((key, index) => [key, index]));

function compareKeys(a: string, b: string): number {
  const ra = RANK.get(a);
  const rb = RANK.get(b);
  if (ra !== undefined && rb !== undefined) return ra - rb;
  if (ra !== undefined) return -1;
  if (rb !== undefined) return 1;
  return a < b ? -1 : a > b ? 1 : 0;
}

/** A deep copy with object keys in canonical order. */
export function canonicalize<T>(value: T): T {
  if (Array.isArray(value)) return value.map((item: unknown) => canonicalize(item)) as T;
  if (!isRecord(value)) return value;
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(value).sort(compareKeys)) out[key] = canonicalize(value[key]);
  return out as T;
}

/** Pretty-printed canonical JSON with a trailing newline. */
export function serializeDocument(document: unknown): string {
  return `${JSON.stringify(canonicalize(document), null, 2)}\n`;
}

/**
 * The canonical text of a document given as a string or a value. Text that is not
 * JSON is returned as is (line endings normalised) so it can still be diffed.
 */
export function canonicalDocumentText(input: unknown): string {
  const read = readJsonInput(input);
  if (read.ok) return serializeDocument(read.value);
  const raw = String(input).replace(/\r\n?/g, "\n");
  return raw.endsWith("\n") ? raw : `${raw}\n`;
}
