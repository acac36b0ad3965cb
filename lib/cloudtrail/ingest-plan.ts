// Pure: which window of an account-region's event history to read next.
//
// Everything between the low and high watermarks is stored. Each round first catches up
// with the present (a "live" chunk from just before the high watermark — the overlap, for
// events CloudTrail delivers late — to now), then reaches further back one "backfill"
// chunk at a time until the backfill horizon. A chunk is finished before a watermark moves,
// and the chunk being read (with its NextToken) is saved after every page, so a worker
// killed at any point resumes where it stopped; overlapping reads are harmless because
// events are stored once per (time, id).

export type ChunkKind = "live" | "backfill";
export type Chunk = { kind: ChunkKind; start: Date; end: Date; nextToken: string | null };

export type IngestProgress = {
  backfillFrom: Date;
  lowWatermark: Date | null;
  highWatermark: Date | null;
  chunk: Chunk | null;
};

export type PlanConfig = {
  overlapMs: number;
  /** Size of a backfill chunk (and of the first live chunk). */
  chunkMs: number;
  /** How far back LookupEvents can read (90 days); the oldest start asked for is a little inside it. */
  retentionMs: number;
  /** A live chunk is only worth a request when the high watermark is at least this old. */
  minLiveMs: number;
};

export const defaultPlanConfig: PlanConfig = { overlapMs: 10 * 60_000, chunkMs: 24 * 3600_000, retentionMs: 90 * 24 * 3600_000, minLiveMs: 1000 };

const RETENTION_MARGIN_MS = 60_000;

/** The oldest time still worth asking for: the backfill horizon, but never outside LookupEvents' 90 days. */
export function backfillFloor(progress: Pick<IngestProgress, "backfillFrom">, now: Date, config: PlanConfig): Date {
  return new Date(Math.max(progress.backfillFrom.getTime(), now.getTime() - config.retentionMs + RETENTION_MARGIN_MS));
}

export function nextChunk(progress: IngestProgress, now: Date, config: PlanConfig): Chunk | null {
  if (progress.chunk) return progress.chunk;
  const floor = backfillFloor(progress, now, config).getTime();
  const t = now.getTime();
  if (!progress.highWatermark) {
    return { kind: "live", start: new Date(Math.max(Math.min(t - config.chunkMs, t), floor)), end: now, nextToken: null };
  }
  if (t - progress.highWatermark.getTime() >= config.minLiveMs) {
    return { kind: "live", start: new Date(Math.max(progress.highWatermark.getTime() - config.overlapMs, floor)), end: now, nextToken: null };
  }
  const low = progress.lowWatermark?.getTime() ?? progress.highWatermark.getTime();
  if (low > floor) return { kind: "backfill", start: new Date(Math.max(low - config.chunkMs, floor)), end: new Date(low), nextToken: null };
  return null;
}

/** Watermarks once a chunk has been read to its end. */
export function completeChunk(progress: IngestProgress, chunk: Chunk): Pick<IngestProgress, "lowWatermark" | "highWatermark"> {
  const low = progress.lowWatermark && progress.lowWatermark < chunk.start ? progress.lowWatermark : chunk.start;
  if (chunk.kind === "live") {
    const high = progress.highWatermark && progress.highWatermark > chunk.end ? progress.highWatermark : chunk.end;
    return { lowWatermark: progress.lowWatermark ?? low, highWatermark: high };
  }
  return { lowWatermark: low, highWatermark: progress.highWatermark };
}

/** Share of the backfill done (0–1) and how far behind the present the high watermark is. */
export function progressOf(progress: IngestProgress, now: Date, config: PlanConfig): { backfill: number; lagMs: number | null; caughtUp: boolean } {
  const floor = backfillFloor(progress, now, config).getTime();
  const high = progress.highWatermark?.getTime();
  const low = progress.lowWatermark?.getTime();
  if (high === undefined || low === undefined) return { backfill: 0, lagMs: null, caughtUp: false };
  const span = high - floor;
  const backfill = span <= 0 ? 1 : Math.min(1, Math.max(0, (high - low) / span));
  return { backfill, lagMs: now.getTime() - high, caughtUp: low <= floor && !progress.chunk };
}
