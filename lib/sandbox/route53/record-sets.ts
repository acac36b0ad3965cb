import { z } from "zod";
import type { ResourceRecordSet } from "../state";
import { changeInfo, recordChange } from "./changes";
import { noSuchHealthCheck, Route53Error } from "./errors";
import { findZone, normalizeName } from "./hosted-zones";
import { defineOperation } from "./operation";
import { applyChanges, type RecordChange } from "./record-set-rules";
import { bool, intIn, parseInput, text } from "./validation";
import { wireList, xmlList } from "./xml";

// ChangeResourceRecordSets (an all-or-nothing batch) and ListResourceRecordSets (in Route 53's
// order: names compared by reversed labels, so example.com. comes before www.example.com.).

const recordTypes = ["SOA", "A", "TXT", "NS", "CNAME", "MX", "NAPTR", "PTR", "SRV", "SPF", "AAAA", "CAA", "DS", "TLSA", "SSHFP", "SVCB", "HTTPS"] as const;

const recordSetInput = z.object({
  Name: text(0, 1024),
  Type: z.enum(recordTypes, "Member must satisfy enum value set"),
  SetIdentifier: text(1, 128).optional(),
  Weight: intIn(0, 255).optional(),
  Region: text(1, 64).optional(),
  GeoLocation: z.object({ ContinentCode: text(2, 2).optional(), CountryCode: text(1, 2).optional(), SubdivisionCode: text(1, 3).optional() }).optional(),
  Failover: z.enum(["PRIMARY", "SECONDARY"], "Member must satisfy enum value set").optional(),
  MultiValueAnswer: bool.optional(),
  TTL: intIn(0, 2147483647).optional(),
  ResourceRecords: wireList("ResourceRecord", z.object({ Value: text(0, 4000) })).optional(),
  AliasTarget: z.object({ HostedZoneId: text(1, 32), DNSName: text(0, 1024), EvaluateTargetHealth: bool }).optional(),
  HealthCheckId: text(0, 64).optional(),
  TrafficPolicyInstanceId: text(1, 36).optional(),
});

const changeInput = z.object({
  HostedZoneId: text(1, 32),
  ChangeBatch: z.object({
    Comment: text(0, 256).optional(),
    Changes: wireList("Change", z.object({ Action: z.enum(["CREATE", "DELETE", "UPSERT"], "Member must satisfy enum value set"), ResourceRecordSet: recordSetInput })).refine(
      (changes) => changes.length > 0,
      "Member must have length greater than or equal to 1",
    ),
  }),
});

export const changeResourceRecordSets = defineOperation({
  name: "ChangeResourceRecordSets",
  method: "POST",
  path: "hostedzone/{HostedZoneId}/rrset",
  mutating: true,
  input(request) {
    const parsed = parseInput(changeInput, { ...request.body, ...request.params });
    const changes: RecordChange[] = parsed.ChangeBatch.Changes;
    return { ...parsed, changes };
  },
  run(runtime, input) {
    const { state } = runtime.store;
    const zone = findZone(runtime, input.HostedZoneId);
    for (const change of input.changes) {
      const id = change.ResourceRecordSet.HealthCheckId;
      if (id !== undefined && (!state.healthChecks[id] || state.healthChecks[id].deleted)) throw noSuchHealthCheck(id);
    }
    const result = applyChanges(zone.name, state.recordSets[zone.id] ?? [], input.changes);
    if (!result.ok) throw new Route53Error("InvalidChangeBatch", `[${result.errors.join(", ")}]`);
    state.recordSets[zone.id] = result.records;
    const change = recordChange(runtime, input.ChangeBatch.Comment);
    return {
      root: "ChangeResourceRecordSetsResponse",
      resources: [{ ResourceType: "AWS::Route53::HostedZone", ResourceName: zone.id }],
      body: { ChangeInfo: changeInfo(runtime, change) },
    };
  },
});

/** Sort key: labels reversed ("www.example.com." → "com.example.www"), then type, then identifier. */
function sortKey(record: { Name: string; Type: string; SetIdentifier?: string }): [string, string, string] {
  const reversed = record.Name.replace(/\.$/, "").split(".").reverse().join(".");
  return [reversed, record.Type, record.SetIdentifier ?? ""];
}

function compare(a: [string, string, string], b: [string, string, string]): number {
  for (let i = 0; i < 3; i++) {
    if (a[i] !== b[i]) return (a[i] as string) < (b[i] as string) ? -1 : 1;
  }
  return 0;
}

export function recordSetXml(record: ResourceRecordSet) {
  return { ...record, ResourceRecords: record.ResourceRecords ? xmlList("ResourceRecord", record.ResourceRecords) : undefined };
}

export const listResourceRecordSets = defineOperation({
  name: "ListResourceRecordSets",
  method: "GET",
  path: "hostedzone/{HostedZoneId}/rrset",
  mutating: false,
  input(request) {
    const q = request.query;
    const input = {
      ...parseInput(z.object({ HostedZoneId: text(1, 32) }), request.params),
      name: q.get("name") ?? undefined,
      type: q.get("type") ?? undefined,
      identifier: q.get("identifier") ?? undefined,
      maxItems: Math.min(Number(q.get("maxitems") ?? "300") || 300, 300),
    };
    if (input.type !== undefined && input.name === undefined) throw new Route53Error("InvalidInput", "The input is not valid: type requires name");
    if (input.identifier !== undefined && input.type === undefined) throw new Route53Error("InvalidInput", "The input is not valid: identifier requires name and type");
    return input;
  },
  run(runtime, input) {
    const zone = findZone(runtime, input.HostedZoneId);
    const all = [...(runtime.store.state.recordSets[zone.id] ?? [])].sort((a, b) => compare(sortKey(a), sortKey(b)));
    const start = sortKey({ Name: input.name ? normalizeName(input.name) : "", Type: input.type ?? "", SetIdentifier: input.identifier });
    const rest = input.name === undefined ? all : all.filter((r) => compare(sortKey(r), start) >= 0);
    const next = rest[input.maxItems];
    return {
      root: "ListResourceRecordSetsResponse",
      body: {
        ResourceRecordSets: xmlList("ResourceRecordSet", rest.slice(0, input.maxItems).map(recordSetXml)),
        IsTruncated: next !== undefined,
        NextRecordName: next?.Name,
        NextRecordType: next?.Type,
        NextRecordIdentifier: next?.SetIdentifier,
        MaxItems: input.maxItems,
      },
    };
  },
});
