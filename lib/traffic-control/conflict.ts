import "server-only";
import { AppError } from "@/lib/errors";
import type { Prisma, TrafficOperation, TrafficVersion } from "@/lib/generated/prisma/client";

// The 409 an operator gets when someone else's change got there first. It names who did
// what, so the operator can read that change before deciding to publish again.

type Tx = Prisma.TransactionClient;

const verbs: Record<TrafficOperation["kind"], [string, string]> = {
  publish: ["publishing", "published"],
  rollback: ["rolling back to", "rolled back to"],
  revert: ["reverting to", "reverted to"],
  adopt: ["adopting", "adopted"],
  bootstrap: ["setting up", "set up"],
};

/** "user:ann@example.com" → "ann@example.com"; system and token actors keep their prefix. */
export function actorName(label: string): string {
  return label.startsWith("user:") ? label.slice(5) : label;
}

function describeVersion(version: TrafficVersion | null): string {
  if (!version) return "a version";
  const number = version.version === null ? "a new version" : `v${version.version}`;
  return version.multiRegionPercent === null ? number : `${number} (${version.multiRegionPercent} % multi-region)`;
}

function summary(operation: TrafficOperation, version: TrafficVersion | null) {
  return {
    kind: operation.kind,
    version: version?.version ?? null,
    multiRegionPercent: version?.multiRegionPercent ?? null,
    by: actorName(operation.actor),
    at: (operation.finishedAt ?? operation.startedAt).toISOString(),
    reason: operation.reason,
    state: operation.state,
  };
}

/** Another operation holds the service's lock. */
export async function inProgressConflict(tx: Tx, operationId: string, activeVersion: number | null): Promise<AppError> {
  const operation = await tx.trafficOperation.findUnique({ where: { id: operationId } });
  const version = operation ? await tx.trafficVersion.findUnique({ where: { id: operation.versionId } }) : null;
  if (!operation) return new AppError("conflict", "Another change to this service is in progress; try again in a moment.", { details: { activeVersion } });
  const [doing] = verbs[operation.kind];
  return new AppError(
    "conflict",
    `${actorName(operation.actor)} is ${doing} ${describeVersion(version)} since ${operation.startedAt.toISOString()} ("${operation.reason}"). ` +
      `Wait until it finishes, then start again from the version it leaves live.`,
    { details: { activeVersion, inProgress: summary(operation, version) } },
  );
}

/** The version the operator saw is no longer the live one. */
export async function staleBaseConflict(tx: Tx, serviceId: string, baseVersion: number, activeVersion: number | null): Promise<AppError> {
  const operation = await tx.trafficOperation.findFirst({ where: { serviceId, state: "applied" }, orderBy: { finishedAt: "desc" } });
  const version = operation ? await tx.trafficVersion.findUnique({ where: { id: operation.versionId } }) : null;
  const live = activeVersion === null ? "no version" : `v${activeVersion}`;
  const who = operation ? `${actorName(operation.actor)} ${verbs[operation.kind][1]} ${describeVersion(version)} at ${(operation.finishedAt ?? operation.startedAt).toISOString()} ("${operation.reason}")` : "it changed";
  return new AppError(
    "conflict",
    `You started from v${baseVersion}, but ${live} is live now: ${who}. Review that change, then publish again from ${live}.`,
    { details: { baseVersion, activeVersion, latest: operation ? summary(operation, version) : null } },
  );
}
