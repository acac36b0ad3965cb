import Link from "next/link";
import type { CloudTrailEventDetail } from "@/lib/history/get-change";
import { JsonBlock } from "./json-block";
import { formatTime } from "./timeline-table";

// One CloudTrail event: its normalized fields, resources, request and response, the full
// record, and — for Route 53 calls Flightdeck made — the policy version and audit entry.

const historyLink = (params: Record<string, string>) => `/history?${new URLSearchParams({ range: "90d", ...params }).toString()}`;

export function EventDetail({ event }: { event: CloudTrailEventDetail }) {
  const record = event.record;
  const fields: [string, React.ReactNode][] = [
    ["Time (UTC)", <span key="t" className="mono">{formatTime(event.at.toISOString())}</span>],
    ["Account", <Link key="a" href={historyLink({ account: event.account })} className="mono">{event.account}</Link>],
    ["Region", <Link key="r" href={historyLink({ region: event.region })} className="mono">{event.region}</Link>],
    ["Event source", <Link key="s" href={historyLink({ source: event.source })} className="mono">{event.source}</Link>],
    ["Actor", event.actor ? <Link key="u" href={historyLink({ actor: event.actor })}>{event.actor}</Link> : "—"],
    ["Principal", <span key="p">{event.principalType ?? "—"} <span className="mono small">{event.actorArn ?? ""}</span></span>],
    ["Access key", <span key="k" className="mono">{event.accessKeyId ?? "—"}</span>],
    ["Source IP", <span key="i" className="mono">{event.sourceIp ?? "—"}</span>],
    ["User agent", <span key="g" className="mono small">{event.userAgent ?? "—"}</span>],
    ["Read-only", event.readOnly === null ? "not stated" : event.readOnly ? "yes" : "no (a write)"],
    ["AWS request id", <span key="q" className="mono">{event.awsRequestId ?? "—"}</span>],
    ["Event id", <span key="e" className="mono">{event.eventId}</span>],
    ["Stored from", `${event.origin === "s3" ? "S3 log file" : "LookupEvents"}, ${formatTime(event.ingestedAt.toISOString())}`],
  ];
  return (
    <div className="change-detail" data-testid="event-detail">
      <div className="page-head">
        <div>
          <p className="muted"><Link href="/history?range=7d">← Change history</Link></p>
          <h1 data-testid="event-name">{event.name}</h1>
          <p>
            <span className="badge">{event.source}</span> {event.readOnly === false && <span className="badge warn">write</span>}{" "}
            {(event.errorCode || event.errorMessage) && <span className="badge bad">{event.errorCode ?? "error"}</span>}
          </p>
        </div>
      </div>
      {(event.errorCode || event.errorMessage) && (
        <p className="notice error" role="status">{event.errorCode ?? "Error"}: {event.errorMessage ?? "no message"}</p>
      )}
      <div className="detail-grid">
        <section className="card">
          <h2>Event</h2>
          <dl className="kv">
            {fields.map(([label, value]) => (
              <div key={label}><dt>{label}</dt><dd>{value}</dd></div>
            ))}
          </dl>
        </section>
        <section className="card" data-testid="event-links">
          <h2>Flightdeck</h2>
          {event.auditEntries.length === 0 && event.policies.length === 0 && <p className="muted">No Flightdeck action is linked to this event.</p>}
          {event.policies.map((p) => (
            <p key={`${p.policyId}:${p.version}`}>
              Traffic policy of <Link href={`/services/${p.serviceSlug}#version-${p.version ?? ""}`}>{p.serviceName}</Link>
              {p.version !== null && <> — <strong>version {p.version}</strong></>} <span className="mono small">({p.policyId})</span>{" "}
              · <Link href={historyLink({ q: p.policyId })}>every change to this policy</Link>
            </p>
          ))}
          {event.auditEntries.length > 0 && (
            <ul className="links" data-testid="linked-audit-entries">
              {event.auditEntries.map((a) => (
                <li key={a.seq}>
                  <Link href={`/history/audit/${a.seq}`}>Audit entry #{a.seq}</Link>: {a.action} on <span className="mono">{a.target}</span> by {a.actor}{" "}
                  <span className="muted small">({a.via})</span>
                </li>
              ))}
            </ul>
          )}
          <h2>Resources</h2>
          {event.resources.length === 0 ? (
            <p className="muted">None recorded.</p>
          ) : (
            <table className="data compact" data-testid="event-resources">
              <thead><tr><th>Type</th><th>Name</th></tr></thead>
              <tbody>
                {event.resources.map((r) => (
                  <tr key={`${r.type}:${r.name}`}>
                    <td className="mono small">{r.type ?? "—"}</td>
                    <td><Link href={historyLink({ resource: r.name })} className="mono small" title={r.arn ?? undefined}>{r.name}</Link></td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </section>
      </div>
      <section className="card">
        <h2>Request parameters</h2>
        <JsonBlock value={record.requestParameters ?? null} testId="request-parameters" />
        <h2>Response elements</h2>
        <JsonBlock value={record.responseElements ?? null} />
      </section>
      <section className="card">
        <h2>Full record</h2>
        <JsonBlock value={record} testId="event-json" />
      </section>
    </div>
  );
}
