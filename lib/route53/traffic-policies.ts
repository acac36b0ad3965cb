import {
  CreateTrafficPolicyCommand,
  CreateTrafficPolicyVersionCommand,
  GetTrafficPolicyCommand,
  ListTrafficPoliciesCommand,
  ListTrafficPolicyVersionsCommand,
} from "@aws-sdk/client-route-53";
import { send, type Route53Context } from "./call";
import { toPolicyVersion, type PolicyVersionInfo } from "./schemas";

// Traffic policies and their versions. Creating a policy or a version is NOT idempotent:
// a lost answer may hide a version that exists. Callers that must not create two put a
// marker in the Comment and look for it with listTrafficPolicyVersions before retrying.

export async function createTrafficPolicy(ctx: Route53Context, input: { name: string; document: string; comment?: string }): Promise<PolicyVersionInfo> {
  const out = await send(ctx, "CreateTrafficPolicy", false, (c) =>
    c.send(new CreateTrafficPolicyCommand({ Name: input.name, Document: input.document, Comment: input.comment })),
  );
  return toPolicyVersion("CreateTrafficPolicy", out.TrafficPolicy);
}

export async function createTrafficPolicyVersion(ctx: Route53Context, input: { policyId: string; document: string; comment?: string }): Promise<PolicyVersionInfo> {
  const out = await send(ctx, "CreateTrafficPolicyVersion", false, (c) =>
    c.send(new CreateTrafficPolicyVersionCommand({ Id: input.policyId, Document: input.document, Comment: input.comment })),
  );
  return toPolicyVersion("CreateTrafficPolicyVersion", out.TrafficPolicy);
}

export async function getTrafficPolicy(ctx: Route53Context, policyId: string, version: number): Promise<PolicyVersionInfo> {
  const out = await send(ctx, "GetTrafficPolicy", true, (c) => c.send(new GetTrafficPolicyCommand({ Id: policyId, Version: version })));
  return toPolicyVersion("GetTrafficPolicy", out.TrafficPolicy);
}

/** Every version that is not deleted, oldest first (all pages). */
export async function listTrafficPolicyVersions(ctx: Route53Context, policyId: string): Promise<PolicyVersionInfo[]> {
  const versions: PolicyVersionInfo[] = [];
  let marker: string | undefined;
  for (;;) {
    const out = await send(ctx, "ListTrafficPolicyVersions", true, (c) =>
      c.send(new ListTrafficPolicyVersionsCommand({ Id: policyId, TrafficPolicyVersionMarker: marker, MaxItems: 100 })),
    );
    for (const policy of out.TrafficPolicies ?? []) versions.push(toPolicyVersion("ListTrafficPolicyVersions", policy));
    if (!out.IsTruncated || !out.TrafficPolicyVersionMarker) return versions.sort((a, b) => a.version - b.version);
    marker = out.TrafficPolicyVersionMarker;
  }
}

export type PolicySummary = { id: string; name: string; latestVersion: number };

/** The live policy with this name, if any (names are unique among live policies). */
export async function findTrafficPolicyByName(ctx: Route53Context, name: string): Promise<PolicySummary | undefined> {
  let marker: string | undefined;
  for (;;) {
    const out = await send(ctx, "ListTrafficPolicies", true, (c) => c.send(new ListTrafficPoliciesCommand({ TrafficPolicyIdMarker: marker, MaxItems: 100 })));
    const found = (out.TrafficPolicySummaries ?? []).find((p) => p.Name === name);
    if (found?.Id && found.LatestVersion) return { id: found.Id, name, latestVersion: found.LatestVersion };
    if (!out.IsTruncated || !out.TrafficPolicyIdMarker || out.TrafficPolicyIdMarker === marker) return undefined;
    marker = out.TrafficPolicyIdMarker;
  }
}
