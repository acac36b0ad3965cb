// Plain data shared by the traffic core. Nothing here does I/O; the adapters and
// services translate between these shapes and Prisma rows or AWS responses.

/** Endpoint types a traffic policy document may use (AWS-FACTS.md, "Traffic policy document"). */
export const ENDPOINT_TYPES = [
  "value",
  "cloudfront",
  "application-load-balancer",
  "elastic-load-balancer",
  "network-load-balancer",
  "elastic-beanstalk",
  "s3-website",
] as const;
export type EndpointType = (typeof ENDPOINT_TYPES)[number];

export const RULE_TYPES = ["weighted", "latency", "failover", "geo", "geoproximity", "multivalue"] as const;
export type RuleType = (typeof RULE_TYPES)[number];

export const POLICY_FORMAT_VERSIONS = ["2015-10-01", "2023-05-09"] as const;
/** Flightdeck emits the older format: the newer one only changes geoproximity, which it never uses. */
export const EMITTED_FORMAT_VERSION = "2015-10-01";

/** Rule ids in the documents Flightdeck builds; fixed so versions diff line by line. */
export const ROLLOUT_RULE_ID = "rollout";
export const MULTI_REGION_RULE_ID = "multi-region";

/** Route 53 weights are integers 0–255. */
export const MAX_WEIGHT = 255;

export type RecordType = "A" | "AAAA";

export interface SingleRegionEndpoint {
  endpointId: string;
  regionCode: string;
  dnsName: string;
  endpointType: EndpointType;
}

export interface RegionalEndpoint {
  regionCode: string;
  endpointId: string;
  dnsName: string;
  endpointType: EndpointType;
  healthCheckId?: string;
}

/** One multi-region service as the inventory knows it. */
export interface ServiceTopology {
  slug: string;
  recordType: RecordType;
  singleRegion: SingleRegionEndpoint;
  regions: RegionalEndpoint[];
}

/** What the operator's slider sets: the share of traffic sent to latency routing, 0–100. */
export interface Split {
  multiRegionPercent: number;
}

/** The two weights of the "rollout" rule that a split maps to. */
export interface SplitWeights {
  single: number;
  multi: number;
}

// ---- Traffic policy documents (the shape Flightdeck emits: numbers and booleans as strings) ----

export interface PolicyEndpoint {
  Type: EndpointType;
  Value: string;
  Region?: string;
}

export interface WeightedItem {
  EndpointReference?: string;
  RuleReference?: string;
  Weight: string;
  EvaluateTargetHealth?: "true" | "false";
  HealthCheck?: string;
}

export interface LatencyRegionEntry {
  Region: string;
  EndpointReference?: string;
  RuleReference?: string;
  EvaluateTargetHealth?: "true" | "false";
  HealthCheck?: string;
}

export type PolicyRule =
  | { RuleType: "weighted"; Items: WeightedItem[] }
  | { RuleType: "latency"; Regions: LatencyRegionEntry[] };

export interface PolicyDocument {
  AWSPolicyFormatVersion: string;
  RecordType: string;
  StartRule?: string;
  StartEndpoint?: string;
  Endpoints: Record<string, PolicyEndpoint>;
  Rules: Record<string, PolicyRule>;
}

// ---- Health, client population and nearness: inputs to the effective share ----

export type HealthStatus = "healthy" | "unhealthy" | "unknown";

/** Observed health, keyed by document endpoint id and by Route 53 health check id. */
export interface HealthSnapshot {
  endpoints?: Record<string, HealthStatus>;
  healthChecks?: Record<string, HealthStatus>;
}

/** Relative client population per AWS region code, e.g. { "ap-southeast-1": 0.7, "ap-south-1": 0.3 }. */
export type ClientMix = Record<string, number>;

export interface GeoPoint {
  lat: number;
  lon: number;
}

/**
 * How far a client region is from an endpoint region. A latency matrix (ms, from → to)
 * wins where it has a value; otherwise great-circle distance between coordinates.
 */
export interface Nearness {
  latencyMs?: Record<string, Record<string, number>>;
  coordinates?: Record<string, GeoPoint>;
}

export interface ShareOptions {
  health?: HealthSnapshot;
  clientMix?: ClientMix;
  nearness?: Nearness;
  /**
   * Region per endpoint id where the document cannot tell (e.g. a single-region
   * endpoint whose DNS name names no region). Only "what if region X is down" uses it.
   */
  endpointRegions?: Record<string, string>;
}

export interface ShareReport {
  kind: "computed";
  /** Fraction of all traffic per endpoint id; every endpoint of the document is listed. */
  shares: Record<string, number>;
  /** The same, for the clients of each region in the mix. */
  byClientRegion: Record<string, Record<string, number>>;
  /** True when every endpoint is down; shares then show Route 53's fail-open answer. */
  noHealthyEndpoint: boolean;
  /** Fraction of traffic that lands on endpoints known to be down. */
  shareOnUnhealthy: number;
  /** Rules where every entry was unhealthy, so Route 53 answered as if all were healthy. */
  failOpenRules: string[];
  /** Ids whose status was unknown or missing and were treated as healthy. */
  assumedHealthy: { endpoints: string[]; healthChecks: string[] };
  warnings: string[];
}

export interface ShareUnavailable {
  kind: "unavailable";
  reason: string;
}

export type ShareResult = ShareReport | ShareUnavailable;
