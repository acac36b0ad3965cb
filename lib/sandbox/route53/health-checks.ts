import { isDeepStrictEqual } from "node:util";
import { z } from "zod";
import { newUuid } from "../ids";
import type { HealthCheck, HealthCheckConfig } from "../state";
import { noSuchHealthCheck, Route53Error } from "./errors";
import { checkHealthCheckConfig } from "./health-check-rules";
import { defineOperation, type Route53Runtime } from "./operation";
import { bool, intIn, maxItems, parseInput, text } from "./validation";
import { wireList, xmlList } from "./xml";

// Route 53 health check API. Probing itself lives in ../health (the monitor); this file only
// keeps the definitions and answers with the monitor's observations.

const HEALTH_CHECK_QUOTA = 200;

const configInput = z.object({
  Type: z.enum(["HTTP", "HTTPS", "HTTP_STR_MATCH", "HTTPS_STR_MATCH", "TCP", "CALCULATED", "CLOUDWATCH_METRIC", "RECOVERY_CONTROL"], "Member must satisfy enum value set"),
  IPAddress: text(0, 45).optional(),
  Port: intIn(1, 65535).optional(),
  ResourcePath: text(0, 255).optional(),
  FullyQualifiedDomainName: text(0, 255).optional(),
  SearchString: text(0, 255).optional(),
  RequestInterval: intIn(1, 30).optional(),
  FailureThreshold: intIn(1, 10).optional(),
  MeasureLatency: bool.optional(),
  Inverted: bool.optional(),
  Disabled: bool.optional(),
  HealthThreshold: intIn(0, 256).optional(),
  ChildHealthChecks: wireList("ChildHealthCheck", text(0, 64)).optional(),
  EnableSNI: bool.optional(),
  Regions: wireList("Region", z.string()).optional(),
});

function withDefaults(config: z.infer<typeof configInput>): HealthCheckConfig {
  const endpoint = config.Type !== "CALCULATED";
  const https = config.Type.startsWith("HTTPS");
  // Absent members are left out rather than set to undefined, so a config compares equal to
  // the same config read back from the state file (the safe-retry check depends on it).
  return compact({
    ...config,
    Port: endpoint ? (config.Port ?? (https ? 443 : 80)) : undefined,
    RequestInterval: endpoint ? (config.RequestInterval ?? 30) : undefined,
    FailureThreshold: endpoint ? (config.FailureThreshold ?? 3) : undefined,
    MeasureLatency: config.MeasureLatency ?? false,
    Inverted: config.Inverted ?? false,
    Disabled: config.Disabled ?? false,
    EnableSNI: https ? (config.EnableSNI ?? true) : config.EnableSNI,
    Regions: endpoint && config.Regions && config.Regions.length > 0 ? config.Regions : undefined,
  });
}

function compact<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}

export function healthCheckXml(check: HealthCheck) {
  const { Regions, ChildHealthChecks, ...rest } = check.config;
  return {
    Id: check.id,
    CallerReference: check.callerReference,
    HealthCheckConfig: {
      ...rest,
      ChildHealthChecks: ChildHealthChecks ? xmlList("ChildHealthCheck", ChildHealthChecks) : undefined,
      Regions: Regions ? xmlList("Region", Regions) : undefined,
    },
    HealthCheckVersion: check.version,
  };
}

export function findHealthCheck(runtime: Route53Runtime, id: string): HealthCheck {
  const check = runtime.store.state.healthChecks[id];
  if (!check || check.deleted) throw noSuchHealthCheck(id);
  return check;
}

export const createHealthCheck = defineOperation({
  name: "CreateHealthCheck",
  method: "POST",
  path: "healthcheck",
  mutating: true,
  input: (request) => parseInput(z.object({ CallerReference: text(1, 64), HealthCheckConfig: configInput }), request.body),
  run(runtime, input, request) {
    const { state } = runtime.store;
    const config = withDefaults(input.HealthCheckConfig);
    checkHealthCheckConfig(config, { fast: runtime.fastHealthChecks, exists: (id) => Boolean(state.healthChecks[id] && !state.healthChecks[id].deleted) });
    const all = Object.values(state.healthChecks);
    const previous = all.find((c) => c.callerReference === input.CallerReference);
    if (previous) {
      // Same reference and same settings is a safe retry and returns the existing check.
      if (!previous.deleted && isDeepStrictEqual(previous.config, config)) return created(request.baseUrl, previous);
      throw new Route53Error(
        "HealthCheckAlreadyExists",
        previous.deleted
          ? `A health check with caller reference ${input.CallerReference} was already created and deleted; use a new caller reference.`
          : `A health check with caller reference ${input.CallerReference} already exists with different settings.`,
      );
    }
    if (all.filter((c) => !c.deleted).length >= HEALTH_CHECK_QUOTA) throw new Route53Error("TooManyHealthChecks", "Limits Exceeded: MAX_HEALTH_CHECKS_BY_OWNER");
    const check: HealthCheck = { id: newUuid(), callerReference: input.CallerReference, config, version: 1, deleted: false, createdAt: runtime.clock(), seq: runtime.store.nextSeq() };
    state.healthChecks[check.id] = check;
    runtime.store.changed();
    runtime.health.sync();
    return created(request.baseUrl, check);
  },
});

function created(baseUrl: string, check: HealthCheck) {
  return {
    status: 201,
    root: "CreateHealthCheckResponse",
    headers: { Location: `${baseUrl}/2013-04-01/healthcheck/${check.id}` },
    resources: [{ ResourceType: "AWS::Route53::HealthCheck", ResourceName: check.id }],
    body: { HealthCheck: healthCheckXml(check) },
  };
}

const idParam = z.object({ HealthCheckId: text(1, 64) });

export const getHealthCheck = defineOperation({
  name: "GetHealthCheck",
  method: "GET",
  path: "healthcheck/{HealthCheckId}",
  mutating: false,
  input: (request) => parseInput(idParam, request.params),
  run: (runtime, input) => ({ root: "GetHealthCheckResponse", body: { HealthCheck: healthCheckXml(findHealthCheck(runtime, input.HealthCheckId)) } }),
});

export const deleteHealthCheck = defineOperation({
  name: "DeleteHealthCheck",
  method: "DELETE",
  path: "healthcheck/{HealthCheckId}",
  mutating: true,
  input: (request) => parseInput(idParam, request.params),
  run(runtime, input) {
    const check = findHealthCheck(runtime, input.HealthCheckId);
    const parent = Object.values(runtime.store.state.healthChecks).find((c) => !c.deleted && c.config.ChildHealthChecks?.includes(check.id));
    if (parent) throw new Route53Error("HealthCheckInUse", `Health check ${check.id} is a child of calculated health check ${parent.id}.`);
    // Kept as deleted, not removed: its caller reference may never be used again.
    check.deleted = true;
    runtime.store.changed();
    runtime.health.sync();
    return { root: "DeleteHealthCheckResponse", resources: [{ ResourceType: "AWS::Route53::HealthCheck", ResourceName: check.id }], body: {} };
  },
});

export const listHealthChecks = defineOperation({
  name: "ListHealthChecks",
  method: "GET",
  path: "healthcheck",
  mutating: false,
  input: (request) => ({ marker: request.query.get("marker") ?? undefined, maxItems: maxItems(request.query.get("maxitems"), 100, 1000) }),
  run(runtime, input) {
    const checks = Object.values(runtime.store.state.healthChecks).filter((c) => !c.deleted).sort((a, b) => a.seq - b.seq);
    let start = 0;
    if (input.marker !== undefined) {
      start = checks.findIndex((c) => c.id === input.marker);
      if (start < 0) throw new Route53Error("InvalidInput", `Invalid marker: ${input.marker}`);
    }
    const next = checks[start + input.maxItems];
    return {
      root: "ListHealthChecksResponse",
      body: {
        HealthChecks: xmlList("HealthCheck", checks.slice(start, start + input.maxItems).map(healthCheckXml)),
        Marker: input.marker ?? "",
        IsTruncated: next !== undefined,
        NextMarker: next?.id,
        MaxItems: input.maxItems,
      },
    };
  },
});

export const getHealthCheckStatus = defineOperation({
  name: "GetHealthCheckStatus",
  method: "GET",
  path: "healthcheck/{HealthCheckId}/status",
  mutating: false,
  input: (request) => parseInput(idParam, request.params),
  run(runtime, input) {
    const check = findHealthCheck(runtime, input.HealthCheckId);
    const observations = runtime.health.observations(check.id).map((o) => ({
      Region: o.region,
      IPAddress: o.ipAddress,
      StatusReport: { Status: o.status, CheckedTime: new Date(o.checkedAt) },
    }));
    return { root: "GetHealthCheckStatusResponse", body: { HealthCheckObservations: xmlList("HealthCheckObservation", observations) } };
  },
});
