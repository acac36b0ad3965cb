import Link from "next/link";
import type { AuditEntryDetail as Entry } from "@/lib/history/get-change";
import { JsonBlock } from "./json-block";
import { formatTime } from "./timeline-table";

// One entry of Flightdeck's audit log: who did what to what, before and after, its place in
// the hash chain, and the CloudTrail events the action caused in AWS.

const historyLink = (params: Record<string, string>) => `/history?${new URLSearchParams({ range: "90d", ...params }).toString()}`;

/** Pages that show a target, where one exists. */
function targetHref(target: string): string | null {
  const [kind, ...rest] = target.split(":");
  const name = rest.join(":");
  if (!name) return null;
  if (kind === "service") return `/services/${encodeURIComponent(name)}`;
  return null;
}

export function AuditEntryDetail({ entry }: { entry: Entry }) {
  const href = targetHref(entry.target);
  return (
    <div className="change-detail" data-testid="audit-detail">
      <div className="page-head">
        <div>
          <p className="muted"><Link href="/history?range=7d&kind=audit">← Change history</Link></p>
          <h1>{entry.action}</h1>
          <p><span className="badge info">Flightdeck audit entry #{entry.seq}</span></p>
        </div>
      </div>
      <div className="detail-grid">
        <section className="card">
          <h2>Entry</h2>
          <dl className="kv">
            <div><dt>Time (UTC)</dt><dd className="mono">{formatTime(entry.at.toISOString())}</dd></div>
            <div><dt>Actor</dt><dd><Link href={historyLink({ actor: entry.actor })}>{entry.actor}</Link> {entry.actorRole && <span className="badge">{entry.actorRole}</span>}</dd></div>
            <div><dt>Target</dt><dd>{href ? <Link href={href} className="mono">{entry.target}</Link> : <span className="mono">{entry.target}</span>} · <Link href={historyLink({ resource: entry.target })}>every change to it</Link></dd></div>
            <div><dt>Request id</dt><dd className="mono">{entry.requestId}</dd></div>
            <div><dt>Hash</dt><dd className="mono small">{entry.hash}</dd></div>
            <div><dt>Previous hash</dt><dd className="mono small">{entry.prevHash}</dd></div>
          </dl>
          <p className="muted small">Each entry&apos;s hash covers its content and the previous hash; <Link href="/audit?verify=1">verify the chain</Link>.</p>
        </section>
        <section className="card" data-testid="linked-events">
          <h2>In AWS (CloudTrail)</h2>
          {entry.events.length === 0 ? (
            <p className="muted">No CloudTrail event is linked to this entry (yet: events reach CloudTrail minutes after the call).</p>
          ) : (
            <ul className="links">
              {entry.events.map((e) => (
                <li key={e.eventId}>
                  <Link href={`/history/events/${encodeURIComponent(e.eventId)}`}>{e.name}</Link> <span className="mono small">{formatTime(e.at.toISOString())}</span>{" "}
                  {e.errorCode && <span className="badge bad">{e.errorCode}</span>} <span className="muted small">({e.via})</span>
                </li>
              ))}
            </ul>
          )}
        </section>
      </div>
      <section className="card">
        <h2>Before</h2>
        <JsonBlock value={entry.before} testId="audit-before" />
        <h2>After</h2>
        <JsonBlock value={entry.after} testId="audit-after" />
      </section>
    </div>
  );
}
