import Link from "next/link";
import { TopologyDiagram } from "@/components/topology/topology-diagram";
import type { ActionState } from "@/lib/mutations/form-action";
import type { ServiceDetail } from "@/lib/traffic-control/queries";
import { buildDiagram } from "@/lib/traffic-control/topology-model";
import { AutoRefresh } from "./auto-refresh";
import { DriftBanner } from "./drift-banner";
import { HealthBadges } from "./health-badges";
import { OperationsTable } from "./operations-table";
import { PublishPanel } from "./publish-panel";
import { ShareTable, shareRows } from "./share-table";
import { VersionHistory } from "./version-history";

// One service's traffic page: drift, live topology and share, the slider (operators only),
// the version history with rollback, and the operations log.

type Action = (state: ActionState, formData: FormData) => Promise<ActionState>;

type Props = { detail: ServiceDetail; canPublish: boolean; canRollback: boolean; drift?: { adopt: Action; revert: Action } };

export function ServiceView({ detail, canPublish, canRollback, drift }: Props) {
  const { summary } = detail;
  const diagram = buildDiagram(detail.diagram);
  const live = detail.versions.find((v) => v.live);
  // Stays mounted while a change runs (its own or another's), so live progress is never lost.
  const publishable = canPublish && detail.topology && detail.liveDocument && summary.activeVersion !== null;
  return (
    <div className="traffic-page">
      <div className="page-head">
        <div>
          <h1>{summary.name}</h1>
          <p>
            <span className="mono">{summary.recordName}</span> · {summary.pathPattern} · <span className="badge info">{summary.topology}</span>{" "}
            {summary.activeVersion !== null && <span data-testid="live-version">live: v{summary.activeVersion} ({summary.multiRegionPercent ?? "?"} % multi-region)</span>}
          </p>
        </div>
        <Link className="btn" href="/topology">Estate topology</Link>
      </div>
      {detail.drift && <DriftBanner drift={detail.drift} detectedAt={detail.driftDetectedAt} adopt={drift?.adopt} revert={drift?.revert} />}
      {summary.operation && (
        <div className="notice info" role="status" data-testid="running-operation">
          {summary.operation.actor} is running a {summary.operation.kind} (v{summary.operation.version ?? "new"}): {summary.operation.step}
        </div>
      )}
      <section className="card topology-card">
        <div className="card-head">
          <h2>Topology</h2>
          <HealthBadges health={summary.health} />
        </div>
        <TopologyDiagram nodes={diagram.nodes} edges={diagram.edges} height={diagram.height} label={`Traffic topology of ${summary.slug}`} />
      </section>
      {detail.liveShare?.kind === "computed" && (
        <section className="card">
          <h2>Effective share now</h2>
          <p className="muted small">
            Where clients land with v{summary.activeVersion}, today&apos;s health and the client mix{" "}
            {Object.entries(detail.clientMix).map(([region, share]) => `${region} ${Math.round(share * 100)} %`).join(", ")}.
            {detail.liveShare.failOpenRules.length > 0 && " Every endpoint of a rule is down: Route 53 answers as if all were healthy."}
          </p>
          <ShareTable rows={shareRows(detail.liveShare.shares)} />
        </section>
      )}
      {publishable && live && (
        <PublishPanel
          slug={summary.slug}
          activeVersion={summary.activeVersion!}
          livePercent={summary.multiRegionPercent}
          liveDocument={detail.liveDocument!}
          topology={detail.topology!}
          health={detail.health}
          clientMix={detail.clientMix}
          otherChange={summary.operation ? `${summary.operation.actor} is running a ${summary.operation.kind}` : null}
        />
      )}
      {summary.topology === "single-region" && <p className="muted">A single-region service: CloudFront goes straight to its origin and nothing is published for it.</p>}
      {detail.versions.length > 0 && <VersionHistory slug={summary.slug} versions={detail.versions} activeVersion={summary.activeVersion} canRollback={canRollback} />}
      {detail.operations.length > 0 && <OperationsTable operations={detail.operations} />}
      <AutoRefresh everyMs={3000} />
    </div>
  );
}
