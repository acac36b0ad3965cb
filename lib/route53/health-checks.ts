import { CreateHealthCheckCommand, GetHealthCheckCommand, GetHealthCheckStatusCommand, type HealthCheckConfig } from "@aws-sdk/client-route-53";
import { z } from "zod";
import { send, type Route53Context } from "./call";
import { checkResponse, healthCheckSchema, observationSchema } from "./schemas";

// Health checks. CreateHealthCheck is idempotent by CallerReference (the same reference and
// settings return the existing check), so Flightdeck uses the inventory id as the reference.

export type HealthCheckSpec = {
  callerReference: string;
  /** Where the checker connects: an IP address or a host name, as the heartbeat URL says. */
  url: URL;
  requestIntervalSeconds: number;
  failureThreshold: number;
};

export type HealthVerdict = {
  status: "healthy" | "unhealthy" | "unknown";
  healthyCount: number;
  checkerCount: number;
  /** One checker's report, the failing one when there is any. */
  detail: string | undefined;
};

const IPV4 = /^\d{1,3}(\.\d{1,3}){3}$/;

export function healthCheckConfig(spec: HealthCheckSpec): HealthCheckConfig {
  const https = spec.url.protocol === "https:";
  const host = spec.url.hostname.replace(/^\[|\]$/g, "");
  const address = IPV4.test(host) || host.includes(":") ? { IPAddress: host } : { FullyQualifiedDomainName: host };
  return {
    Type: https ? "HTTPS" : "HTTP",
    ...address,
    Port: spec.url.port ? Number(spec.url.port) : https ? 443 : 80,
    ResourcePath: `${spec.url.pathname}${spec.url.search}`,
    RequestInterval: spec.requestIntervalSeconds,
    FailureThreshold: spec.failureThreshold,
  };
}

export async function createHealthCheck(ctx: Route53Context, spec: HealthCheckSpec): Promise<string> {
  const out = await send(ctx, "CreateHealthCheck", true, (c) =>
    c.send(new CreateHealthCheckCommand({ CallerReference: spec.callerReference, HealthCheckConfig: healthCheckConfig(spec) })),
  );
  return checkResponse("CreateHealthCheck", healthCheckSchema, out.HealthCheck).Id;
}

export async function getHealthCheck(ctx: Route53Context, id: string): Promise<{ id: string; callerReference: string }> {
  const out = await send(ctx, "GetHealthCheck", true, (c) => c.send(new GetHealthCheckCommand({ HealthCheckId: id })));
  const check = checkResponse("GetHealthCheck", healthCheckSchema, out.HealthCheck);
  return { id: check.Id, callerReference: check.CallerReference };
}

// Route 53 considers an endpoint healthy when more than 18 % of its checkers say so.
const HEALTHY_FRACTION = 0.18;

export async function getHealthCheckStatus(ctx: Route53Context, id: string): Promise<HealthVerdict> {
  const out = await send(ctx, "GetHealthCheckStatus", true, (c) => c.send(new GetHealthCheckStatusCommand({ HealthCheckId: id })));
  const observations = checkResponse("GetHealthCheckStatus", z.array(observationSchema), out.HealthCheckObservations ?? []);
  const reports = observations.map((o) => o.StatusReport?.Status ?? "");
  const healthy = reports.filter((status) => status.startsWith("Success")).length;
  if (reports.length === 0) return { status: "unknown", healthyCount: 0, checkerCount: 0, detail: undefined };
  const failing = reports.find((status) => !status.startsWith("Success"));
  return {
    status: healthy / reports.length > HEALTHY_FRACTION ? "healthy" : "unhealthy",
    healthyCount: healthy,
    checkerCount: reports.length,
    detail: failing ?? reports[0],
  };
}
