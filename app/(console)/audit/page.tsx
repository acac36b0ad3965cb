import Link from "next/link";
import { verifyAuditChain } from "@/lib/audit/audit-log";
import { pageActor } from "@/lib/auth/page-guard";
import { getDb } from "@/lib/db";

export const metadata = { title: "Audit log" };

const PAGE = 50;

export default async function AuditPage({ searchParams }: { searchParams: Promise<Record<string, string | undefined>> }) {
  await pageActor("history:read", "/audit");
  const params = await searchParams;
  const before = params.before && /^\d+$/.test(params.before) ? BigInt(params.before) : undefined;
  const db = getDb();
  const entries = await db.auditEntry.findMany({ where: before ? { seq: { lt: before } } : {}, orderBy: { seq: "desc" }, take: PAGE });
  const verification = params.verify ? await verifyAuditChain(db) : null;
  const last = entries.at(-1);
  return (
    <>
      <div className="page-head">
        <div>
          <h1>Audit log</h1>
          <p>Every change made through Flightdeck, hash-chained: each entry seals the one before it. <Link href="/history?range=7d&kind=audit">Search it with CloudTrail</Link>.</p>
        </div>
        <Link className="btn" href="/audit?verify=1">Verify chain</Link>
      </div>
      {verification && (
        <div className={`notice ${verification.ok ? "ok" : "error"}`} role="status" data-testid="verify-result" style={{ marginBottom: 12 }}>
          {verification.ok
            ? `Chain intact: ${verification.checked} entries checked.`
            : `Chain broken at entry ${verification.brokenAt}: ${verification.reason} (${verification.checked} entries before it are intact).`}
        </div>
      )}
      <table className="data">
        <thead><tr><th>#</th><th>Time (UTC)</th><th>Actor</th><th>Action</th><th>Target</th><th>Change</th></tr></thead>
        <tbody>
          {entries.map((e) => (
            <tr key={e.seq.toString()}>
              <td className="mono"><Link href={`/history/audit/${e.seq.toString()}`}>{e.seq.toString()}</Link></td>
              <td className="mono">{e.at.toISOString().replace("T", " ").slice(0, 19)}</td>
              <td>{e.actor} {e.actorRole && <span className="badge">{e.actorRole}</span>}</td>
              <td className="mono">{e.action}</td>
              <td className="mono">{e.target}</td>
              <td>
                <details>
                  <summary className="muted">before / after</summary>
                  <pre className="mono" style={{ maxWidth: 480, overflow: "auto" }}>{JSON.stringify({ before: e.before, after: e.after }, null, 2)}</pre>
                </details>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {entries.length === PAGE && last && (
        <p><Link href={`/audit?before=${last.seq.toString()}`}>Older entries →</Link></p>
      )}
    </>
  );
}
