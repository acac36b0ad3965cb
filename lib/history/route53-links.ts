// Pure: what a Route 53 event says about traffic policies, so its page can point at the
// policy version involved. CloudTrail writes Route 53's parameters in camelCase
// (trafficPolicyId, trafficPolicyVersion) in requestParameters and responseElements; the
// shapes differ per operation, so this reads them tolerantly rather than per operation.

export type PolicyReference = { policyId: string; version: number | null; instanceId: string | null };

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === "object" && value !== null && !Array.isArray(value);

function readVersion(value: unknown): number | null {
  if (typeof value === "number" && Number.isInteger(value)) return value;
  if (typeof value === "string" && /^\d+$/.test(value)) return Number(value);
  return null;
}

function readText(value: unknown): string | null {
  return typeof value === "string" && value.trim() !== "" ? value : null;
}

/** Objects anywhere inside a value that carry a traffic policy id, depth-first, bounded. */
function* candidates(value: unknown, depth = 0): Generator<Record<string, unknown>> {
  if (depth > 6) return;
  if (Array.isArray(value)) {
    for (const item of value) yield* candidates(item, depth + 1);
  } else if (isRecord(value)) {
    yield value;
    for (const item of Object.values(value)) yield* candidates(item, depth + 1);
  }
}

/**
 * The traffic policy versions an event touched, without repeats. For
 * CreateTrafficPolicyVersion the version only exists in the response; for instance
 * updates the request names it.
 */
export function policyReferences(record: unknown): PolicyReference[] {
  if (!isRecord(record) || record.eventSource !== "route53.amazonaws.com") return [];
  const found = new Map<string, PolicyReference>();
  for (const part of [record.requestParameters, record.responseElements]) {
    for (const object of candidates(part)) {
      const policy = isRecord(object.trafficPolicy) ? object.trafficPolicy : undefined;
      const policyId = readText(object.trafficPolicyId) ?? readText(policy?.id) ?? (record.eventName?.toString().includes("TrafficPolicyVersion") ? readText(object.id) : null);
      if (!policyId) continue;
      const version = readVersion(object.trafficPolicyVersion) ?? readVersion(policy?.version) ?? readVersion(object.version);
      const instanceId = object.trafficPolicyId !== undefined && readText(object.id) && readText(object.id) !== policyId ? readText(object.id) : null;
      const key = `${policyId}#${version ?? ""}`;
      const known = found.get(key);
      if (known) known.instanceId ??= instanceId;
      else found.set(key, { policyId, version, instanceId });
    }
  }
  // A bare policy id is redundant when the same policy also appears with its version.
  return [...found.values()].filter((ref) => ref.version !== null || ![...found.values()].some((o) => o.policyId === ref.policyId && o.version !== null));
}
