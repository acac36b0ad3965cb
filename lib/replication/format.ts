import type { ReplicationLink, ReplicationStatus } from "./types";

// How lag, sizes and states read on the console (cards, charts, dashboard). Pure, so
// client components can use it.

/** 0 ms, 850 ms, 1.2 s, 42 s, 2 min 5 s, 1 h 2 min; negative lag (clock skew) keeps its sign. */
export function formatLag(ms: number | null): string {
  if (ms === null || !Number.isFinite(ms)) return "—";
  if (ms < 0) return `−${formatLag(-ms)}`;
  if (ms < 1_000) return `${Math.round(ms)} ms`;
  if (ms < 10_000) return `${(Math.floor(ms / 100) / 10).toFixed(1)} s`;
  if (ms < 60_000) return `${Math.floor(ms / 1_000)} s`;
  const totalSeconds = Math.floor(ms / 1_000);
  if (totalSeconds < 3_600) return `${Math.floor(totalSeconds / 60)} min ${totalSeconds % 60} s`;
  return `${Math.floor(totalSeconds / 3_600)} h ${Math.floor((totalSeconds % 3_600) / 60)} min`;
}

/** Axis ticks: as short as possible. */
export function formatLagShort(ms: number): string {
  if (Math.abs(ms) < 1_000) return `${Math.round(ms)}ms`;
  const s = ms / 1_000;
  return Math.abs(s) < 60 ? `${Number(s.toFixed(1))}s` : `${Number((s / 60).toFixed(1))}m`;
}

export function formatBytes(bytes: number | null): string {
  if (bytes === null || !Number.isFinite(bytes)) return "—";
  if (Math.abs(bytes) < 1_024) return `${bytes} B`;
  const units = ["KiB", "MiB", "GiB", "TiB"];
  let value = bytes / 1_024;
  let unit = 0;
  while (Math.abs(value) >= 1_024 && unit < units.length - 1) {
    value /= 1_024;
    unit++;
  }
  return `${value.toFixed(value < 10 ? 1 : 0)} ${units[unit]}`;
}

export function formatAge(ms: number | null): string {
  if (ms === null) return "never sampled";
  return ms < 1_000 ? "just now" : `${formatLag(ms)} ago`;
}

export const statusLabel: Record<ReplicationStatus, string> = {
  ok: "ok",
  warning: "warning",
  critical: "critical",
  unreachable: "unreachable",
  stale: "stale",
  skewed: "clock skew",
};

/** The badge class for a status (see .badge in globals.css). */
export const statusTone: Record<ReplicationStatus, "ok" | "warn" | "bad" | "info" | ""> = {
  ok: "ok",
  warning: "warn",
  critical: "bad",
  unreachable: "bad",
  stale: "",
  skewed: "info",
};

export const statusHelp: Record<ReplicationStatus, string> = {
  ok: "Lag below the warning threshold.",
  warning: "Lag at or above the warning threshold.",
  critical: "Lag at or above the critical threshold.",
  unreachable: "An endpoint refuses connections or has not answered for a while.",
  stale: "No fresh measurement: the worker is not sampling, or the primary's heartbeat is not being written.",
  skewed: "A replica's clock runs ahead of the collector's: its lag reads negative and cannot be trusted.",
};

export function linkLabel(link: ReplicationLink | null): string {
  switch (link) {
    case "up":
      return "link up";
    case "down":
      return "link down";
    case "sync":
      return "full sync in progress";
    case "external":
      return "external replicator (heartbeat only)";
    case "unknown":
      return "link unknown";
    default:
      return "—";
  }
}
