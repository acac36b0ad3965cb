import "server-only";
import type { Route53Client } from "@aws-sdk/client-route-53";
import { accountCredentials } from "@/lib/aws/account-credentials";
import { route53ForAccounts, type Route53ForAccount as ForAccount } from "./accounts";
import { route53Context, type Route53Context } from "./call";
import { createRoute53Client, type Route53ClientConfig } from "./client";
import * as healthChecks from "./health-checks";
import * as hostedZones from "./hosted-zones";
import * as instances from "./instances";
import type { RetryOptions } from "./retry";
import * as policies from "./traffic-policies";

// Flightdeck's Route 53 adapter: the operations it uses, typed, checked and retried. Services
// receive a Route53Api as a parameter, so tests hand them one pointed at the sandbox (or at
// a fault-injecting proxy in front of it) and production code one pointed at AWS. Code that
// acts on an inventory account's resources receives a Route53ForAccount and asks it for the
// adapter of that account (its assumed role, if it has one).

export { Route53Error, isNotFound } from "./errors";
export type { InstanceInfo, InstanceState, PolicyVersionInfo } from "./schemas";
export type { HealthVerdict, HealthCheckSpec } from "./health-checks";
export type { InstanceTarget } from "./instances";
export type { PolicySummary } from "./traffic-policies";
export type { ZoneInfo } from "./hosted-zones";
export type { RetryOptions } from "./retry";
export { createRoute53Client, type Route53ClientConfig } from "./client";
export { route53ForAccounts } from "./accounts";

type Bound<F> = F extends (ctx: Route53Context, ...args: infer A) => infer R ? (...args: A) => R : never;
type BindAll<M> = { [K in keyof M]: Bound<M[K]> };

function bindAll<M extends Record<string, unknown>>(ctx: Route53Context, module: M): BindAll<M> {
  const out: Record<string, unknown> = {};
  for (const [name, fn] of Object.entries(module)) {
    if (typeof fn === "function") out[name] = (...args: unknown[]) => (fn as (c: Route53Context, ...a: unknown[]) => unknown)(ctx, ...args);
  }
  return out as BindAll<M>;
}

const operations = {
  createTrafficPolicy: policies.createTrafficPolicy,
  createTrafficPolicyVersion: policies.createTrafficPolicyVersion,
  getTrafficPolicy: policies.getTrafficPolicy,
  listTrafficPolicyVersions: policies.listTrafficPolicyVersions,
  findTrafficPolicyByName: policies.findTrafficPolicyByName,
  createTrafficPolicyInstance: instances.createTrafficPolicyInstance,
  getTrafficPolicyInstance: instances.getTrafficPolicyInstance,
  updateTrafficPolicyInstance: instances.updateTrafficPolicyInstance,
  listTrafficPolicyInstancesByHostedZone: instances.listTrafficPolicyInstancesByHostedZone,
  createHealthCheck: healthChecks.createHealthCheck,
  getHealthCheck: healthChecks.getHealthCheck,
  getHealthCheckStatus: healthChecks.getHealthCheckStatus,
  getHostedZone: hostedZones.getHostedZone,
  findHostedZoneByName: hostedZones.findHostedZoneByName,
  createHostedZone: hostedZones.createHostedZone,
};

export type Route53Api = BindAll<typeof operations> & { readonly client: Route53Client };

/** The adapter for an inventory account; null: Flightdeck's own credentials. */
export type Route53ForAccount = ForAccount<Route53Api>;

/** Every account through one adapter (tests, and callers that only ever have one account). */
export const sameForEveryAccount = (route53: Route53Api): Route53ForAccount => () => route53;

/** The adapter over an SDK client (which the caller owns and destroys). */
export function createRoute53Api(client: Route53Client, retry: Partial<RetryOptions> = {}): Route53Api {
  return { ...bindAll(route53Context(client, retry), operations), client };
}

const holder = globalThis as { flightdeckRoute53?: Route53Api; flightdeckRoute53ForAccount?: Route53ForAccount };

/** One adapter per process, configured from the environment (lib/env). */
export function getRoute53(config?: Route53ClientConfig): Route53Api {
  holder.flightdeckRoute53 ??= createRoute53Api(createRoute53Client(config));
  return holder.flightdeckRoute53;
}

/** One adapter per role and one for Flightdeck's own credentials, per process, configured from the environment. */
export function getRoute53ForAccount(): Route53ForAccount {
  holder.flightdeckRoute53ForAccount ??= route53ForAccounts(getRoute53(), accountCredentials(), (credentials) => createRoute53Api(createRoute53Client({ credentials })));
  return holder.flightdeckRoute53ForAccount;
}
