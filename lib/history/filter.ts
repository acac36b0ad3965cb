import { z } from "zod";
import { AppError, type FieldErrors } from "@/lib/errors";

// Pure: the change-history filter as it travels in URLs (pages, REST API, export links).
// Every field is optional and all of them combine; the URL is the whole state of a view,
// so a copied link reproduces it. Parsing is strict at this boundary: a bad value is a
// 422 naming the field, never silently ignored.

export const rangePresets = { "1h": 3600_000, "24h": 86_400_000, "7d": 7 * 86_400_000, "30d": 30 * 86_400_000, "90d": 90 * 86_400_000 } as const;
export type RangePreset = keyof typeof rangePresets;
export const historyKinds = ["cloudtrail", "audit"] as const;
export type HistoryKind = (typeof historyKinds)[number];

/** Audit entries answer to this event source, so `source=flightdeck` shows only them. */
export const FLIGHTDECK_SOURCE = "flightdeck";

const text = (max: number) =>
  z
    .string()
    .trim()
    .max(max, `at most ${max} characters`)
    .transform((v) => v || undefined)
    .optional();

const flag = z
  .enum(["true", "false", "1", "0", "yes", "no"], { message: "use true or false" })
  .transform((v) => ["true", "1", "yes"].includes(v))
  .optional();

const instant = z
  .string()
  .trim()
  .refine((v) => v === "" || (/^\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d{1,6})?)?(Z|[+-]\d{2}:?\d{2})?)?$/.test(v) && !Number.isNaN(Date.parse(v))), "use an ISO 8601 time, e.g. 2026-11-21T08:00:00Z")
  .transform((v) => (v === "" ? undefined : new Date(/[zZ]|[+-]\d{2}:?\d{2}$/.test(v) || v.length === 10 ? v : `${v}Z`)))
  .optional();

export const historyFilterSchema = z
  .object({
    from: instant,
    to: instant,
    range: z.enum(Object.keys(rangePresets) as [RangePreset, ...RangePreset[]], { message: `use one of ${Object.keys(rangePresets).join(", ")}` }).optional().or(z.literal("").transform(() => undefined)),
    account: text(64),
    region: text(64),
    source: text(200),
    name: text(200),
    actor: text(500),
    resource: text(2000),
    resourceType: text(200),
    readOnly: flag,
    errors: flag,
    q: text(500),
    kind: z.enum(historyKinds, { message: "use cloudtrail or audit" }).optional().or(z.literal("").transform(() => undefined)),
  })
  .refine((f) => !f.from || !f.to || f.from <= f.to, { message: "from must not be after to", path: ["to"] });

export type HistoryFilter = z.infer<typeof historyFilterSchema>;

export const filterKeys = ["from", "to", "range", "account", "region", "source", "name", "actor", "resource", "resourceType", "readOnly", "errors", "q", "kind"] as const satisfies readonly (keyof HistoryFilter)[];

export function toFieldErrors(error: z.ZodError): FieldErrors {
  const fieldErrors: FieldErrors = {};
  for (const issue of error.issues) (fieldErrors[issue.path.join(".") || "_form"] ??= []).push(issue.message);
  return fieldErrors;
}

/** Reads the filter from URL parameters (other parameters, such as cursor, are ignored here). */
export function parseHistoryFilter(params: URLSearchParams | Record<string, string | string[] | undefined>): HistoryFilter {
  const get = (key: string): string | undefined => {
    if (params instanceof URLSearchParams) return params.get(key) ?? undefined;
    const value = params[key];
    return Array.isArray(value) ? value[0] : value;
  };
  const raw = Object.fromEntries(filterKeys.map((key) => [key, get(key)]).filter(([, v]) => v !== undefined));
  const parsed = historyFilterSchema.safeParse(raw);
  if (!parsed.success) {
    const fieldErrors = toFieldErrors(parsed.error);
    const summary = Object.entries(fieldErrors).map(([field, messages]) => `${field}: ${messages[0]}`).join("; ");
    throw new AppError("invalid", `Please correct the filter — ${summary}`, { fieldErrors });
  }
  return parsed.data;
}

/** The filter with a preset turned into a start time (explicit from/to win over the preset). */
export function resolveRange(filter: HistoryFilter, now: Date): HistoryFilter {
  if (!filter.range || filter.from) return filter;
  return { ...filter, from: new Date(now.getTime() - rangePresets[filter.range]) };
}

/** URL parameters for a filter, in a stable order; `extra` adds or removes (undefined) parameters. */
export function filterToParams(filter: HistoryFilter, extra: Record<string, string | undefined> = {}): URLSearchParams {
  const params = new URLSearchParams();
  for (const key of filterKeys) {
    const value = filter[key];
    if (value === undefined) continue;
    params.set(key, value instanceof Date ? value.toISOString() : String(value));
  }
  for (const [key, value] of Object.entries(extra)) {
    if (value === undefined) params.delete(key);
    else params.set(key, value);
  }
  return params;
}

/** Which of the two streams a filter can match: audit entries have no account, region, errors or reads. */
export function kindsFor(filter: HistoryFilter): { cloudtrail: boolean; audit: boolean } {
  const cloudtrail = filter.kind !== "audit" && filter.source !== FLIGHTDECK_SOURCE;
  const audit =
    filter.kind !== "cloudtrail" &&
    (filter.source === undefined || filter.source === FLIGHTDECK_SOURCE) &&
    !filter.account &&
    !filter.region &&
    filter.readOnly !== true &&
    !filter.errors;
  return { cloudtrail, audit };
}
