import path from "node:path";
import { z } from "zod";

// The one place that reads process.env. Everything else imports `env` (or calls
// `readEnv` with an explicit source in tests) so a typo in a variable fails loudly at start.

const bool = z
  .enum(["1", "0", "true", "false", "yes", "no", "on", "off", ""])
  .transform((v) => ["1", "true", "yes", "on"].includes(v));

const port = z.coerce.number().int().min(0).max(65535);

const schema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  PORT: port.default(3000),
  FLIGHTDECK_DATA_DIR: z.string().min(1).default(".data"),

  /** External PostgreSQL. Unset: an embedded PostgreSQL under the data directory. */
  DATABASE_URL: z.string().url().optional(),
  FLIGHTDECK_EMBEDDED_PG_PORT: port.default(54329),
  /** Server on which tests create (and drop) throwaway databases. Unset: a local server on 5432, else an embedded one. */
  FLIGHTDECK_TEST_DATABASE_URL: z.string().url().optional(),

  NEXTAUTH_URL: z.string().url().optional(),
  NEXTAUTH_SECRET: z.string().min(16).optional(),
  FLIGHTDECK_ADMIN_EMAIL: z.string().email().optional(),
  FLIGHTDECK_ADMIN_PASSWORD: z.string().min(8).optional(),
  /** Demo mode seeds the reference estate and one user per role. Default: on with the embedded database. */
  FLIGHTDECK_DEMO: bool.optional(),

  OIDC_ISSUER: z.string().url().optional(),
  OIDC_CLIENT_ID: z.string().min(1).optional(),
  OIDC_CLIENT_SECRET: z.string().min(1).optional(),
  OIDC_NAME: z.string().default("Single sign-on"),
  /** Claim holding group or role names, e.g. `groups`. */
  OIDC_ROLE_CLAIM: z.string().default("groups"),
  /** Comma-separated `claimValue=role` pairs, first match by role rank wins, e.g. `sre=operator,auditors=auditor`. */
  OIDC_ROLE_MAP: z.string().default(""),
  /** Role for OIDC users whose claims match nothing; unset means they are refused. */
  OIDC_DEFAULT_ROLE: z.enum(["manager", "operator", "auditor", "admin"]).optional(),

  /** `sandbox` talks to the local AWS sandbox; `aws` to real AWS with the SDK's default credentials. */
  FLIGHTDECK_AWS_MODE: z.enum(["sandbox", "aws"]).default("sandbox"),
  AWS_REGION: z.string().default("us-east-1"),
  AWS_ENDPOINT_URL_ROUTE_53: z.string().url().optional(),
  AWS_ENDPOINT_URL_CLOUDTRAIL: z.string().url().optional(),
  /** STS, for the AssumeRole of inventory accounts that name a role. */
  AWS_ENDPOINT_URL_STS: z.string().url().optional(),

  FLIGHTDECK_SANDBOX_HOST: z.string().default("127.0.0.1"),
  FLIGHTDECK_SANDBOX_PORT: port.default(4566),
  /** Route 53 and CloudTrail request-rate limits in the sandbox; off for tests and benchmarks. */
  FLIGHTDECK_SANDBOX_THROTTLE: bool.default(true),
  /** Milliseconds a change stays PENDING / an instance stays Updating in the sandbox. */
  FLIGHTDECK_SANDBOX_CHANGE_DELAY_MS: z.coerce.number().int().min(0).default(1500),
  /** Allows health-check intervals below AWS's 10 s (tests). */
  FLIGHTDECK_SANDBOX_FAST_HEALTH_CHECKS: bool.default(false),
  FLIGHTDECK_HEARTBEAT_BASE_PORT: port.default(4610),

  /** Redis replication collector (worker): one tick per interval, each probe bounded by the timeout. */
  FLIGHTDECK_REPLICATION_INTERVAL_MS: z.coerce.number().int().min(100).default(1_000),
  FLIGHTDECK_REPLICATION_PROBE_TIMEOUT_MS: z.coerce.number().int().min(10).default(400),
  /** Lag thresholds for regions without their own (admins set those on the Replication page). */
  FLIGHTDECK_REPLICATION_WARNING_MS: z.coerce.number().int().min(1).default(5_000),
  FLIGHTDECK_REPLICATION_CRITICAL_MS: z.coerce.number().int().min(1).default(10_000),
  /** Raw samples kept this long, then only one-minute aggregates (kept for the days below). At least 0.05 h (3 min). */
  FLIGHTDECK_REPLICATION_RAW_RETENTION_HOURS: z.coerce.number().min(0.05).default(24),
  FLIGHTDECK_REPLICATION_AGGREGATE_RETENTION_DAYS: z.coerce.number().min(1).default(30),

  /** First pause between GetTrafficPolicyInstance polls while a change applies; grows ×1.5 up to 2 s. Unset: 50 ms (sandbox), 250 ms (AWS). */
  FLIGHTDECK_ROUTE53_POLL_MS: z.coerce.number().int().min(10).optional(),
  /** How long a publish or rollback request waits for `Applied` before answering 503 and leaving the rest to the worker. */
  FLIGHTDECK_PUBLISH_TIMEOUT_MS: z.coerce.number().int().min(1000).default(120_000),
  /** Worker: Route 53 health-check polling period. Unset: 1 s with fast sandbox health checks, else 5 s. */
  FLIGHTDECK_HEALTH_POLL_MS: z.coerce.number().int().min(100).optional(),
  /** Worker: drift reconcile period. Unset: 5 s with fast sandbox health checks, else 30 s. */
  FLIGHTDECK_DRIFT_RECONCILE_MS: z.coerce.number().int().min(500).optional(),

  /** Worker: ingest CloudTrail LookupEvents for every inventory account × region. */
  FLIGHTDECK_CLOUDTRAIL_INGEST: bool.default(true),
  /** Worker: seconds between ingest rounds once an account-region has caught up. */
  FLIGHTDECK_CLOUDTRAIL_POLL_SECONDS: z.coerce.number().min(1).default(60),
  /** How far back the first ingest of an account-region reaches (LookupEvents keeps 90 days). */
  FLIGHTDECK_CLOUDTRAIL_BACKFILL_DAYS: z.coerce.number().min(0).max(90).default(90),
  /** Each poll re-reads this much before the last watermark: CloudTrail delivers events minutes late. */
  FLIGHTDECK_CLOUDTRAIL_OVERLAP_MINUTES: z.coerce.number().min(0).max(1440).default(10),
  /** Comma-separated regions to ingest; unset: the inventory's regions plus us-east-1 (where global services log). */
  FLIGHTDECK_CLOUDTRAIL_REGIONS: z.string().regex(/^[a-z0-9-]+(,[a-z0-9-]+)*$/, "comma-separated region codes").optional(),
  /** LookupEvents requests per second per account-region; AWS allows 2. */
  FLIGHTDECK_CLOUDTRAIL_REQUESTS_PER_SECOND: z.coerce.number().gt(0).max(50).default(2),
});

export type Env = z.infer<typeof schema>;

export function readEnv(source: Record<string, string | undefined>): Env {
  // An empty variable means "not set", as shells and .env files usually intend.
  const present = Object.fromEntries(Object.entries(source).filter(([, v]) => v !== undefined && v !== ""));
  const parsed = schema.safeParse(present);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`);
    throw new Error(`Invalid environment:\n${lines.join("\n")}`);
  }
  return parsed.data;
}

export const env: Env = readEnv(process.env);

export const dataDir = path.resolve(env.FLIGHTDECK_DATA_DIR);

/** This process's environment with some variables set, for a child process Flightdeck starts (a script, the product). */
export function childEnv(overrides: Record<string, string>): NodeJS.ProcessEnv {
  return { ...process.env, ...overrides };
}
