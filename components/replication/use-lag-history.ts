"use client";

import { useEffect, useState } from "react";
import type { ReplicationHistory } from "@/lib/replication/query-history";
import { chartMaxPoints, isLiveRaw, refreshEveryMs } from "@/lib/replication/ranges";
import type { ReplicationStatus } from "@/lib/replication/types";

// Lag history for the charts, kept live: short ranges load once, then fetch only the
// ticks after the newest one they hold, every second; long ranges (minute points)
// reload now and then. Times are the server's, so a skewed browser clock cannot shift them.

export type ChartPoint = { t: number; lagMs: number | null; status: ReplicationStatus };

export type LagHistory = {
  series: ReadonlyMap<string, ChartPoint[]>;
  /** The window shown, in server time. */
  from: number;
  to: number;
  resolution: "raw" | "minute" | null;
  loading: boolean;
  error: string | null;
};

const empty: LagHistory = { series: new Map(), from: 0, to: 0, resolution: null, loading: true, error: null };

function toPoints(history: ReplicationHistory): Map<string, ChartPoint[]> {
  return new Map(history.series.map((s) => [s.region, s.points.map((p) => ({ t: Date.parse(p.t), lagMs: p.lagMs, status: p.status }))]));
}

function merge(held: ReadonlyMap<string, ChartPoint[]>, fresh: Map<string, ChartPoint[]>, from: number): Map<string, ChartPoint[]> {
  const out = new Map<string, ChartPoint[]>();
  for (const region of new Set([...held.keys(), ...fresh.keys()])) {
    const old = held.get(region) ?? [];
    const last = old.at(-1)?.t ?? -Infinity;
    const added = (fresh.get(region) ?? []).filter((p) => p.t > last);
    out.set(region, [...old, ...added].filter((p) => p.t >= from));
  }
  return out;
}

async function fetchHistory(params: URLSearchParams, signal: AbortSignal): Promise<ReplicationHistory> {
  const response = await fetch(`/api/v1/replication/history?${params}`, { cache: "no-store", signal });
  if (response.status === 401) throw new Error("You were signed out: reload the page to sign in again.");
  if (!response.ok) throw new Error(`Could not load the lag history (HTTP ${response.status}); retrying.`);
  return (await response.json()) as ReplicationHistory;
}

export function useLagHistory(rangeMs: number): LagHistory {
  const [state, setState] = useState<LagHistory>(empty);
  useEffect(() => {
    const controller = new AbortController();
    const live = isLiveRaw(rangeMs);
    let held: LagHistory = empty;
    let timer: ReturnType<typeof setTimeout> | undefined;

    async function load(): Promise<void> {
      const newest = Math.max(-Infinity, ...[...held.series.values()].map((points) => points.at(-1)?.t ?? -Infinity));
      const incremental = live && held.resolution === "raw" && Number.isFinite(newest);
      // Whole minutes, which the API's range parameter takes; `to` defaults to the server's now.
      const params = incremental
        ? new URLSearchParams({ from: String(newest + 1), resolution: "raw" })
        : new URLSearchParams({ range: `${Math.round(rangeMs / 60_000)}m`, ...(live ? { resolution: "raw" } : { maxPoints: String(chartMaxPoints) }) });
      try {
        const history = await fetchHistory(params, controller.signal);
        const to = Date.parse(history.to);
        const from = to - rangeMs;
        const series = incremental ? merge(held.series, toPoints(history), from) : toPoints(history);
        held = { series, from, to, resolution: history.resolution, loading: false, error: null };
        setState(held);
      } catch (error) {
        if (controller.signal.aborted) return;
        held = { ...held, loading: false, error: error instanceof Error ? error.message : "Could not load the lag history." };
        setState(held);
      }
    }

    async function loop(): Promise<void> {
      if (!document.hidden || held.resolution === null) await load();
      if (!controller.signal.aborted) timer = setTimeout(() => void loop(), refreshEveryMs(rangeMs));
    }
    void loop();
    return () => {
      controller.abort();
      clearTimeout(timer);
    };
  }, [rangeMs]);
  return state;
}
