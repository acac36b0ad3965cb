import { z } from "zod";
import { Route53Error } from "./errors";

// The parts of Route 53's answers Flightdeck depends on, checked at the boundary. The SDK
// types every member as optional; these schemas say which ones must be there, so a missing
// id or an unexpected State fails loudly here rather than as `undefined` three calls later.

export const policyVersionSchema = z.object({
  Id: z.string().min(1),
  Version: z.number().int().min(1),
  Name: z.string(),
  Type: z.string(),
  Document: z.string().min(1),
  Comment: z.string().optional(),
});
export type PolicyVersionInfo = {
  id: string;
  version: number;
  name: string;
  type: string;
  document: string;
  comment: string | undefined;
};

export const INSTANCE_STATES = ["Applied", "Creating", "Updating", "Deleting", "Failed"] as const;
export type InstanceState = (typeof INSTANCE_STATES)[number];

export const instanceSchema = z.object({
  Id: z.string().min(1),
  HostedZoneId: z.string().min(1),
  Name: z.string().min(1),
  TTL: z.number().int().min(0),
  State: z.enum(INSTANCE_STATES),
  Message: z.string().optional(),
  TrafficPolicyId: z.string().min(1),
  TrafficPolicyVersion: z.number().int().min(1),
  TrafficPolicyType: z.string(),
});
export type InstanceInfo = {
  id: string;
  hostedZoneId: string;
  name: string;
  ttl: number;
  state: InstanceState;
  /** AWS's explanation when State is Failed; empty otherwise. */
  message: string;
  policyId: string;
  version: number;
  type: string;
};

export const healthCheckSchema = z.object({ Id: z.string().min(1), CallerReference: z.string() });

export const observationSchema = z.object({
  Region: z.string().optional(),
  StatusReport: z.object({ Status: z.string().optional(), CheckedTime: z.date().optional() }).optional(),
});

export const hostedZoneSchema = z.object({ Id: z.string().min(1), Name: z.string().min(1) });

/** Parses `value` or throws a Route53Error naming what was wrong with the answer. */
export function checkResponse<S extends z.ZodType>(operation: string, schema: S, value: unknown): z.infer<S> {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  const problem = parsed.error.issues.map((i) => `${i.path.join(".") || "(root)"}: ${i.message}`).join("; ");
  throw new Route53Error(operation, "UnexpectedResponse", `Route 53's answer did not have the expected shape (${problem})`, "unknown", undefined, 1);
}

export function toPolicyVersion(operation: string, value: unknown): PolicyVersionInfo {
  const p = checkResponse(operation, policyVersionSchema, value);
  return { id: p.Id, version: p.Version, name: p.Name, type: p.Type, document: p.Document, comment: p.Comment };
}

export function toInstance(operation: string, value: unknown): InstanceInfo {
  const i = checkResponse(operation, instanceSchema, value);
  return {
    id: i.Id,
    hostedZoneId: i.HostedZoneId.replace(/^\/hostedzone\//, ""),
    name: i.Name,
    ttl: i.TTL,
    state: i.State,
    message: i.Message ?? "",
    policyId: i.TrafficPolicyId,
    version: i.TrafficPolicyVersion,
    type: i.TrafficPolicyType,
  };
}

/** Route 53 writes zone ids as "/hostedzone/Z…" in some answers and "Z…" in others. */
export function bareZoneId(id: string): string {
  return id.replace(/^\/hostedzone\//, "");
}
