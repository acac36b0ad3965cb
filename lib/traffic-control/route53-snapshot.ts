import "server-only";
import type { Db } from "@/lib/db";
import type { Prisma, TrafficPolicy } from "@/lib/generated/prisma/client";
import { isNotFound, type PolicyVersionInfo, type Route53Api } from "@/lib/route53";
import type { FlightdeckSide, Route53Side } from "./drift";
import { lastFailedVersions } from "./history";

// Both sides of a drift comparison: what Route 53 reports now, and what Flightdeck recorded.

export type Route53Snapshot = Route53Side & { documents: Map<number, PolicyVersionInfo> };

export async function readRoute53Side(route53: Route53Api, policy: Pick<TrafficPolicy, "route53PolicyId" | "route53InstanceId">): Promise<Route53Snapshot> {
  let instance: Route53Side["instance"] = null;
  if (policy.route53InstanceId) {
    try {
      instance = await route53.getTrafficPolicyInstance(policy.route53InstanceId);
    } catch (error) {
      if (!isNotFound(error, "NoSuchTrafficPolicyInstance")) throw error;
    }
  }
  let listed: PolicyVersionInfo[] = [];
  try {
    listed = await route53.listTrafficPolicyVersions(policy.route53PolicyId);
  } catch (error) {
    if (!isNotFound(error, "NoSuchTrafficPolicy")) throw error;
  }
  return { instance, versions: listed.map((v) => v.version), documents: new Map(listed.map((v) => [v.version, v])) };
}

export async function readFlightdeckSide(db: Db | Prisma.TransactionClient, policy: TrafficPolicy): Promise<FlightdeckSide> {
  const known = await db.trafficVersion.findMany({ where: { serviceId: policy.serviceId, version: { not: null } }, select: { version: true, route53DeletedAt: true } });
  return {
    policyId: policy.route53PolicyId,
    activeVersion: policy.activeVersion,
    failedVersions: await lastFailedVersions(db, policy.serviceId),
    known: known.map((k) => ({ version: k.version!, deleted: k.route53DeletedAt !== null })),
  };
}
