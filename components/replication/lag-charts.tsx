"use client";

import { useState } from "react";
import { defaultRangeKey, rangeFor, rangePresets, type RangeKey } from "@/lib/replication/ranges";
import type { ConsoleRegion } from "@/lib/replication/overview";
import { LagChart } from "./lag-chart";
import { useLagHistory } from "./use-lag-history";

/** Range buttons and one chart per region; each range change starts a fresh history. */
export function LagCharts({ regions }: { regions: ConsoleRegion[] }) {
  const [range, setRange] = useState<RangeKey>(defaultRangeKey);
  return (
    <section className="card" aria-labelledby="lag-over-time">
      <div className="section-head">
        <h2 id="lag-over-time">Lag over time</h2>
        <div className="range-picker" role="group" aria-label="Time range">
          {rangePresets.map((p) => (
            <button key={p.key} type="button" className="btn" aria-pressed={p.key === range} onClick={() => setRange(p.key)}>
              {p.label}
            </button>
          ))}
        </div>
      </div>
      <RegionCharts key={range} rangeMs={rangeFor(range).ms} regions={regions} />
    </section>
  );
}

function RegionCharts({ rangeMs, regions }: { rangeMs: number; regions: ConsoleRegion[] }) {
  const history = useLagHistory(rangeMs);
  return (
    <>
      {history.error && <div className="notice warn" role="alert">{history.error}</div>}
      {history.loading && <p className="muted">Loading the lag history…</p>}
      <p className="muted chart-note">
        {history.resolution === "minute" ? "One point per minute: the worst lag of that minute." : "Every collector tick."} Dashed lines are the region&apos;s warning and critical thresholds.
      </p>
      <div className="lag-charts">
        {regions.map((r) => (
          <LagChart
            key={r.region}
            region={r.region}
            label={r.name ? `${r.name} (${r.region})` : r.region}
            points={history.series.get(r.region) ?? []}
            from={history.from}
            to={history.to}
            thresholds={r.thresholds}
            status={r.status}
            currentLagMs={r.endpoints.every((e) => e.role === "primary") ? null : r.lagMs}
          />
        ))}
      </div>
    </>
  );
}
