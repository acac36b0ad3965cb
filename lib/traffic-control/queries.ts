import "server-only";
import type { Db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import type { TrafficOperation, TrafficVersion } from "@/lib/generated/prisma/client";
import { computeEffectiveShare, type ClientMix, type HealthSnapshot, type ServiceTopology, type ShareResult } from "@/lib/traffic";
import type { DriftReport } from "./drift";
import { clientMix, healthSnapshot, loadRecords, observedStatus, serviceTopology, type ServiceRecord } from "./service-model";
import type { DiagramInput } from "./topology-model";
import { toOperationView, toVersionView, type OperationView, type VersionView } from "./views";

// Read models for the console and the REST API: one service summary per service, and the
// full picture of one service (versions, operations, drift, live share, diagram input).

export type RegionHealth = {
  regionCode: string;
  loadBalancer: string;
  healthCheckId: string | null;
  status: "healthy" | "unhealthy" | "unknown";
  detail: string | null;
  observedAt: string | null;
};

export type ServiceSummary = {
  slug: string;
  name: string;
  pathPattern: string;
  recordName: string;
  topology: "multi-region" | "single-region";
  homeRegionCode: string;
  activeVersion: number | null;
  multiRegionPercent: number | null;
  /** The publish or rollback running now, if any. */
  operation: OperationView | null;
  drift: boolean;
  health: RegionHealth[];
};

export type ServiceDetail = {
  summary: ServiceSummary;
  topology: ServiceTopology | null;
  liveDocument: string | null;
  health: HealthSnapshot;
  clientMix: ClientMix;
  liveShare: ShareResult | null;
  versions: VersionView[];
  operations: OperationView[];
  drift: DriftReport | null;
  driftDetectedAt: string | null;
  diagram: DiagramInput;
};

function regionHealth(record: ServiceRecord): RegionHealth[] {
  return record.regionalElbs.map((elb) => {
    const check = elb.healthChecks.find((c) => c.route53Id) ?? elb.healthChecks[0];
    const observation = check ? record.observations.get(check.id) : undefined;
    return {
      regionCode: elb.regionCode,
      loadBalancer: elb.name,
      healthCheckId: check?.route53Id ?? null,
      status: observedStatus(observation),
      detail: observation?.detail ?? null,
      observedAt: observation?.observedAt.toISOString() ?? null,
    };
  });
}

function summarize(record: ServiceRecord, active: TrafficVersion | undefined, pending: TrafficOperation | undefined, pendingVersion: number | null): ServiceSummary {
  const { service, policy } = record;
  return {
    slug: service.slug,
    name: service.name,
    pathPattern: service.pathPattern,
    recordName: service.recordName,
    topology: service.topology === "multi_region" ? "multi-region" : "single-region",
    homeRegionCode: service.homeRegionCode,
    activeVersion: policy?.activeVersion ?? null,
    multiRegionPercent: active?.multiRegionPercent ?? null,
    operation: pending ? toOperationView(pending, pendingVersion) : null,
    drift: policy?.drift !== null && policy?.drift !== undefined,
    health: regionHealth(record),
  };
}

async function summaries(db: Db, records: ServiceRecord[]): Promise<ServiceSummary[]> {
  const policies = records.flatMap((r) => (r.policy ? [r.policy] : []));
  const [actives, pendings] = await Promise.all([
    db.trafficVersion.findMany({ where: { OR: policies.filter((p) => p.activeVersion !== null).map((p) => ({ serviceId: p.serviceId, version: p.activeVersion })) } }),
    db.trafficOperation.findMany({ where: { id: { in: policies.flatMap((p) => (p.pendingOperationId ? [p.pendingOperationId] : [])) } } }),
  ]);
  const pendingVersions = await db.trafficVersion.findMany({ where: { id: { in: pendings.map((o) => o.versionId) } }, select: { id: true, version: true } });
  return records.map((record) => {
    const active = actives.find((v) => v.serviceId === record.service.id);
    const pending = pendings.find((o) => o.serviceId === record.service.id);
    return summarize(record, active, pending, pendingVersions.find((v) => v.id === pending?.versionId)?.version ?? null);
  });
}

export async function listServiceSummaries(db: Db): Promise<ServiceSummary[]> {
  const services = await db.service.findMany({ orderBy: [{ topology: "desc" }, { slug: "asc" }] });
  return summaries(db, await loadRecords(db, services));
}

export function diagramInput(record: ServiceRecord, document: string | null, share: ShareResult | null, summary: ServiceSummary): DiagramInput {
  return {
    slug: record.service.slug,
    pathPattern: record.service.pathPattern,
    recordName: record.service.recordName,
    topology: record.service.topology,
    activeVersion: summary.activeVersion,
    document,
    share,
    origin: record.singleRegionElb ? { name: record.singleRegionElb.name, regionCode: record.singleRegionElb.regionCode } : null,
    regional: record.regionalElbs.map((elb) => {
      const health = summary.health.find((h) => h.loadBalancer === elb.name);
      return { name: elb.name, regionCode: elb.regionCode, heartbeatUrl: elb.heartbeatUrl, health: health?.status ?? "unknown", ...(health?.detail ? { detail: health.detail } : {}) };
    }),
  };
}

export async function getServiceDetail(db: Db, slug: string): Promise<ServiceDetail> {
  const service = await db.service.findUnique({ where: { slug } });
  if (!service) throw new AppError("not_found", `There is no service "${slug}".`);
  const record = (await loadRecords(db, [service]))[0]!;
  const [summary] = await summaries(db, [record]);
  const [versions, operations] = await Promise.all([
    db.trafficVersion.findMany({ where: { serviceId: service.id }, orderBy: { createdAt: "desc" } }),
    db.trafficOperation.findMany({ where: { serviceId: service.id }, orderBy: { startedAt: "desc" } }),
  ]);
  const mix = clientMix(record);
  const active = record.policy?.activeVersion ?? null;
  const live = versions.find((v) => v.version !== null && v.version === active) ?? null;
  const health = healthSnapshot(record);
  const liveShare = live ? computeEffectiveShare(live.document, { health, clientMix: mix }) : null;
  let topology: ServiceTopology | null = null;
  try {
    topology = service.topology === "multi_region" ? serviceTopology(record) : null;
  } catch {
    topology = null; // incomplete inventory: the page says so instead of offering a slider
  }
  const numberOf = new Map(versions.map((v) => [v.id, v.version]));
  return {
    summary: summary!,
    topology,
    liveDocument: live?.document ?? null,
    health,
    clientMix: mix,
    liveShare,
    versions: versions.map((v) => toVersionView(v, operations, active, mix)),
    operations: operations.slice(0, 50).map((o) => toOperationView(o, numberOf.get(o.versionId) ?? null)),
    drift: (record.policy?.drift as DriftReport | null | undefined) ?? null,
    driftDetectedAt: record.policy?.driftDetectedAt?.toISOString() ?? null,
    diagram: diagramInput(record, live?.document ?? null, liveShare, summary!),
  };
}

/** Diagram inputs of every service, for the estate topology. */
export async function estateDiagramInputs(db: Db): Promise<DiagramInput[]> {
  const services = await db.service.findMany({ orderBy: [{ topology: "desc" }, { slug: "asc" }] });
  const records = await loadRecords(db, services);
  const sums = await summaries(db, records);
  const lives = await db.trafficVersion.findMany({
    where: { OR: records.flatMap((r) => (r.policy?.activeVersion ? [{ serviceId: r.service.id, version: r.policy.activeVersion }] : [])) },
  });
  return records.map((record, i) => {
    const live = lives.find((v) => v.serviceId === record.service.id);
    const share = live ? computeEffectiveShare(live.document, { health: healthSnapshot(record), clientMix: clientMix(record) }) : null;
    return diagramInput(record, live?.document ?? null, share, sums[i]!);
  });
}
