"use client";

import { useRouter } from "next/navigation";
import { useMemo, useState } from "react";
import { buildDocument, diffVersions, markRegionDown, topologyEndpointRegions, type ClientMix, type HealthSnapshot, type ServiceTopology } from "@/lib/traffic";
import { DiffView } from "./diff-view";
import { OperationProgress } from "./operation-progress";
import { ShareTable } from "./share-table";
import { useTrafficRequest } from "./use-traffic-request";

// The operator's slider: move it, read the diff and the effective share before/after
// (computed here, with the same pure core the server uses and the live health), say why,
// confirm — then watch Route 53 apply it. The server re-checks everything.

type Props = {
  slug: string;
  activeVersion: number;
  livePercent: number | null;
  liveDocument: string;
  topology: ServiceTopology;
  health: HealthSnapshot;
  clientMix: ClientMix;
  /** Someone else's publish or rollback holding the service, if any. */
  otherChange: string | null;
};

export function PublishPanel({ slug, activeVersion, livePercent, liveDocument, topology, health, clientMix, otherChange }: Props) {
  const router = useRouter();
  const [value, setValue] = useState(livePercent ?? 0);
  const [reason, setReason] = useState("");
  const [confirming, setConfirming] = useState<number | null>(null);
  const [regionDown, setRegionDown] = useState("");
  const request = useTrafficRequest(slug);

  const regions = useMemo(() => [...new Set([topology.singleRegion.regionCode, ...topology.regions.map((r) => r.regionCode)])].sort(), [topology]);
  const preview = useMemo(() => {
    const next = buildDocument(topology, { multiRegionPercent: value });
    // "What if a region is down": the same health, with that region's endpoints and checks failed.
    const assumed = regionDown ? markRegionDown(next, health, regionDown, topologyEndpointRegions(topology)) : health;
    return diffVersions({ label: `v${activeVersion} (live)`, document: liveDocument }, { label: "new version", document: next }, { health: assumed, clientMix });
  }, [topology, value, activeVersion, liveDocument, health, clientMix, regionDown]);

  const busy = request.state === "running";
  const blocked = otherChange !== null && !busy;
  const reasonOk = reason.trim().length >= 3;

  async function publish(base: number): Promise<void> {
    const ok = await request.send(`/api/v1/services/${slug}/versions`, { baseVersion: base, multiRegionPercent: value, reason: reason.trim() });
    setConfirming(null);
    if (ok) {
      setReason("");
      router.refresh();
    }
  }

  return (
    <section className="card publish-panel" aria-labelledby="publish-title">
      <h2 id="publish-title">Shift traffic</h2>
      <div className="slider-row">
        <label htmlFor="split-slider">Multi-region share</label>
        <input
          id="split-slider"
          data-testid="split-slider"
          type="range"
          min={0}
          max={100}
          step={1}
          value={value}
          disabled={busy}
          onChange={(e) => setValue(Number(e.target.value))}
        />
        <output data-testid="split-value" htmlFor="split-slider">{value} %</output>
        <span className="muted">live: v{activeVersion} at {livePercent ?? "?"} %</span>
      </div>
      {preview.changed ? (
        <div className="preview" data-testid="publish-preview">
          <div className="preview-grid">
            <div>
              <h3>Document change</h3>
              <DiffView patch={preview.patch} />
            </div>
            <div>
              <h3>Effective share, with today&apos;s health and client mix</h3>
              <ShareTable rows={preview.shares} />
              <label className="what-if">
                What if{" "}
                <select data-testid="what-if-region" value={regionDown} onChange={(e) => setRegionDown(e.target.value)}>
                  <option value="">no region</option>
                  {regions.map((code) => (
                    <option key={code} value={code}>{code}</option>
                  ))}
                </select>{" "}
                is down?
              </label>
            </div>
          </div>
          <div className="field">
            <label htmlFor="publish-reason">Reason</label>
            <input id="publish-reason" data-testid="publish-reason" value={reason} maxLength={500} disabled={busy} placeholder="Why this change, e.g. ticket or observation" onChange={(e) => setReason(e.target.value)} />
          </div>
          {confirming === null ? (
            <button className="btn primary" type="button" data-testid="publish-review" disabled={!reasonOk || busy || blocked} onClick={() => setConfirming(activeVersion)}>
              Publish {value} % multi-region…
            </button>
          ) : (
            <div className="notice warn confirm" role="alertdialog" aria-label="Confirm publish">
              Publish a new version sending <strong>{value} %</strong> to latency routing (from v{confirming} at {livePercent ?? "?"} %)? Route 53 starts answering with it within seconds.
              <div className="actions">
                <button className="btn primary" type="button" data-testid="publish-confirm" disabled={busy} onClick={() => void publish(confirming)}>
                  Confirm publish
                </button>
                <button className="btn" type="button" disabled={busy} onClick={() => setConfirming(null)}>
                  Cancel
                </button>
              </div>
            </div>
          )}
        </div>
      ) : (
        <p className="muted">Move the slider to prepare a new version; the diff and the effective share appear here.</p>
      )}
      {blocked && <p className="notice info">{otherChange}; publishing opens again when it finishes.</p>}
      <OperationProgress request={request} />
    </section>
  );
}
