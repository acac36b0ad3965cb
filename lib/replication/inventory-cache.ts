import type { Db } from "@/lib/db/client";
import { loadThresholds, thresholdsFor, type ThresholdTable } from "./thresholds";
import type { RedisEndpointRef, Thresholds } from "./types";

// The collector re-reads endpoints and thresholds every few seconds rather than every
// tick: edits by admins show up quickly, and a tick costs no extra database round trips.
// If the database is briefly unavailable, the last known inventory keeps probes going.

export class InventoryCache {
  private endpoints: RedisEndpointRef[] | null = null;
  private thresholds: ThresholdTable = new Map();
  private loadedAt = 0;

  constructor(
    private readonly db: Db,
    private readonly refreshMs: number,
    private readonly defaults: Thresholds,
    private readonly onError: (error: unknown) => void,
  ) {}

  async current(nowMs: number): Promise<{ endpoints: RedisEndpointRef[]; thresholdsFor: (region: string) => Thresholds }> {
    if (this.endpoints === null || nowMs - this.loadedAt >= this.refreshMs) {
      try {
        const [endpoints, thresholds] = await Promise.all([
          this.db.redisEndpoint.findMany({ select: { id: true, name: true, regionCode: true, role: true, url: true }, orderBy: { name: "asc" } }),
          loadThresholds(this.db),
        ]);
        this.endpoints = endpoints;
        this.thresholds = thresholds;
        this.loadedAt = nowMs;
      } catch (error) {
        if (this.endpoints === null) throw error;
        this.onError(error);
      }
    }
    const table = this.thresholds;
    return { endpoints: this.endpoints ?? [], thresholdsFor: (region) => thresholdsFor(table, region, this.defaults) };
  }

  /** Forces a reload on the next tick (a new leader must not act on another's old view). */
  invalidate(): void {
    this.endpoints = null;
  }
}
