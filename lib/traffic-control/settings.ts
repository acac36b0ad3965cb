import { env } from "@/lib/env";

// Timing of traffic control, from the environment (lib/env). Tests pass their own.

export type TrafficSettings = {
  /** First pause between instance polls while a change applies; grows ×1.5 up to maxPollMs. */
  pollMs: number;
  maxPollMs: number;
  /** How long a request follows a change before leaving it to the worker. */
  publishTimeoutMs: number;
  healthPollMs: number;
  driftReconcileMs: number;
};

// Fast sandbox health checks mean a test or a demo that wants to see failover in seconds.
const fast = env.FLIGHTDECK_AWS_MODE === "sandbox" && env.FLIGHTDECK_SANDBOX_FAST_HEALTH_CHECKS;

export const trafficSettings: TrafficSettings = {
  // AWS applies a change in seconds and allows 5 requests/second per account: start slower there.
  pollMs: env.FLIGHTDECK_ROUTE53_POLL_MS ?? (env.FLIGHTDECK_AWS_MODE === "sandbox" ? 50 : 250),
  maxPollMs: 2_000,
  publishTimeoutMs: env.FLIGHTDECK_PUBLISH_TIMEOUT_MS,
  healthPollMs: env.FLIGHTDECK_HEALTH_POLL_MS ?? (fast ? 1_000 : 5_000),
  driftReconcileMs: env.FLIGHTDECK_DRIFT_RECONCILE_MS ?? (fast ? 5_000 : 30_000),
};
