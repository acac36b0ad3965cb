import Link from "next/link";
import type { TimelineItem } from "@/lib/history/search-timeline";

// The merged timeline, newest first: CloudTrail events and Flightdeck audit entries in one
// list, each row linking to its full record.

export function changeHref(item: Pick<TimelineItem, "kind" | "id">): string {
  return item.kind === "audit" ? `/history/audit/${item.id}` : `/history/events/${encodeURIComponent(item.id)}`;
}

export function formatTime(iso: string): string {
  return iso.replace("T", " ").slice(0, 19);
}

function Resources({ item }: { item: TimelineItem }) {
  if (item.kind === "audit") return <span className="mono">{item.target}</span>;
  if (!item.resources.length) return <span className="muted">—</span>;
  return (
    <span className="resources">
      {item.resources.slice(0, 3).map((r) => (
        <span key={`${r.type}:${r.name}`} className="mono" title={r.arn ?? r.name}>
          {r.name}
        </span>
      ))}
      {item.resources.length > 3 && <span className="muted">+{item.resources.length - 3}</span>}
    </span>
  );
}

export function TimelineTable({ items }: { items: TimelineItem[] }) {
  if (!items.length) {
    return (
      <p className="notice info" data-testid="timeline-empty">
        Nothing matches these filters.
      </p>
    );
  }
  return (
    <table className="data timeline" data-testid="timeline">
      <thead>
        <tr>
          <th>Time (UTC)</th>
          <th>Event</th>
          <th>Actor</th>
          <th>Where</th>
          <th>Resources / target</th>
        </tr>
      </thead>
      <tbody>
        {items.map((item) => (
          <tr key={`${item.kind}:${item.id}`} data-testid="timeline-row" data-kind={item.kind} data-actor={item.actor ?? ""} data-name={item.name} data-region={item.region ?? ""}>
            <td className="mono nowrap">{formatTime(item.at)}</td>
            <td>
              <Link href={changeHref(item)} className="event-link">
                {item.name}
              </Link>
              <div className="event-meta">
                <span className={`badge ${item.kind === "audit" ? "info" : ""}`}>{item.kind === "audit" ? "Flightdeck" : item.source.replace(".amazonaws.com", "")}</span>
                {item.readOnly === false && item.kind === "cloudtrail" && <span className="badge warn">write</span>}
                {(item.errorCode || item.errorMessage) && (
                  <span className="badge bad" title={item.errorMessage ?? undefined}>
                    {item.errorCode ?? "error"}
                  </span>
                )}
              </div>
            </td>
            <td>
              <span className="nowrap">{item.actor ?? <span className="muted">unknown</span>}</span>
              {(item.principalType || item.actorRole) && <div className="muted small">{item.principalType ?? item.actorRole}</div>}
            </td>
            <td className="nowrap">
              {item.kind === "audit" ? <span className="muted">Flightdeck</span> : <>
                <span className="mono">{item.region}</span>
                <div className="muted small mono">{item.account}</div>
              </>}
            </td>
            <td>
              <Resources item={item} />
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
