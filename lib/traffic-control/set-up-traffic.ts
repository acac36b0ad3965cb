import "server-only";
import { appendAudit } from "@/lib/audit/audit-log";
import type { Db } from "@/lib/db";
import type { Prisma } from "@/lib/generated/prisma/client";
import { isNotFound, type Route53Api, type Route53ForAccount } from "@/lib/route53";
import { buildDocument, parseDocument, type ClientMix } from "@/lib/traffic";
import { documentText } from "./document-text";
import { realSleep, switchInstance } from "./route53-steps";
import { loadServiceRecord, serviceTopology } from "./service-model";
import { route53ForService } from "./service-route53";
import { setUpHealthChecks } from "./set-up-health-checks";
import type { TrafficSettings } from "./settings";

// Gives a multi-region service its Route 53 side: health checks, a hosted zone for its
// record, a traffic policy (v1 at the initial split) and the policy record, and records
// them as Flightdeck's version 1. Every step first looks for what a previous, interrupted
// run may have created, so running it again is harmless. All of it happens in the service's
// account (through the account's role, if it has one).

export type SetUpOptions = {
  slug: string;
  initialPercent: number;
  clientMix?: ClientMix;
  settings: Pick<TrafficSettings, "pollMs" | "maxPollMs" | "publishTimeoutMs">;
  log?: (line: string) => void;
};

export const policyName = (slug: string) => `flightdeck-${slug}`;

/** The zone a record lives in: its name minus the first label. */
export function zoneNameOf(recordName: string): string {
  return recordName.replace(/\.$/, "").split(".").slice(1).join(".");
}

async function ensureZone(db: Db, route53: Route53Api, service: { id: string; recordName: string; hostedZoneId: string }): Promise<string> {
  try {
    return (await route53.getHostedZone(service.hostedZoneId)).id;
  } catch (error) {
    if (!isNotFound(error, "NoSuchHostedZone", "InvalidInput")) throw error;
  }
  const name = zoneNameOf(service.recordName);
  const zone = (await route53.findHostedZoneByName(name)) ?? (await route53.createHostedZone(name, `flightdeck:${name}`));
  // Services sharing the placeholder and the zone's domain move to the real zone together.
  await db.service.updateMany({ where: { hostedZoneId: service.hostedZoneId, recordName: { endsWith: `.${name}` } }, data: { hostedZoneId: zone.id } });
  return zone.id;
}

export async function setUpServiceTraffic(db: Db, route53For: Route53ForAccount, options: SetUpOptions): Promise<"created" | "exists"> {
  const log = options.log ?? (() => {});
  let record = await loadServiceRecord(db, options.slug);
  const route53 = await route53ForService(db, route53For, record.service.id);
  await setUpHealthChecks(db, route53, record, log);
  if (record.policy) return "exists";
  const zoneId = await ensureZone(db, route53, record.service);
  record = await loadServiceRecord(db, options.slug);
  const { service } = record;

  const name = policyName(service.slug);
  const found = await route53.findTrafficPolicyByName(name);
  const policy = found
    ? await route53.getTrafficPolicy(found.id, found.latestVersion)
    : await route53.createTrafficPolicy({ name, document: documentText(buildDocument(serviceTopology(record), { multiRegionPercent: options.initialPercent })), comment: "Flightdeck v1" });
  const recordName = `${service.recordName.replace(/\.$/, "")}.`;
  const instances = await route53.listTrafficPolicyInstancesByHostedZone(zoneId);
  let instance = instances.find((i) => i.name === recordName);
  if (!instance) {
    instance = await route53.createTrafficPolicyInstance({ hostedZoneId: zoneId, name: recordName, ttl: service.ttl, policyId: policy.id, version: policy.version });
  }
  if (instance.state !== "Applied") {
    const outcome = await switchInstance(route53, { instanceId: instance.id, policyId: instance.policyId, version: instance.version, ttl: instance.ttl }, options.settings, async () => {}, realSleep);
    if (outcome.state !== "applied") throw new Error(`The policy record of ${service.slug} did not become Applied: ${outcome.state === "failed" ? outcome.message : "timed out"}`);
  }

  const parsed = parseDocument(policy.document);
  const percent = parsed.kind === "managed" && Number.isInteger(parsed.split.multiRegionPercent) ? parsed.split.multiRegionPercent : null;
  await db.$transaction(async (tx: Prisma.TransactionClient) => {
    await tx.trafficPolicy.create({
      data: {
        serviceId: service.id,
        policyName: name,
        route53PolicyId: policy.id,
        route53InstanceId: instance.id,
        recordType: policy.type,
        activeVersion: instance.version,
        ...(options.clientMix ? { clientMix: options.clientMix } : {}),
      },
    });
    const version = await tx.trafficVersion.create({
      data: { serviceId: service.id, version: policy.version, multiRegionPercent: percent, document: documentText(policy.document), reason: "Initial version", origin: "bootstrap", createdBy: "system:bootstrap" },
    });
    const requestId = `bootstrap-${service.slug}`;
    const now = new Date();
    await tx.trafficOperation.create({
      data: { serviceId: service.id, kind: "bootstrap", versionId: version.id, reason: "Initial version", actor: "system:bootstrap", state: "applied", step: "Applied", requestId, startedAt: now, finishedAt: now },
    });
    await appendAudit(tx, {
      actor: "system:bootstrap",
      action: "traffic.bootstrap",
      target: `service:${service.slug}`,
      before: null,
      after: { policyId: policy.id, instanceId: instance.id, activeVersion: instance.version, multiRegionPercent: percent },
      requestId,
    });
  });
  log(`${service.slug}: traffic policy ${policy.id} v${policy.version} live on ${recordName}`);
  return "created";
}
