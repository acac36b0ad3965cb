import "server-only";
import type { Db } from "@/lib/db";
import { isNotFound, type Route53Api } from "@/lib/route53";
import type { ServiceRecord } from "./service-model";

// Creates the Route 53 health check of every inventory health check of a service's
// bespoke ELBs that has none yet, and records its id. The inventory id is the
// CallerReference, so a retry after a crash returns the same check instead of a second one.

/** Where Route 53's checkers should connect: the ELB's heartbeat URL, else the ELB itself over HTTPS. */
export function checkUrl(elb: { dnsName: string; heartbeatUrl: string | null }, path: string): URL {
  const base = elb.heartbeatUrl ?? `https://${elb.dnsName}/`;
  return new URL(path, base);
}

async function stillExists(route53: Route53Api, id: string): Promise<boolean> {
  try {
    await route53.getHealthCheck(id);
    return true;
  } catch (error) {
    if (isNotFound(error, "NoSuchHealthCheck")) return false;
    throw error;
  }
}

export async function setUpHealthChecks(db: Db, route53: Route53Api, record: ServiceRecord, log: (line: string) => void = () => {}): Promise<number> {
  let created = 0;
  for (const elb of record.regionalElbs) {
    for (const check of elb.healthChecks) {
      if (check.route53Id && (await stillExists(route53, check.route53Id))) continue;
      // A reference whose check was deleted can never be used again (HealthCheckAlreadyExists).
      const callerReference = check.route53Id ? `${check.id}:${Date.now().toString(36)}` : check.id;
      const id = await route53.createHealthCheck({
        callerReference,
        url: checkUrl(elb, check.path),
        requestIntervalSeconds: check.intervalSeconds,
        failureThreshold: check.failureThreshold,
      });
      await db.healthCheck.update({ where: { id: check.id }, data: { route53Id: id } });
      check.route53Id = id;
      created++;
      log(`health check for ${elb.name} → Route 53 ${id}`);
    }
  }
  return created;
}
