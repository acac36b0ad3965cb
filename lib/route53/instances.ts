import {
  type RRType,
  CreateTrafficPolicyInstanceCommand,
  GetTrafficPolicyInstanceCommand,
  ListTrafficPolicyInstancesByHostedZoneCommand,
  UpdateTrafficPolicyInstanceCommand,
} from "@aws-sdk/client-route-53";
import { send, type Route53Context } from "./call";
import { toInstance, type InstanceInfo } from "./schemas";

// Traffic policy instances ("policy records"). Updating one to a given version is
// idempotent — the same request twice leaves it on that version — so a lost answer is
// simply retried; creating one is not (a retry meets TrafficPolicyInstanceAlreadyExists).

export type InstanceTarget = { ttl: number; policyId: string; version: number };

export async function createTrafficPolicyInstance(
  ctx: Route53Context,
  input: InstanceTarget & { hostedZoneId: string; name: string },
): Promise<InstanceInfo> {
  const out = await send(ctx, "CreateTrafficPolicyInstance", false, (c) =>
    c.send(
      new CreateTrafficPolicyInstanceCommand({
        HostedZoneId: input.hostedZoneId,
        Name: input.name,
        TTL: input.ttl,
        TrafficPolicyId: input.policyId,
        TrafficPolicyVersion: input.version,
      }),
    ),
  );
  return toInstance("CreateTrafficPolicyInstance", out.TrafficPolicyInstance);
}

export async function getTrafficPolicyInstance(ctx: Route53Context, id: string): Promise<InstanceInfo> {
  const out = await send(ctx, "GetTrafficPolicyInstance", true, (c) => c.send(new GetTrafficPolicyInstanceCommand({ Id: id })));
  return toInstance("GetTrafficPolicyInstance", out.TrafficPolicyInstance);
}

export async function updateTrafficPolicyInstance(ctx: Route53Context, id: string, target: InstanceTarget): Promise<InstanceInfo> {
  const out = await send(ctx, "UpdateTrafficPolicyInstance", true, (c) =>
    c.send(new UpdateTrafficPolicyInstanceCommand({ Id: id, TTL: target.ttl, TrafficPolicyId: target.policyId, TrafficPolicyVersion: target.version })),
  );
  return toInstance("UpdateTrafficPolicyInstance", out.TrafficPolicyInstance);
}

/** Every instance in a hosted zone (all pages). */
export async function listTrafficPolicyInstancesByHostedZone(ctx: Route53Context, hostedZoneId: string): Promise<InstanceInfo[]> {
  const found: InstanceInfo[] = [];
  let nameMarker: string | undefined;
  let typeMarker: RRType | undefined;
  for (;;) {
    const out = await send(ctx, "ListTrafficPolicyInstancesByHostedZone", true, (c) =>
      c.send(
        new ListTrafficPolicyInstancesByHostedZoneCommand({
          HostedZoneId: hostedZoneId,
          TrafficPolicyInstanceNameMarker: nameMarker,
          TrafficPolicyInstanceTypeMarker: typeMarker,
          MaxItems: 100,
        }),
      ),
    );
    for (const instance of out.TrafficPolicyInstances ?? []) found.push(toInstance("ListTrafficPolicyInstancesByHostedZone", instance));
    if (!out.IsTruncated) return found;
    nameMarker = out.TrafficPolicyInstanceNameMarker;
    typeMarker = out.TrafficPolicyInstanceTypeMarker;
  }
}
