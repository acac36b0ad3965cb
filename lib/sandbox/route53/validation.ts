import { z } from "zod";
import { Route53Error } from "./errors";

// Input validation that fails the way AWS's request validation does: HTTP 400 InvalidInput
// with "N validation error(s) detected: Value 'x' at 'member' failed to satisfy constraint: …".

export function parseInput<T extends z.ZodType>(schema: T, raw: unknown): z.infer<T> {
  const result = schema.safeParse(raw);
  if (result.success) return result.data;
  throw new Route53Error("InvalidInput", validationMessage(result.error.issues, raw));
}

function validationMessage(issues: readonly z.core.$ZodIssue[], raw: unknown): string {
  const parts = issues.slice(0, 5).map((issue) => {
    const value = valueAt(raw, issue.path);
    const shown = value === undefined ? "null" : `'${String(value)}'`;
    const constraint = value === undefined ? "Member must not be null" : issue.message;
    const member = issue.path.map((p) => (typeof p === "string" ? camel(p) : String(p))).join(".");
    return `Value ${shown} at '${member}' failed to satisfy constraint: ${constraint}`;
  });
  const count = issues.length;
  return `${count} validation error${count === 1 ? "" : "s"} detected: ${parts.join("; ")}`;
}

function valueAt(raw: unknown, path: readonly PropertyKey[]): unknown {
  let current: unknown = raw;
  for (const key of path) {
    if (typeof current !== "object" || current === null) return undefined;
    current = (current as Record<PropertyKey, unknown>)[key];
  }
  return typeof current === "object" ? JSON.stringify(current) : current;
}

/** AWS spells member paths in camelCase with only the first letter lowered ("TTL" → "tTL"). */
export function camel(name: string): string {
  return name.charAt(0).toLowerCase() + name.slice(1);
}

export function text(min: number, max: number) {
  return z
    .string()
    .min(min, `Member must have length greater than or equal to ${min}`)
    .max(max, `Member must have length less than or equal to ${max}`);
}

export function intIn(min: number, max: number) {
  return z
    .string()
    .regex(/^-?\d+$/, "Member must be an integer")
    .transform((v) => Number(v))
    .pipe(
      z
        .number()
        .min(min, `Member must have value greater than or equal to ${min}`)
        .max(max, `Member must have value less than or equal to ${max}`),
    );
}

export const bool = z.enum(["true", "false"], "Member must be true or false").transform((v) => v === "true");

/** Query-string maxitems: AWS accepts any positive number and caps it at the API's page size. */
export function maxItems(raw: string | null, defaultValue: number, cap: number = defaultValue): number {
  if (raw === null || raw === "") return defaultValue;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1) {
    throw new Route53Error("InvalidInput", `1 validation error detected: Value '${raw}' at 'maxItems' failed to satisfy constraint: Member must be a positive integer`);
  }
  return Math.min(n, cap);
}
