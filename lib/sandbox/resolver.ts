import { normalizeName } from "./route53/hosted-zones";
import { activeDocument, settleInstances } from "./route53/instance-lifecycle";
import type { Route53Runtime } from "./route53/operation";
import type { PolicyDocument } from "./route53/policy-document";
import { evaluateStart, type Answer, type Excluded } from "./resolver-rules";
import type { ResourceRecordSet } from "./state";

// The sandbox-only "what would DNS answer now" view behind GET /_sandbox/resolve. For a
// traffic policy record it walks the version that is actually answering (during an update
// that is still the old one), applying weights, latency, failover and health as Route 53
// does; for plain record sets it does the same over weighted/latency/failover/simple records.

export interface Resolution {
  name: string;
  clientRegion: string;
  source: "traffic-policy-instance" | "record-sets" | "none";
  hostedZoneId?: string;
  trafficPolicyInstanceId?: string;
  trafficPolicyId?: string;
  trafficPolicyVersion?: number;
  instanceState?: string;
  type?: string;
  answers: Answer[];
  excluded: Excluded[];
}

export function resolve(runtime: Route53Runtime, rawName: string, clientRegion: string): Resolution {
  settleInstances(runtime);
  const name = normalizeName(rawName);
  const { state } = runtime.store;
  const base = { name, clientRegion, answers: [], excluded: [] };
  const instance = Object.values(state.instances).find((i) => i.name === name);
  if (instance) {
    const document = activeDocument(runtime, instance.activePolicyId, instance.activeVersion);
    const result = document ? evaluateStart(document, { clientRegion, health: (id) => runtime.health.isHealthy(id) }) : { answers: [], excluded: [] };
    return {
      ...base,
      ...result,
      source: "traffic-policy-instance",
      hostedZoneId: instance.hostedZoneId,
      trafficPolicyInstanceId: instance.id,
      trafficPolicyId: instance.activePolicyId ?? instance.trafficPolicyId,
      trafficPolicyVersion: instance.activeVersion ?? undefined,
      instanceState: instance.state,
      type: instance.type,
    };
  }
  for (const [zoneId, records] of Object.entries(state.recordSets)) {
    const matching = records.filter((r) => r.Name === name && !r.TrafficPolicyInstanceId && r.Type !== "SOA" && r.Type !== "NS");
    if (matching.length === 0) continue;
    const type = matching[0]?.Type as string;
    const document = documentFromRecordSets(matching.filter((r) => r.Type === type), type);
    return { ...base, ...evaluateStart(document, { clientRegion, health: (id) => runtime.health.isHealthy(id) }), source: "record-sets", hostedZoneId: zoneId, type };
  }
  return { ...base, source: "none" };
}

/**
 * Expresses a group of plain record sets as the equivalent policy document, so one evaluator
 * serves both: weighted records become a weighted rule, latency records a latency rule, etc.
 */
function documentFromRecordSets(records: ResourceRecordSet[], type: string): PolicyDocument {
  const endpoints: PolicyDocument["endpoints"] = {};
  const entries = records.map((r, i) => {
    const key = r.SetIdentifier ?? `record-${i}`;
    const values = r.AliasTarget ? [r.AliasTarget.DNSName] : (r.ResourceRecords ?? []).map((v) => v.Value);
    endpoints[key] = { type: r.AliasTarget ? "application-load-balancer" : "value", value: values.join(" ") };
    return { endpoint: key, evaluateTargetHealth: r.AliasTarget?.EvaluateTargetHealth ?? false, healthCheck: r.HealthCheckId, record: r };
  });
  const doc = { formatVersion: "2015-10-01", recordType: type, endpoints, rules: {} } as PolicyDocument;
  const first = records[0];
  if (!first || (records.length === 1 && first.SetIdentifier === undefined)) return { ...doc, startEndpoint: first?.SetIdentifier ?? "record-0" };
  if (first.Weight !== undefined) doc.rules.main = { ruleType: "weighted", items: entries.map((e) => ({ ...e, weight: e.record.Weight ?? 0 })) };
  else if (first.Region !== undefined) doc.rules.main = { ruleType: "latency", regions: entries.map((e) => ({ ...e, region: e.record.Region ?? "us-east-1" })) };
  else if (first.Failover !== undefined) {
    const primary = entries.find((e) => e.record.Failover === "PRIMARY") ?? entries[0];
    const secondary = entries.find((e) => e.record.Failover === "SECONDARY") ?? primary;
    if (primary && secondary) doc.rules.main = { ruleType: "failover", primary, secondary };
  } else doc.rules.main = { ruleType: "multivalue", items: entries };
  return { ...doc, startRule: "main" };
}
