// Tolerant readers for traffic policy documents. AWS's own examples write numbers
// and booleans as strings ("Weight": "90"); whether JSON numbers are accepted too
// is unverified (AWS-FACTS.md), so Flightdeck emits strings and reads both.

export type JsonRecord = Record<string, unknown>;

export function isRecord(value: unknown): value is JsonRecord {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** An integer from a JSON number or a decimal string; undefined for anything else. */
export function readInteger(value: unknown): number | undefined {
  if (typeof value === "number") return Number.isInteger(value) ? value : undefined;
  if (typeof value === "string" && /^\s*-?\d+\s*$/.test(value)) return Number.parseInt(value, 10);
  return undefined;
}

/** A finite number from a JSON number or a numeric string (coordinates, bias). */
export function readNumber(value: unknown): number | undefined {
  if (typeof value === "number") return Number.isFinite(value) ? value : undefined;
  if (typeof value === "string" && value.trim() !== "") {
    const n = Number(value);
    return Number.isFinite(n) ? n : undefined;
  }
  return undefined;
}

/** A boolean from true/false or "true"/"false" (any case); undefined for anything else. */
export function readBoolean(value: unknown): boolean | undefined {
  if (typeof value === "boolean") return value;
  if (typeof value === "string") {
    const v = value.trim().toLowerCase();
    if (v === "true") return true;
    if (v === "false") return false;
  }
  return undefined;
}

export function readNonEmptyString(value: unknown): string | undefined {
  return typeof value === "string" && value.trim() !== "" ? value : undefined;
}

export type JsonPathSegment = string | number;

/** `$.Rules.rollout.Items[1].Weight`; ids that are not plain identifiers use `["…"]`. */
export function jsonPath(segments: readonly JsonPathSegment[]): string {
  let path = "$";
  for (const segment of segments) {
    if (typeof segment === "number") path += `[${segment}]`;
    else if (/^[A-Za-z_][A-Za-z0-9_-]*$/.test(segment)) path += `.${segment}`;
    else path += `[${JSON.stringify(segment)}]`;
  }
  return path;
}

export type JsonInput = { ok: true; value: unknown; text?: string } | { ok: false; reason: string };

/** A document given as a JSON string or as an already-parsed value. Never throws. */
export function readJsonInput(input: unknown): JsonInput {
  if (typeof input !== "string") return { ok: true, value: input };
  try {
    return { ok: true, value: JSON.parse(input) as unknown, text: input };
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    return { ok: false, reason: `Document is not valid JSON: ${detail}` };
  }
}
