import { isIP } from "node:net";
import { isDeepStrictEqual } from "node:util";
import type { ResourceRecordSet } from "../state";
import { normalizeName } from "./hosted-zones";

// The checks Route 53 runs over a change batch. All of them are evaluated against a copy, and
// every problem is reported at once in one InvalidChangeBatch message, as AWS does; the zone
// changes only if the whole batch is clean.

export interface RecordChange {
  Action: "CREATE" | "DELETE" | "UPSERT";
  ResourceRecordSet: ResourceRecordSet;
}

type Outcome = { ok: true; records: ResourceRecordSet[] } | { ok: false; errors: string[] };

const MAX_RECORDS = 1000;
const MAX_VALUE_CHARACTERS = 32000;
const MAX_WEIGHTED_PER_NAME = 100;

const label = (r: ResourceRecordSet) =>
  `[name='${r.Name}', type='${r.Type}'${r.SetIdentifier !== undefined ? `, set-identifier='${r.SetIdentifier}'` : ""}]`;
const sameKey = (a: ResourceRecordSet, b: ResourceRecordSet) => a.Name === b.Name && a.Type === b.Type && (a.SetIdentifier ?? "") === (b.SetIdentifier ?? "");

export function applyChanges(zoneName: string, current: readonly ResourceRecordSet[], changes: readonly RecordChange[]): Outcome {
  const errors: string[] = [];
  const size = batchSize(changes);
  if (size.records > MAX_RECORDS) errors.push(`Number of records limit of ${MAX_RECORDS} exceeded.`);
  if (size.characters > MAX_VALUE_CHARACTERS) errors.push(`Number of characters in the values of the records (${size.characters}) exceeds the limit of ${MAX_VALUE_CHARACTERS}.`);

  let records = [...current];
  for (const change of changes) {
    const record = normalize(change.ResourceRecordSet);
    const problem = shapeProblem(record, zoneName);
    if (problem) {
      errors.push(problem);
      continue;
    }
    const existing = records.find((r) => sameKey(r, record));
    if (existing?.TrafficPolicyInstanceId) {
      errors.push(`Tried to change resource record set ${label(record)} but it is managed by traffic policy instance ${existing.TrafficPolicyInstanceId}`);
      continue;
    }
    if (change.Action === "DELETE") {
      if (!existing) errors.push(`Tried to delete resource record set ${label(record)} but it was not found`);
      else if (!isDeepStrictEqual(existing, record)) errors.push(`Tried to delete resource record set ${label(record)} but the values provided do not match the current values`);
      else if (record.Name === zoneName && (record.Type === "SOA" || record.Type === "NS")) errors.push(`A HostedZone must contain exactly one SOA record and at least one NS record for the zone itself.`);
      else records = records.filter((r) => r !== existing);
      continue;
    }
    if (change.Action === "CREATE" && existing) {
      errors.push(`Tried to create resource record set ${label(record)} but it already exists`);
      continue;
    }
    records = [...records.filter((r) => r !== existing), record];
  }
  errors.push(...zoneProblems(zoneName, records));
  return errors.length > 0 ? { ok: false, errors } : { ok: true, records };
}

function normalize(record: ResourceRecordSet): ResourceRecordSet {
  const out: ResourceRecordSet = { ...record, Name: normalizeName(record.Name) };
  if (out.AliasTarget) out.AliasTarget = { ...out.AliasTarget, DNSName: normalizeName(out.AliasTarget.DNSName) };
  return Object.fromEntries(Object.entries(out).filter(([, v]) => v !== undefined)) as ResourceRecordSet;
}

function batchSize(changes: readonly RecordChange[]) {
  let recordCount = 0;
  let characters = 0;
  for (const change of changes) {
    // An UPSERT is a delete plus a create, so it counts twice.
    const factor = change.Action === "UPSERT" ? 2 : 1;
    const values = change.ResourceRecordSet.ResourceRecords ?? [];
    recordCount += factor * Math.max(1, values.length);
    characters += factor * values.reduce((sum, v) => sum + v.Value.length, 0);
  }
  return { records: recordCount, characters };
}

function shapeProblem(record: ResourceRecordSet, zoneName: string): string | undefined {
  if (record.Name !== zoneName && !record.Name.endsWith(`.${zoneName}`)) {
    return `RRSet with DNS name ${record.Name} is not permitted in zone ${zoneName}`;
  }
  const hasValues = record.ResourceRecords !== undefined && record.ResourceRecords.length > 0;
  if (hasValues === Boolean(record.AliasTarget) || (hasValues && record.TTL === undefined)) {
    return `Invalid request: Expected exactly one of [AliasTarget, all of [TTL, and ResourceRecords], or TrafficPolicyInstanceId], but found none in Change with [Name=${record.Name}, Type=${record.Type}]`;
  }
  const routing = [record.Weight, record.Region, record.Failover, record.GeoLocation, record.MultiValueAnswer].filter((v) => v !== undefined).length;
  if (routing > 1) return `Invalid request: only one routing policy may be set for ${label(record)}`;
  if ((routing === 1) !== (record.SetIdentifier !== undefined)) {
    return `Invalid request: a SetIdentifier is needed exactly when a routing policy (weight, region, failover, geolocation, multivalue) is set for ${label(record)}`;
  }
  for (const { Value } of record.ResourceRecords ?? []) {
    if (record.Type === "A" && isIP(Value) !== 4) return `ARRDATAIllegalIPv4Address: Value ${Value} is not a valid IPv4 address for ${label(record)}`;
    if (record.Type === "AAAA" && isIP(Value) !== 6) return `AAAARRDATAIllegalIPv6Address: Value ${Value} is not a valid IPv6 address for ${label(record)}`;
  }
  if (record.Type === "CNAME" && (record.ResourceRecords?.length ?? 0) > 1) return `CNAME ${label(record)} may have only one value`;
  return undefined;
}

/** Rules over the zone as a whole after the batch: CNAME exclusivity and weighted group size. */
function zoneProblems(zoneName: string, records: readonly ResourceRecordSet[]): string[] {
  const problems: string[] = [];
  const byName = new Map<string, ResourceRecordSet[]>();
  for (const r of records) byName.set(r.Name, [...(byName.get(r.Name) ?? []), r]);
  for (const [name, group] of byName) {
    if (group.some((r) => r.Type === "CNAME") && group.some((r) => r.Type !== "CNAME")) {
      problems.push(`RRSet of type CNAME with DNS name ${name} is not permitted as it conflicts with other records with the same DNS name in zone ${zoneName}`);
    }
    for (const type of new Set(group.map((r) => r.Type))) {
      const sameType = group.filter((r) => r.Type === type);
      if (sameType.some((r) => r.SetIdentifier === undefined) && sameType.length > 1) {
        problems.push(`RRSet with DNS name ${name}, type ${type} cannot mix a simple record with records that have a routing policy`);
      }
      if (sameType.filter((r) => r.Weight !== undefined).length > MAX_WEIGHTED_PER_NAME) {
        problems.push(`Too many weighted records for DNS name ${name}, type ${type} (limit ${MAX_WEIGHTED_PER_NAME})`);
      }
    }
  }
  return problems;
}
