import { randomInt } from "node:crypto";
import { z } from "zod";
import { newHostedZoneId } from "../ids";
import type { HostedZone } from "../state";
import { changeInfo, recordChange } from "./changes";
import { noSuchHostedZone, Route53Error } from "./errors";
import { defineOperation, type Route53Runtime } from "./operation";
import { bool, maxItems, parseInput, text } from "./validation";
import { xmlList } from "./xml";

const HOSTED_ZONE_QUOTA = 500;

/** DNS names compare case-insensitively and Route 53 always returns them fully qualified. */
export function normalizeName(name: string): string {
  const lower = name.trim().toLowerCase();
  return lower.endsWith(".") ? lower : `${lower}.`;
}

const LABEL = /^(\*|[a-z0-9_](?:[a-z0-9_-]{0,61}[a-z0-9_])?)$/;

export function isValidDomainName(name: string): boolean {
  const fqdn = normalizeName(name);
  if (fqdn.length > 255 || fqdn === ".") return false;
  return fqdn.slice(0, -1).split(".").every((label) => LABEL.test(label));
}

export function findZone(runtime: Route53Runtime, id: string): HostedZone {
  const zone = runtime.store.state.hostedZones[id];
  if (!zone) throw noSuchHostedZone(id);
  return zone;
}

export function hostedZoneXml(runtime: Route53Runtime, zone: HostedZone) {
  return {
    Id: `/hostedzone/${zone.id}`,
    Name: zone.name,
    CallerReference: zone.callerReference,
    Config: { Comment: zone.comment, PrivateZone: zone.privateZone },
    ResourceRecordSetCount: runtime.store.state.recordSets[zone.id]?.length ?? 0,
  };
}

function delegationSetXml(zone: HostedZone) {
  return zone.privateZone ? undefined : { NameServers: xmlList("NameServer", zone.nameServers) };
}

function nameServers(): string[] {
  const n = () => randomInt(0, 2048);
  const d = () => randomInt(0, 64);
  return [`ns-${n()}.awsdns-${d()}.org`, `ns-${n()}.awsdns-${d()}.co.uk`, `ns-${n()}.awsdns-${d()}.com`, `ns-${n()}.awsdns-${d()}.net`];
}

const createInput = z.object({
  Name: text(1, 1024),
  CallerReference: text(1, 128),
  HostedZoneConfig: z.object({ Comment: text(0, 256).optional(), PrivateZone: bool.optional() }).optional(),
  VPC: z.object({ VPCRegion: z.string().optional(), VPCId: z.string().optional() }).optional(),
});

export const createHostedZone = defineOperation({
  name: "CreateHostedZone",
  method: "POST",
  path: "hostedzone",
  mutating: true,
  input: (request) => parseInput(createInput, request.body),
  run(runtime, input, request) {
    const { state } = runtime.store;
    if (!isValidDomainName(input.Name) || normalizeName(input.Name).split(".").length < 3) {
      // A single label (a TLD) is refused as well: AWS does not host top-level domains.
      throw new Route53Error("InvalidDomainName", `${input.Name} is not a valid domain name for a hosted zone.`);
    }
    const zones = Object.values(state.hostedZones);
    if (zones.some((z) => z.callerReference === input.CallerReference)) {
      throw new Route53Error(
        "HostedZoneAlreadyExists",
        `A hosted zone has already been created with the specified caller reference.`,
      );
    }
    if (zones.length >= HOSTED_ZONE_QUOTA) throw new Route53Error("TooManyHostedZones", "Limits Exceeded: MAX_HOSTED_ZONES_BY_OWNER");
    const zone: HostedZone = {
      id: newHostedZoneId(),
      name: normalizeName(input.Name),
      callerReference: input.CallerReference,
      comment: input.HostedZoneConfig?.Comment,
      privateZone: Boolean(input.VPC?.VPCId) || input.HostedZoneConfig?.PrivateZone === true,
      nameServers: nameServers(),
      createdAt: runtime.clock(),
      seq: runtime.store.nextSeq(),
    };
    state.hostedZones[zone.id] = zone;
    // Every new zone starts with its NS and SOA records, as on AWS.
    state.recordSets[zone.id] = [
      { Name: zone.name, Type: "NS", TTL: 172800, ResourceRecords: zone.nameServers.map((ns) => ({ Value: `${ns}.` })) },
      {
        Name: zone.name,
        Type: "SOA",
        TTL: 900,
        ResourceRecords: [{ Value: `${zone.nameServers[0]}. awsdns-hostmaster.amazon.com. 1 7200 900 1209600 86400` }],
      },
    ];
    const change = recordChange(runtime, undefined);
    return {
      status: 201,
      root: "CreateHostedZoneResponse",
      headers: { Location: `${request.baseUrl}/2013-04-01/hostedzone/${zone.id}` },
      resources: [{ ResourceType: "AWS::Route53::HostedZone", ResourceName: zone.id }],
      body: {
        HostedZone: hostedZoneXml(runtime, zone),
        ChangeInfo: changeInfo(runtime, change),
        DelegationSet: delegationSetXml(zone),
        VPC: input.VPC?.VPCId ? input.VPC : undefined,
      },
    };
  },
});

export const getHostedZone = defineOperation({
  name: "GetHostedZone",
  method: "GET",
  path: "hostedzone/{Id}",
  mutating: false,
  input: (request) => parseInput(z.object({ Id: text(1, 32) }), request.params),
  run(runtime, input) {
    const zone = findZone(runtime, input.Id);
    return {
      root: "GetHostedZoneResponse",
      body: { HostedZone: hostedZoneXml(runtime, zone), DelegationSet: delegationSetXml(zone) },
    };
  },
});

export const listHostedZones = defineOperation({
  name: "ListHostedZones",
  method: "GET",
  path: "hostedzone",
  mutating: false,
  input: (request) => ({ marker: request.query.get("marker") ?? undefined, maxItems: maxItems(request.query.get("maxitems"), 100) }),
  run(runtime, input) {
    const zones = Object.values(runtime.store.state.hostedZones).sort((a, b) => a.seq - b.seq);
    let start = 0;
    if (input.marker !== undefined) {
      start = zones.findIndex((z) => z.id === input.marker);
      if (start < 0) throw new Route53Error("InvalidInput", `Invalid marker: ${input.marker}`);
    }
    const page = zones.slice(start, start + input.maxItems);
    const next = zones[start + input.maxItems];
    return {
      root: "ListHostedZonesResponse",
      body: {
        HostedZones: xmlList("HostedZone", page.map((z) => hostedZoneXml(runtime, z))),
        Marker: input.marker ?? "",
        IsTruncated: next !== undefined,
        NextMarker: next?.id,
        MaxItems: input.maxItems,
      },
    };
  },
});
