"use client";

import { CartesianGrid, Line, LineChart, ReferenceLine, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { formatLag, formatLagShort } from "@/lib/replication/format";
import { lagAxis, timeTicks } from "@/lib/replication/chart-axes";
import type { ReplicationStatus, Thresholds } from "@/lib/replication/types";
import { StatusBadge } from "./status-badge";
import type { ChartPoint } from "./use-lag-history";

type Props = {
  region: string;
  label: string;
  points: ChartPoint[];
  from: number;
  to: number;
  thresholds: Thresholds;
  /** The region's current status and lag (the card's), so chart and card never disagree. */
  status: ReplicationStatus;
  currentLagMs: number | null;
};

function timeFormatter(spanMs: number): (t: number) => string {
  const options: Intl.DateTimeFormatOptions =
    spanMs <= 3_600_000 ? { hour: "2-digit", minute: "2-digit", second: "2-digit" } : spanMs <= 86_400_000 ? { hour: "2-digit", minute: "2-digit" } : { month: "short", day: "numeric", hour: "2-digit" };
  const format = new Intl.DateTimeFormat(undefined, { ...options, hour12: false });
  return (t) => format.format(new Date(t));
}

export function LagChart({ region, label, points, from, to, thresholds, status, currentLagMs }: Props) {
  let max = 0;
  let min = 0;
  let latest: number | null = null;
  for (const p of points) {
    if (p.lagMs === null) continue;
    max = Math.max(max, p.lagMs);
    min = Math.min(min, p.lagMs); // negative: clock skew, shown below zero rather than clipped
    latest = p.lagMs;
  }
  // Always show the critical line, so "how close" reads at a glance.
  const y = lagAxis(min, max, thresholds.criticalMs);
  const formatTime = timeFormatter(to - from);
  return (
    <div className="lag-chart" data-testid={`lag-chart-${region}`} data-status={status} data-latest-lag-ms={latest ?? ""} data-points={points.length}>
      <div className="lag-chart-head">
        <strong>{label}</strong>
        <StatusBadge status={status} />
        <span className="muted">now {formatLag(currentLagMs)}</span>
      </div>
      <ResponsiveContainer width="100%" height={200}>
        <LineChart data={points} margin={{ top: 8, right: 16, bottom: 0, left: 0 }}>
          <CartesianGrid strokeDasharray="3 3" stroke="#e2e5ea" />
          <XAxis dataKey="t" type="number" scale="time" domain={[from, to]} ticks={timeTicks(from, to)} allowDataOverflow tickFormatter={formatTime} fontSize={11} />
          <YAxis domain={y.domain} ticks={y.ticks} tickFormatter={formatLagShort} width={56} fontSize={11} allowDataOverflow />
          <Tooltip labelFormatter={(t) => formatTime(Number(t))} formatter={(value) => [formatLag(typeof value === "number" ? value : null), "lag"]} />
          <ReferenceLine y={thresholds.warningMs} stroke="#b7791f" strokeDasharray="6 4" label={{ value: `warning ${formatLag(thresholds.warningMs)}`, position: "insideTopLeft", fontSize: 11, fill: "#b7791f" }} />
          <ReferenceLine y={thresholds.criticalMs} stroke="#c53030" strokeDasharray="6 4" label={{ value: `critical ${formatLag(thresholds.criticalMs)}`, position: "insideTopLeft", fontSize: 11, fill: "#c53030" }} />
          {/* Gaps stay gaps: an unreachable replica has no lag, not zero lag. */}
          <Line type="linear" dataKey="lagMs" stroke="#2453d6" strokeWidth={1.75} dot={false} isAnimationActive={false} connectNulls={false} name="lag" />
        </LineChart>
      </ResponsiveContainer>
    </div>
  );
}
