import { computeEffectiveShare, type ClientMix } from "@/lib/traffic";
import type { TrafficOperation, TrafficVersion } from "@/lib/generated/prisma/client";

// The JSON shapes of versions and operations, shared by the REST API and the console.
// Plain data with ISO dates, so client components can take them as props.

export type VersionState = "pending" | "applying" | "applied" | "failed" | "adopted";

export type VersionView = {
  id: string;
  /** Route 53's version number; null when Route 53 never created it. */
  version: number | null;
  multiRegionPercent: number | null;
  reason: string;
  origin: TrafficVersion["origin"];
  createdBy: string;
  createdAt: string;
  /** How the operation that created it ended. */
  state: VersionState;
  message: string | null;
  live: boolean;
  deletedInRoute53: boolean;
  /** Share of all traffic per endpoint with every endpoint healthy, under the service's client mix. */
  effectiveShare: Record<string, number> | null;
  document: string;
};

export type OperationView = {
  id: string;
  kind: TrafficOperation["kind"];
  version: number | null;
  versionId: string;
  fromVersion: number | null;
  reason: string;
  actor: string;
  state: TrafficOperation["state"];
  step: string;
  message: string | null;
  startedAt: string;
  finishedAt: string | null;
  durationMs: number | null;
};

const CREATING_KINDS = new Set(["publish", "bootstrap", "adopt"]);

export function toOperationView(operation: TrafficOperation, versionNumber: number | null): OperationView {
  return {
    id: operation.id,
    kind: operation.kind,
    version: versionNumber,
    versionId: operation.versionId,
    fromVersion: operation.fromVersion,
    reason: operation.reason,
    actor: operation.actor.replace(/^user:/, ""),
    state: operation.state,
    step: operation.step,
    message: operation.message,
    startedAt: operation.startedAt.toISOString(),
    finishedAt: operation.finishedAt?.toISOString() ?? null,
    durationMs: operation.finishedAt ? operation.finishedAt.getTime() - operation.startedAt.getTime() : null,
  };
}

/** `operations` are the operations of the version's service (any order). */
export function toVersionView(version: TrafficVersion, operations: TrafficOperation[], activeVersion: number | null, mix: ClientMix): VersionView {
  const creator = operations
    .filter((o) => o.versionId === version.id && CREATING_KINDS.has(o.kind))
    .sort((a, b) => a.startedAt.getTime() - b.startedAt.getTime())[0];
  const share = computeEffectiveShare(version.document, { clientMix: mix });
  return {
    id: version.id,
    version: version.version,
    multiRegionPercent: version.multiRegionPercent,
    reason: version.reason,
    origin: version.origin,
    createdBy: version.createdBy.replace(/^user:/, ""),
    createdAt: version.createdAt.toISOString(),
    state: creator ? creator.state : "adopted",
    message: creator?.message ?? null,
    live: version.version !== null && version.version === activeVersion,
    deletedInRoute53: version.route53DeletedAt !== null,
    effectiveShare: share.kind === "computed" ? share.shares : null,
    document: version.document,
  };
}
