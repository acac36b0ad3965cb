import "server-only";
import { z } from "zod";
import type { Db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import type { HealthCheck, HealthObservation, LoadBalancer, Prisma, Service, TrafficPolicy } from "@/lib/generated/prisma/client";
import type { ClientMix, HealthSnapshot, HealthStatus, ServiceTopology } from "@/lib/traffic";

// A service as traffic control sees it: the inventory rows that make up its traffic shape,
// its Route 53 policy record (if any) and the last health Route 53 reported. Everything
// that builds documents or computes shares starts from this.

type DbLike = Db | Prisma.TransactionClient;

export type RegionalElb = LoadBalancer & { healthChecks: HealthCheck[] };

export type ServiceRecord = {
  service: Service;
  /** The home region's shared proxy: the single-region endpoint, and the origin of single-region services. */
  singleRegionElb: LoadBalancer | null;
  /** The service's bespoke heartbeat ELBs, by region code. */
  regionalElbs: RegionalElb[];
  policy: TrafficPolicy | null;
  /** By inventory health check id. */
  observations: Map<string, HealthObservation>;
};

export async function loadServiceRecord(db: DbLike, slug: string): Promise<ServiceRecord> {
  const service = await db.service.findUnique({ where: { slug } });
  if (!service) throw new AppError("not_found", `There is no service "${slug}".`);
  return (await loadRecords(db, [service]))[0]!;
}

/** The same for many services, in a fixed number of queries. */
export async function loadRecords(db: DbLike, services: Service[]): Promise<ServiceRecord[]> {
  const ids = services.map((s) => s.id);
  // One round of parallel queries: observations are one row per health check, so reading
  // them all is cheaper than waiting for the ELBs first.
  const [elbs, proxies, policies, observations] = await Promise.all([
    db.loadBalancer.findMany({ where: { serviceId: { in: ids }, kind: "bespoke_heartbeat" }, include: { healthChecks: { orderBy: { createdAt: "asc" } } } }),
    db.loadBalancer.findMany({ where: { kind: "shared_proxy" }, orderBy: { name: "asc" } }),
    db.trafficPolicy.findMany({ where: { serviceId: { in: ids } } }),
    db.healthObservation.findMany(),
  ]);
  const byCheck = new Map(observations.map((o) => [o.healthCheckId, o]));
  return services.map((service) => ({
    service,
    singleRegionElb: proxies.find((p) => p.regionCode === service.homeRegionCode) ?? null,
    regionalElbs: elbs.filter((e) => e.serviceId === service.id).sort((a, b) => (a.regionCode < b.regionCode ? -1 : 1)),
    policy: policies.find((p) => p.serviceId === service.id) ?? null,
    observations: byCheck,
  }));
}

/** The Route 53 id of the health check guarding a regional ELB, if it exists in Route 53. */
export function route53CheckId(elb: RegionalElb): string | undefined {
  return elb.healthChecks.find((c) => c.route53Id)?.route53Id ?? undefined;
}

/** The inventory in lib/traffic's terms. Endpoint ids are the ELB names, so documents read naturally. */
export function serviceTopology(record: ServiceRecord, recordType: "A" | "AAAA" = "A"): ServiceTopology {
  const { service, singleRegionElb } = record;
  if (!singleRegionElb) {
    throw new AppError("invalid", `${service.slug} has no shared proxy ELB in its home region ${service.homeRegionCode}; add one to the inventory first.`);
  }
  if (record.regionalElbs.length === 0) {
    throw new AppError("invalid", `${service.slug} has no bespoke heartbeat ELBs; add one per region to the inventory first.`);
  }
  return {
    slug: service.slug,
    recordType,
    singleRegion: { endpointId: singleRegionElb.name, regionCode: singleRegionElb.regionCode, dnsName: singleRegionElb.dnsName, endpointType: "application-load-balancer" },
    regions: record.regionalElbs.map((elb) => {
      const healthCheckId = route53CheckId(elb);
      return { regionCode: elb.regionCode, endpointId: elb.name, dnsName: elb.dnsName, endpointType: "application-load-balancer" as const, ...(healthCheckId ? { healthCheckId } : {}) };
    }),
  };
}

// An observation this old no longer says anything about now.
const STALE_AFTER_MS = 5 * 60_000;

export function observedStatus(observation: HealthObservation | undefined, now = Date.now()): HealthStatus {
  if (!observation || now - observation.observedAt.getTime() > STALE_AFTER_MS) return "unknown";
  return observation.status;
}

/** Health keyed by Route 53 health check id, as the effective-share computation wants it. */
export function healthSnapshot(record: ServiceRecord, now = Date.now()): HealthSnapshot {
  const healthChecks: Record<string, HealthStatus> = {};
  for (const elb of record.regionalElbs) {
    for (const check of elb.healthChecks) if (check.route53Id) healthChecks[check.route53Id] = observedStatus(record.observations.get(check.id), now);
  }
  return { healthChecks };
}

const mixSchema = z.record(z.string(), z.number().min(0));

/** The stored client mix, else clients spread evenly over the regions the service runs in. */
export function clientMix(record: ServiceRecord): ClientMix {
  const stored = mixSchema.safeParse(record.policy?.clientMix);
  if (stored.success && Object.values(stored.data).some((share) => share > 0)) return stored.data;
  const regions = [...new Set(record.regionalElbs.map((elb) => elb.regionCode))];
  if (regions.length === 0) return { [record.service.homeRegionCode]: 1 };
  return Object.fromEntries(regions.map((code) => [code, 1 / regions.length]));
}

/** The service's policy record, or a 422 saying why it has none. */
export function requirePolicy(record: ServiceRecord): TrafficPolicy & { route53InstanceId: string } {
  const { service, policy } = record;
  if (service.topology !== "multi_region") {
    throw new AppError("invalid", `${service.slug} is a single-region service: it has no traffic policy to publish or roll back.`);
  }
  if (!policy?.route53InstanceId) {
    throw new AppError("invalid", `${service.slug} has no traffic policy record in Route 53 yet; it is created when Flightdeck sets the service up.`);
  }
  return { ...policy, route53InstanceId: policy.route53InstanceId };
}
