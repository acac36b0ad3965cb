"use client";

import { useRouter } from "next/navigation";
import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import type { HistoryCharts as Charts, RankedValue } from "@/lib/history/query-charts";

// Charts of the current filter. A bar of the top lists adds that actor or event name to the
// filter (a new URL, like every other filter change).

type Props = { charts: Charts; params: string };

function timeLabel(bucket: "hour" | "day" | "week") {
  return (iso: string) => (bucket === "hour" ? iso.slice(5, 13).replace("T", " ") + "h" : iso.slice(0, 10));
}

function TopList({ title, values, onPick, testId }: { title: string; values: RankedValue[]; onPick: (value: string) => void; testId: string }) {
  return (
    <div className="chart-card" data-testid={testId}>
      <h3>{title}</h3>
      {values.length === 0 ? (
        <p className="muted">No events.</p>
      ) : (
        <ResponsiveContainer width="100%" height={Math.max(120, values.length * 26 + 20)}>
          <BarChart data={values} layout="vertical" margin={{ top: 0, right: 16, bottom: 0, left: 8 }}>
            <XAxis type="number" allowDecimals={false} fontSize={11} />
            <YAxis type="category" dataKey="value" width={170} fontSize={11} tickFormatter={(v: string) => (v.length > 26 ? `${v.slice(0, 25)}…` : v)} />
            <Tooltip />
            <Bar dataKey="count" name="events" fill="#2453d6" isAnimationActive={false} cursor="pointer" onClick={(entry) => onPick(String((entry as { payload?: RankedValue }).payload?.value ?? ""))} />
          </BarChart>
        </ResponsiveContainer>
      )}
    </div>
  );
}

export function HistoryCharts({ charts, params }: Props) {
  const router = useRouter();
  if (!charts.ok) return <p className="notice warn" data-testid="charts-unavailable">{charts.reason}</p>;
  const pick = (field: "actor" | "name") => (value: string) => {
    if (!value || value === "(none)") return;
    const next = new URLSearchParams(params);
    next.set(field, value);
    next.delete("cursor");
    router.push(`/history?${next.toString()}`);
  };
  const label = timeLabel(charts.bucket);
  return (
    <div className="history-charts" data-testid="history-charts" data-total={charts.total}>
      <div className="chart-card wide" data-testid="chart-over-time">
        <h3>
          Events over time <span className="muted">({charts.total.toLocaleString("en")} in all, per {charts.bucket})</span>
        </h3>
        <ResponsiveContainer width="100%" height={180}>
          <BarChart data={charts.overTime} margin={{ top: 4, right: 16, bottom: 0, left: 0 }}>
            <CartesianGrid strokeDasharray="3 3" stroke="#e2e5ea" vertical={false} />
            <XAxis dataKey="at" tickFormatter={label} minTickGap={30} fontSize={11} />
            <YAxis allowDecimals={false} width={48} fontSize={11} />
            <Tooltip labelFormatter={(v) => label(String(v))} />
            <Legend wrapperStyle={{ fontSize: 12 }} />
            <Bar dataKey="cloudtrail" name="CloudTrail" stackId="a" fill="#2453d6" isAnimationActive={false} />
            <Bar dataKey="audit" name="Flightdeck audit" stackId="a" fill="#b7791f" isAnimationActive={false} />
          </BarChart>
        </ResponsiveContainer>
      </div>
      <TopList title="Top actors" values={charts.topActors} onPick={pick("actor")} testId="chart-top-actors" />
      <TopList title="Top event names" values={charts.topNames} onPick={pick("name")} testId="chart-top-names" />
    </div>
  );
}
