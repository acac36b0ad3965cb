import {
  CreateTrafficPolicyVersionCommand,
  GetTrafficPolicyCommand,
  GetTrafficPolicyInstanceCommand,
  Route53Client,
  UpdateTrafficPolicyInstanceCommand,
} from "@aws-sdk/client-route-53";
import { testDb } from "./support";

// Helpers for the traffic specs and the permission matrix: the state of a service's traffic
// in the database under test, and changes made "outside Flightdeck" straight through the
// AWS SDK against the e2e sandbox (scripts/e2e-server.ts runs it on port 4599).

export const SANDBOX_URL = `http://127.0.0.1:${process.env.FLIGHTDECK_SANDBOX_PORT ?? "4599"}`;
export const FLIGHTS = "metasearch-flights";

export async function trafficState(slug = FLIGHTS) {
  const db = testDb();
  const service = await db.service.findUniqueOrThrow({ where: { slug } });
  const policy = await db.trafficPolicy.findUniqueOrThrow({ where: { serviceId: service.id } });
  const versions = await db.trafficVersion.findMany({ where: { serviceId: service.id }, orderBy: { createdAt: "asc" } });
  const active = versions.find((v) => v.version !== null && v.version === policy.activeVersion);
  return { service, policy, versions, activeVersion: policy.activeVersion ?? 0, percent: active?.multiRegionPercent ?? 0 };
}

/** A split different from the live one, so a publish is never a no-op. */
export function otherPercent(current: number, step = 7): number {
  return (current + step) % 101;
}

/** The newest numbered version that is not live and still exists in Route 53. */
export async function rollbackTarget(slug = FLIGHTS): Promise<number> {
  const state = await trafficState(slug);
  const candidates = state.versions.filter((v) => v.version !== null && v.version !== state.activeVersion && v.route53DeletedAt === null);
  return candidates.at(-1)?.version ?? 1;
}

function outsideClient(): Route53Client {
  return new Route53Client({ endpoint: SANDBOX_URL, region: "us-east-1", credentials: { accessKeyId: "AKIAE2EOUTSIDE000001", secretAccessKey: "x" } });
}

/** Someone edits the weights in the AWS console: a new policy version, and the record switched to it. */
export async function makeOutsideChange(slug = FLIGHTS): Promise<number> {
  const { policy } = await trafficState(slug);
  const client = outsideClient();
  try {
    const instance = (await client.send(new GetTrafficPolicyInstanceCommand({ Id: policy.route53InstanceId! }))).TrafficPolicyInstance!;
    const current = (await client.send(new GetTrafficPolicyCommand({ Id: policy.route53PolicyId, Version: instance.TrafficPolicyVersion! }))).TrafficPolicy!;
    const document = JSON.parse(current.Document!) as { Rules: Record<string, { Items?: { Weight: string }[] }> };
    const multi = 1 + Math.floor(Math.random() * 98);
    const items = Object.values(document.Rules).find((rule) => rule.Items)!.Items!;
    items[0]!.Weight = String(100 - multi);
    items[1]!.Weight = String(multi);
    const created = await client.send(
      new CreateTrafficPolicyVersionCommand({ Id: policy.route53PolicyId, Document: JSON.stringify(document), Comment: "Changed in the AWS console (e2e)" }),
    );
    const version = created.TrafficPolicy!.Version!;
    await client.send(new UpdateTrafficPolicyInstanceCommand({ Id: policy.route53InstanceId!, TTL: instance.TTL!, TrafficPolicyId: policy.route53PolicyId, TrafficPolicyVersion: version }));
    for (let i = 0; i < 100; i++) {
      const now = (await client.send(new GetTrafficPolicyInstanceCommand({ Id: policy.route53InstanceId! }))).TrafficPolicyInstance!;
      if (now.State === "Applied" && now.TrafficPolicyVersion === version) return version;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    throw new Error(`the outside change to v${version} never became Applied`);
  } finally {
    client.destroy();
  }
}

/** Takes a demo app cluster down or brings it back (sandbox-only endpoint). */
export async function setCluster(name: string, up: boolean): Promise<void> {
  const response = await fetch(`${SANDBOX_URL}/_sandbox/clusters/${name}/${up ? "up" : "down"}`, { method: "POST" });
  if (!response.ok) throw new Error(`cluster ${name} ${up ? "up" : "down"}: HTTP ${response.status}`);
}
