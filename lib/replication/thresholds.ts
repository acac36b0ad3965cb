import { z } from "zod";
import type { Db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { defaultThresholds, maxStoredInt, type Thresholds } from "./types";

// Per-region warning and critical thresholds. Reading is for the collector and pages;
// changing is for admins, through the app's mutation wrapper (permission + audit), which
// hands its transaction in as `db`.

type ThresholdsDb = Pick<Db, "replicationThreshold" | "region">;

const ms = z.number().int().min(1).max(maxStoredInt);

export const regionThresholdsSchema = z
  .object({ regionCode: z.string().min(1), warningMs: ms, criticalMs: ms })
  .refine((t) => t.warningMs < t.criticalMs, { message: "The warning threshold must be below the critical one", path: ["warningMs"] });

export type RegionThresholdsInput = z.infer<typeof regionThresholdsSchema>;

export type ThresholdTable = ReadonlyMap<string, Thresholds>;

export async function loadThresholds(db: Pick<Db, "replicationThreshold">): Promise<ThresholdTable> {
  const rows = await db.replicationThreshold.findMany({ select: { regionCode: true, warningMs: true, criticalMs: true } });
  return new Map(rows.map((r) => [r.regionCode, { warningMs: r.warningMs, criticalMs: r.criticalMs }]));
}

export function thresholdsFor(table: ThresholdTable, regionCode: string, defaults: Thresholds = defaultThresholds): Thresholds {
  return table.get(regionCode) ?? defaults;
}

/**
 * Sets one region's thresholds. Returns before/after for the audit entry; `before` is
 * null when the region was on the defaults. Takes effect on the collector's next refresh.
 */
export async function setRegionThresholds(
  db: ThresholdsDb,
  input: RegionThresholdsInput,
  updatedBy: string | null,
): Promise<{ before: Thresholds | null; after: Thresholds; result: Thresholds }> {
  const region = await db.region.findUnique({ where: { code: input.regionCode }, select: { code: true } });
  if (!region) throw new AppError("not_found", `Region ${input.regionCode} is not in the inventory`);
  const previous = await db.replicationThreshold.findUnique({ where: { regionCode: input.regionCode } });
  const after = { warningMs: input.warningMs, criticalMs: input.criticalMs };
  await db.replicationThreshold.upsert({
    where: { regionCode: input.regionCode },
    create: { regionCode: input.regionCode, ...after, updatedBy },
    update: { ...after, updatedBy },
  });
  const before = previous && { warningMs: previous.warningMs, criticalMs: previous.criticalMs };
  return { before, after, result: after };
}

/** Back to the collector's defaults; returns what was removed, for the audit entry. */
export async function resetRegionThresholds(db: Pick<Db, "replicationThreshold">, regionCode: string): Promise<Thresholds | null> {
  const previous = await db.replicationThreshold.findUnique({ where: { regionCode } });
  if (previous) await db.replicationThreshold.delete({ where: { regionCode } });
  return previous && { warningMs: previous.warningMs, criticalMs: previous.criticalMs };
}
