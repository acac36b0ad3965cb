import { z } from "zod";

// The sandbox's whole durable model of one AWS account. It is a plain JSON document so a
// restart (or a reset) is just "read the file" (or "start from emptyState"), and the zod
// schema guards against a hand-edited or half-written file being trusted blindly.

const resourceRecordSet = z.object({
  Name: z.string(),
  Type: z.string(),
  SetIdentifier: z.string().optional(),
  Weight: z.number().optional(),
  Region: z.string().optional(),
  Failover: z.string().optional(),
  MultiValueAnswer: z.boolean().optional(),
  TTL: z.number().optional(),
  ResourceRecords: z.array(z.object({ Value: z.string() })).optional(),
  AliasTarget: z
    .object({ HostedZoneId: z.string(), DNSName: z.string(), EvaluateTargetHealth: z.boolean() })
    .optional(),
  HealthCheckId: z.string().optional(),
  TrafficPolicyInstanceId: z.string().optional(),
  GeoLocation: z
    .object({ ContinentCode: z.string().optional(), CountryCode: z.string().optional(), SubdivisionCode: z.string().optional() })
    .optional(),
});
export type ResourceRecordSet = z.infer<typeof resourceRecordSet>;

const hostedZone = z.object({
  id: z.string(),
  name: z.string(),
  callerReference: z.string(),
  comment: z.string().optional(),
  privateZone: z.boolean(),
  nameServers: z.array(z.string()),
  createdAt: z.number(),
  seq: z.number(),
});
export type HostedZone = z.infer<typeof hostedZone>;

const change = z.object({ id: z.string(), submittedAt: z.number(), comment: z.string().optional() });
export type ChangeRecord = z.infer<typeof change>;

const policyVersion = z.object({
  version: z.number(),
  document: z.string(),
  type: z.string(),
  comment: z.string().optional(),
  deleted: z.boolean(),
  createdAt: z.number(),
});
export type PolicyVersion = z.infer<typeof policyVersion>;

const trafficPolicy = z.object({
  id: z.string(),
  name: z.string(),
  type: z.string(),
  // Highest version number ever issued: versions are never reused, even after deletes.
  lastVersion: z.number(),
  versions: z.record(z.string(), policyVersion),
  createdAt: z.number(),
});
export type TrafficPolicy = z.infer<typeof trafficPolicy>;

export const instanceStates = ["Creating", "Updating", "Deleting", "Applied", "Failed"] as const;
export type InstanceState = (typeof instanceStates)[number];

const instance = z.object({
  id: z.string(),
  hostedZoneId: z.string(),
  name: z.string(),
  ttl: z.number(),
  type: z.string(),
  trafficPolicyId: z.string(),
  trafficPolicyVersion: z.number(),
  // The version whose records answer queries right now; null until the first build is done.
  activePolicyId: z.string().nullable(),
  activeVersion: z.number().nullable(),
  state: z.enum(instanceStates),
  message: z.string().optional(),
  pendingUntil: z.number().optional(),
  // Why the running transition will end in Failed (decided when it starts, shown when it ends).
  pendingFailure: z.string().optional(),
  createdAt: z.number(),
});
export type TrafficPolicyInstance = z.infer<typeof instance>;

const healthCheckConfig = z.object({
  Type: z.string(),
  IPAddress: z.string().optional(),
  Port: z.number().optional(),
  ResourcePath: z.string().optional(),
  FullyQualifiedDomainName: z.string().optional(),
  SearchString: z.string().optional(),
  RequestInterval: z.number().optional(),
  FailureThreshold: z.number().optional(),
  MeasureLatency: z.boolean().optional(),
  Inverted: z.boolean().optional(),
  Disabled: z.boolean().optional(),
  HealthThreshold: z.number().optional(),
  ChildHealthChecks: z.array(z.string()).optional(),
  EnableSNI: z.boolean().optional(),
  Regions: z.array(z.string()).optional(),
});
export type HealthCheckConfig = z.infer<typeof healthCheckConfig>;

const healthCheck = z.object({
  id: z.string(),
  callerReference: z.string(),
  config: healthCheckConfig,
  version: z.number(),
  deleted: z.boolean(),
  createdAt: z.number(),
  seq: z.number(),
});
export type HealthCheck = z.infer<typeof healthCheck>;

const cluster = z.object({ name: z.string(), port: z.number(), path: z.string(), up: z.boolean() });
export type Cluster = z.infer<typeof cluster>;

// An STS AssumeRole session, by the temporary access key id it was issued with, so calls
// signed with that key appear in CloudTrail as the assumed role.
const assumedSession = z.object({
  roleArn: z.string(),
  roleName: z.string(),
  roleId: z.string(),
  sessionName: z.string(),
  accountId: z.string(),
  issuedAt: z.number(),
  expiresAt: z.number(),
});
export type AssumedSession = z.infer<typeof assumedSession>;

// CloudTrail records are stored exactly as CloudTrail would deliver them.
const trailRecord = z.record(z.string(), z.unknown());
export type TrailRecord = Record<string, unknown>;

export const stateSchema = z.object({
  schemaVersion: z.literal(1),
  accountId: z.string(),
  seq: z.number(),
  hostedZones: z.record(z.string(), hostedZone),
  recordSets: z.record(z.string(), z.array(resourceRecordSet)),
  changes: z.record(z.string(), change),
  trafficPolicies: z.record(z.string(), trafficPolicy),
  instances: z.record(z.string(), instance),
  healthChecks: z.record(z.string(), healthCheck),
  clusters: z.record(z.string(), cluster),
  trail: z.array(trailRecord),
  // Absent from state files written before STS existed.
  sessions: z.record(z.string(), assumedSession).default({}),
});
export type SandboxState = z.infer<typeof stateSchema>;

export const SANDBOX_ACCOUNT_ID = "123456789012";

export function emptyState(clusters: Record<string, Cluster> = {}): SandboxState {
  return {
    schemaVersion: 1,
    accountId: SANDBOX_ACCOUNT_ID,
    seq: 0,
    hostedZones: {},
    recordSets: {},
    changes: {},
    trafficPolicies: {},
    instances: {},
    healthChecks: {},
    clusters,
    trail: [],
    sessions: {},
  };
}
