import { formatLag } from "@/lib/replication/format";
import type { BreachEvent } from "@/lib/replication/query-breaches";

const time = (iso: string) => new Date(iso).toISOString().replace("T", " ").slice(0, 19) + " UTC";

/** Open breaches first, then those that ended within the window. */
export function BreachList({ breaches, regionNames, empty }: { breaches: BreachEvent[]; regionNames?: ReadonlyMap<string, string>; empty: string }) {
  // A critical breach always comes with a warning one; showing both would double every incident.
  const shown = breaches.filter((b) => b.level === "critical" || !breaches.some((c) => c.level === "critical" && c.region === b.region && c.startedAt >= b.startedAt && (b.endedAt === null || c.startedAt <= b.endedAt)));
  const sorted = [...shown].sort((a, b) => Number(a.endedAt !== null) - Number(b.endedAt !== null) || b.startedAt.localeCompare(a.startedAt));
  if (!sorted.length) return <p className="muted" data-testid="breaches-empty">{empty}</p>;
  return (
    <ul className="breach-list" data-testid="breach-list">
      {sorted.map((b) => (
        <li key={b.id} data-testid="breach" data-open={b.endedAt === null} data-level={b.level}>
          <span className={`badge ${b.level === "critical" ? "bad" : "warn"}`}>{b.level}</span> <strong>{regionNames?.get(b.region) ?? b.region}</strong>{" "}
          <span className="muted">
            lag over {formatLag(b.thresholdMs)} since {time(b.startedAt)}
            {b.endedAt ? `, ended ${time(b.endedAt)}` : " — open"}
            {b.peakLagMs !== null && `; peak ${formatLag(b.peakLagMs)}`}
          </span>
        </li>
      ))}
    </ul>
  );
}
