import "server-only";
import { AppError } from "@/lib/errors";
import { Prisma } from "@/lib/generated/prisma/client";
import { changeWithAudit, type MutationContext } from "@/lib/mutations/mutation";
import { parseDocument } from "@/lib/traffic";
import { documentText } from "./document-text";
import { compareWithRoute53 } from "./drift";
import { inProgressConflict } from "./conflict";
import { readFlightdeckSide, readRoute53Side } from "./route53-snapshot";
import { runOperation, type TrafficDeps } from "./run-operation";
import { loadServiceRecord, requirePolicy } from "./service-model";
import { route53ForService } from "./service-route53";
import { startOperation } from "./start-operation";

// Resolving drift, one of two ways:
//   adopt  — Route 53 is right: versions created outside are recorded (immutable, like any
//            other), versions deleted outside are marked, and the version the policy record
//            answers with becomes Flightdeck's live version. Nothing is sent to Route 53.
//   revert — Flightdeck is right: the policy record is switched back to Flightdeck's live
//            version, like a rollback (history-only differences stay until adopted).

export type AdoptResult = { activeVersion: number | null; importedVersions: number[]; deletedVersions: number[] };

const percentOf = (document: string): number | null => {
  const parsed = parseDocument(document);
  return parsed.kind === "managed" && Number.isInteger(parsed.split.multiRegionPercent) ? parsed.split.multiRegionPercent : null;
};

export async function adoptDrift(ctx: MutationContext, deps: TrafficDeps, slug: string): Promise<AdoptResult> {
  const record = await loadServiceRecord(ctx.db, slug);
  const policy = requirePolicy(record);
  const route53 = await readRoute53Side(await route53ForService(ctx.db, deps.route53, policy.serviceId), policy);
  const items = compareWithRoute53(route53, await readFlightdeckSide(ctx.db, policy));
  if (items.length === 0) throw new AppError("conflict", "Route 53 matches Flightdeck's record: there is nothing to adopt.");
  const instance = route53.instance;
  const blocking = items.find((i) => i.kind === "instance-missing" || i.kind === "instance-policy" || i.kind === "instance-busy");
  if (blocking) throw new AppError("conflict", `${blocking.message} That cannot be adopted; revert instead, or fix it in Route 53 and check again.`);
  if (instance?.state === "Failed") throw new AppError("conflict", `The policy record is Failed in Route 53 (${instance.message || "no message"}); revert instead.`);

  return changeWithAudit(ctx, { action: "traffic.adopt", target: `service:${slug}` }, async (tx) => {
    const locked = await tx.$queryRaw<{ pending_operation_id: string | null; active_version: number | null }[]>`
      SELECT pending_operation_id, active_version FROM traffic_policy WHERE service_id = ${policy.serviceId}::uuid FOR UPDATE`;
    const row = locked[0]!;
    if (row.pending_operation_id) throw await inProgressConflict(tx, row.pending_operation_id, row.active_version);
    const known = new Set((await tx.trafficVersion.findMany({ where: { serviceId: policy.serviceId, version: { not: null } }, select: { version: true } })).map((v) => v.version!));
    const imported: number[] = [];
    for (const [number, info] of route53.documents) {
      if (known.has(number)) continue;
      const document = documentText(info.document);
      await tx.trafficVersion.create({
        data: { serviceId: policy.serviceId, version: number, document, multiRegionPercent: percentOf(document), reason: info.comment || "Created outside Flightdeck", origin: "adopt", createdBy: "route53:outside-flightdeck" },
      });
      imported.push(number);
    }
    const gone = await tx.trafficVersion.findMany({ where: { serviceId: policy.serviceId, version: { notIn: [...route53.documents.keys()] }, NOT: { version: null }, route53DeletedAt: null } });
    await tx.trafficVersion.updateMany({ where: { id: { in: gone.map((v) => v.id) } }, data: { route53DeletedAt: new Date() } });
    let activeVersion = row.active_version;
    if (instance && instance.version !== row.active_version) {
      const target = await tx.trafficVersion.findUniqueOrThrow({ where: { serviceId_version: { serviceId: policy.serviceId, version: instance.version } } });
      await tx.trafficOperation.create({
        data: {
          serviceId: policy.serviceId, kind: "adopt", versionId: target.id, fromVersion: row.active_version, reason: "Adopted a change made outside Flightdeck",
          actor: ctx.actor.label, actorRole: ctx.actor.role, state: "applied", step: "Applied", requestId: ctx.requestId, finishedAt: new Date(),
        },
      });
      activeVersion = instance.version;
    }
    await tx.trafficPolicy.update({
      where: { serviceId: policy.serviceId },
      data: { activeVersion, drift: Prisma.DbNull, driftDetectedAt: null, revision: { increment: 1 } },
    });
    const result = { activeVersion, importedVersions: imported.sort((a, b) => a - b), deletedVersions: gone.map((v) => v.version!).sort((a, b) => a - b) };
    return { before: { activeVersion: row.active_version, drift: items.map((i) => i.message) }, after: result, result };
  });
}

/** Switches the policy record back to Flightdeck's live version (an operation like a rollback). */
export async function revertDrift(ctx: MutationContext, deps: TrafficDeps, slug: string): Promise<{ activeVersion: number }> {
  const record = await loadServiceRecord(ctx.db, slug);
  const policy = requirePolicy(record);
  if (policy.activeVersion === null) throw new AppError("invalid", `${slug} has no live version to revert to.`);
  const started = await startOperation(ctx, { kind: "revert", serviceId: policy.serviceId, slug, reason: "Reverted a change made outside Flightdeck", targetVersion: policy.activeVersion });
  await runOperation(ctx, deps, started, { instanceId: policy.route53InstanceId, policyId: policy.route53PolicyId, ttl: record.service.ttl });
  return { activeVersion: policy.activeVersion };
}
