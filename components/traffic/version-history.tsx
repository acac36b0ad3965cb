"use client";

import { useRouter } from "next/navigation";
import { Fragment, useState } from "react";
import type { VersionView } from "@/lib/traffic-control/views";
import { percent, stateBadge, when } from "./format";
import { OperationProgress } from "./operation-progress";
import { useTrafficRequest } from "./use-traffic-request";

// Every version, newest first, with a one-click rollback (confirmed with a reason) to any
// version Route 53 still has. A rollback creates no version: it points the record back.

type Props = { slug: string; versions: VersionView[]; activeVersion: number | null; canRollback: boolean };

function Shares({ shares }: { shares: Record<string, number> | null }) {
  if (!shares) return <span className="muted">not computable</span>;
  return (
    <span className="share-list">
      {Object.entries(shares)
        .filter(([, share]) => share > 0)
        .map(([endpoint, share]) => (
          <span key={endpoint}>
            {endpoint} {percent(share)}
          </span>
        ))}
    </span>
  );
}

export function VersionHistory({ slug, versions, activeVersion, canRollback }: Props) {
  const router = useRouter();
  const [target, setTarget] = useState<number | null>(null);
  const [reason, setReason] = useState("");
  const request = useTrafficRequest(slug);
  const rollbackable = (v: VersionView) => canRollback && v.version !== null && !v.live && !v.deletedInRoute53;

  async function rollback(version: number): Promise<void> {
    const ok = await request.send(`/api/v1/services/${slug}/rollback`, { version, reason: reason.trim() });
    if (ok) {
      setTarget(null);
      setReason("");
      router.refresh();
    }
  }

  return (
    <section aria-labelledby="history-title">
      <h2 id="history-title">Versions</h2>
      <OperationProgress request={request} />
      <table className="data version-history" data-testid="version-history">
        <thead>
          <tr><th>Version</th><th>Who / when</th><th>Reason</th><th>Split</th><th>Effective share (all healthy)</th><th>State</th><th></th></tr>
        </thead>
        <tbody>
          {versions.map((v) => (
            <Fragment key={v.id}>
              <tr data-testid={`version-row-${v.version ?? v.id}`}>
                <td className="mono">
                  {v.version === null ? "—" : `v${v.version}`} {v.live && <span className="badge ok" data-testid="live-badge">live</span>}
                  {v.origin !== "publish" && <div className="muted">{v.origin}</div>}
                </td>
                <td>{v.createdBy}<div className="muted mono">{when(v.createdAt)}</div></td>
                <td>{v.reason}</td>
                <td>{v.multiRegionPercent === null ? "—" : `${v.multiRegionPercent} %`}</td>
                <td><Shares shares={v.effectiveShare} /></td>
                <td>
                  <span className={`badge ${stateBadge[v.state] ?? ""}`} data-testid="version-state">{v.state}</span>
                  {v.deletedInRoute53 && <span className="badge bad">deleted in Route 53</span>}
                  {v.message && <div className="muted small">{v.message}</div>}
                </td>
                <td>
                  {rollbackable(v) && (
                    <button className="btn" type="button" data-testid={`rollback-${v.version}`} disabled={request.state === "running"} onClick={() => setTarget(v.version)}>
                      {activeVersion !== null && v.version! < activeVersion ? "Roll back" : "Make live"}…
                    </button>
                  )}
                </td>
              </tr>
              {target !== null && target === v.version && (
                <tr className="rollback-row">
                  <td colSpan={7}>
                    <div className="notice warn confirm" role="alertdialog" aria-label={`Roll back to v${target}`}>
                      Point the policy record back at <strong>v{target}</strong> ({v.multiRegionPercent ?? "?"} % multi-region)? No new version is created.
                      <div className="field">
                        <label htmlFor="rollback-reason">Reason</label>
                        <input id="rollback-reason" data-testid="rollback-reason" value={reason} maxLength={500} onChange={(e) => setReason(e.target.value)} />
                      </div>
                      <div className="actions">
                        <button className="btn danger" type="button" data-testid="rollback-confirm" disabled={reason.trim().length < 3 || request.state === "running"} onClick={() => void rollback(target)}>
                          Confirm rollback to v{target}
                        </button>
                        <button className="btn" type="button" onClick={() => setTarget(null)}>Cancel</button>
                      </div>
                    </div>
                  </td>
                </tr>
              )}
            </Fragment>
          ))}
        </tbody>
      </table>
    </section>
  );
}
