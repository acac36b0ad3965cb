import { z } from "zod";
import { maxStoredInt } from "./types";

// What the replication API and forms accept. Form fields arrive as strings and JSON
// bodies as numbers; both go through the same schemas so the messages match.

const durationUnits = { s: 1_000, m: 60_000, h: 3_600_000, d: 86_400_000 } as const;

/** "15m", "1h", "7d" → milliseconds; null when it is not such a duration. */
export function parseDuration(text: string): number | null {
  const match = /^(\d{1,6})([smhd])$/.exec(text.trim());
  if (!match) return null;
  const ms = Number(match[1]) * durationUnits[match[2] as keyof typeof durationUnits];
  return ms > 0 ? ms : null;
}

const instant = z.string().transform((text, ctx) => {
  const trimmed = text.trim();
  const ms = /^\d+$/.test(trimmed) ? Number(trimmed) : Date.parse(trimmed);
  if (!Number.isFinite(ms)) {
    ctx.addIssue({ code: "custom", message: "Must be an ISO 8601 time (2026-01-31T12:00:00Z) or milliseconds since the epoch" });
    return z.NEVER;
  }
  return new Date(ms);
});

const duration = z.string().transform((text, ctx) => {
  const ms = parseDuration(text);
  if (ms === null) {
    ctx.addIssue({ code: "custom", message: "Must be a duration such as 90s, 15m, 6h or 7d" });
    return z.NEVER;
  }
  return ms;
});

/** No chart needs more than a year, and an unbounded range is an expensive query. */
export const maxHistoryRangeMs = 366 * 86_400_000;
export const defaultHistoryRangeMs = 15 * 60_000;

const historyParams = z.object({
  from: instant.optional(),
  to: instant.optional(),
  range: duration.optional(),
  region: z.array(z.string().trim().min(1)).default([]),
  resolution: z.enum(["raw", "minute"], { error: "Must be raw or minute" }).optional(),
  maxPoints: z.coerce.number({ error: "Must be a number" }).int("Must be a whole number").min(10, "Must be at least 10").max(100_000, "Must be at most 100000").optional(),
});

export type HistoryRequest = { from: Date; to: Date; regions: string[]; resolution?: "raw" | "minute"; maxPoints?: number };

/**
 * The history endpoint's query string: `from`/`to` (ISO or epoch ms) or `range` (15m, 1h…)
 * ending at `to` (default now); `region` repeated or comma-separated.
 */
export function historyRequestSchema(now: Date) {
  return historyParams
    .transform((p): HistoryRequest => {
      const to = p.to ?? now;
      const from = p.from ?? new Date(to.getTime() - (p.range ?? defaultHistoryRangeMs));
      const regions = [...new Set(p.region.flatMap((r) => r.split(",")).map((r) => r.trim()).filter(Boolean))];
      return { from, to, regions, resolution: p.resolution, maxPoints: p.maxPoints };
    })
    .refine((r) => r.from <= r.to, { message: "Must not be after `to`", path: ["from"] })
    .refine((r) => r.to.getTime() - r.from.getTime() <= maxHistoryRangeMs, { message: "The range may span at most 366 days", path: ["from"] });
}

/** URLSearchParams → the plain object the schema expects (region may repeat). */
export function searchParamsObject(params: URLSearchParams): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const key of new Set(params.keys())) out[key] = key === "region" ? params.getAll(key) : (params.get(key) ?? "");
  return out;
}

function milliseconds(label: string) {
  // "" from an empty form field counts as missing, not as zero.
  return z.preprocess(
    (v) => (typeof v === "string" ? (v.trim() === "" ? undefined : Number(v.trim())) : v),
    z
      .number({ error: (issue) => (issue.input === undefined ? `${label} is required` : `${label} must be a number of milliseconds`) })
      .int(`${label} must be a whole number of milliseconds`)
      .min(1, `${label} must be at least 1 ms`)
      .max(maxStoredInt, `${label} must be at most ${maxStoredInt} ms`),
  );
}

export const thresholdsInputSchema = z
  .object({ warningMs: milliseconds("Warning"), criticalMs: milliseconds("Critical") })
  .refine((t) => t.warningMs < t.criticalMs, { message: "The warning threshold must be below the critical one", path: ["warningMs"] });

export type ThresholdsInput = z.infer<typeof thresholdsInputSchema>;

export const demoPauseInputSchema = z.object({
  paused: z.preprocess(
    (v) => (v === "true" || v === "1" ? true : v === "false" || v === "0" ? false : v),
    z.boolean({ error: "Must be true (pause) or false (resume)" }),
  ),
});
