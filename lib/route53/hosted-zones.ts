import { CreateHostedZoneCommand, GetHostedZoneCommand, ListHostedZonesCommand } from "@aws-sdk/client-route-53";
import { send, type Route53Context } from "./call";
import { bareZoneId, checkResponse, hostedZoneSchema } from "./schemas";

// Hosted zones, only as far as the demo bootstrap needs them.

export type ZoneInfo = { id: string; name: string };

const withDot = (name: string) => (name.endsWith(".") ? name : `${name}.`);

export async function getHostedZone(ctx: Route53Context, id: string): Promise<ZoneInfo> {
  const out = await send(ctx, "GetHostedZone", true, (c) => c.send(new GetHostedZoneCommand({ Id: id })));
  const zone = checkResponse("GetHostedZone", hostedZoneSchema, out.HostedZone);
  return { id: bareZoneId(zone.Id), name: zone.Name };
}

/** The public zone with exactly this name, if there is one (ListHostedZones, all pages). */
export async function findHostedZoneByName(ctx: Route53Context, name: string): Promise<ZoneInfo | undefined> {
  let marker: string | undefined;
  for (;;) {
    const out = await send(ctx, "ListHostedZones", true, (c) => c.send(new ListHostedZonesCommand({ Marker: marker, MaxItems: 100 })));
    const match = (out.HostedZones ?? []).find((z) => z.Name === withDot(name) && z.Config?.PrivateZone !== true);
    if (match) return { id: bareZoneId(checkResponse("ListHostedZones", hostedZoneSchema, match).Id), name: withDot(name) };
    if (!out.IsTruncated || !out.NextMarker) return undefined;
    marker = out.NextMarker;
  }
}

/** Not idempotent on AWS (a reused CallerReference is HostedZoneAlreadyExists): look first with findHostedZoneByName. */
export async function createHostedZone(ctx: Route53Context, name: string, callerReference: string): Promise<ZoneInfo> {
  const out = await send(ctx, "CreateHostedZone", false, (c) =>
    c.send(new CreateHostedZoneCommand({ Name: name, CallerReference: callerReference, HostedZoneConfig: { Comment: "Created by Flightdeck", PrivateZone: false } })),
  );
  const zone = checkResponse("CreateHostedZone", hostedZoneSchema, out.HostedZone);
  return { id: bareZoneId(zone.Id), name: zone.Name };
}
