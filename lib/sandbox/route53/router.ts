import type { TrailRecorder } from "../cloudtrail/recorder";
import type { SandboxCall } from "../sigv4";
import type { RateLimiter } from "../throttle";
import { getChange } from "./changes";
import { Route53Error } from "./errors";
import * as healthChecks from "./health-checks";
import * as hostedZones from "./hosted-zones";
import * as instances from "./instances";
import { matchSegments, type Route53Request, type Route53Response, type Route53Route, type Route53Runtime } from "./operation";
import * as recordSets from "./record-sets";
import * as policies from "./traffic-policies";
import { camel } from "./validation";
import { buildErrorXml, buildResponseXml, parseRequestXml } from "./xml";

// Dispatches REST-XML requests under /2013-04-01/ to the operations, answers in AWS's XML
// (including the <ErrorResponse> shape), and hands every mutating call to CloudTrail.

const ROUTES: Route53Route[] = [
  hostedZones.createHostedZone,
  hostedZones.getHostedZone,
  hostedZones.listHostedZones,
  recordSets.changeResourceRecordSets,
  recordSets.listResourceRecordSets,
  getChange,
  policies.createTrafficPolicy,
  policies.createTrafficPolicyVersion,
  policies.getTrafficPolicy,
  policies.updateTrafficPolicyComment,
  policies.deleteTrafficPolicy,
  policies.listTrafficPolicies,
  policies.listTrafficPolicyVersions,
  instances.createTrafficPolicyInstance,
  instances.getTrafficPolicyInstance,
  instances.updateTrafficPolicyInstance,
  instances.deleteTrafficPolicyInstance,
  instances.listTrafficPolicyInstances,
  instances.listTrafficPolicyInstancesByHostedZone,
  instances.listTrafficPolicyInstancesByPolicy,
  healthChecks.createHealthCheck,
  healthChecks.getHealthCheck,
  healthChecks.deleteHealthCheck,
  healthChecks.listHealthChecks,
  healthChecks.getHealthCheckStatus,
];

export type Route53Call = SandboxCall;

export interface Route53Deps {
  runtime: Route53Runtime;
  limiter: RateLimiter;
  recorder: TrailRecorder;
}

export async function handleRoute53(call: Route53Call, deps: Route53Deps): Promise<void> {
  const { request, response, url, requestId } = call;
  const send = (status: number, xml: string, headers: Record<string, string> = {}) => {
    response.writeHead(status, { "Content-Type": "text/xml", "x-amzn-RequestId": requestId, ...headers });
    response.end(xml);
  };
  const fail = (error: Route53Error) => send(error.status, buildErrorXml(error.code, error.message, requestId));

  if (!call.caller) return fail(new Route53Error("MissingAuthenticationToken", "Missing Authentication Token"));
  // One bucket for the whole account: AWS's 5 requests/second spans all Route 53 APIs.
  if (!deps.limiter.take(`route53:${deps.runtime.store.state.accountId}`)) return fail(new Route53Error("Throttling", "Rate exceeded"));

  const segments = url.pathname.split("/").filter(Boolean).slice(1);
  let match: { route: Route53Route; params: Record<string, string> } | undefined;
  for (const route of ROUTES) {
    if (route.method !== request.method) continue;
    const params = matchSegments(route.segments, segments);
    if (params) {
      match = { route, params };
      break;
    }
  }
  if (!match) return fail(new Route53Error("UnknownOperation", `No Route 53 operation matches ${request.method} ${url.pathname}`));

  const { route } = match;
  let requestParameters: object | undefined;
  let result: Route53Response | undefined;
  let failure: Route53Error | undefined;
  try {
    const input: Route53Request = { params: match.params, query: url.searchParams, body: parseRequestXml(call.body), baseUrl: `http://${request.headers.host ?? "localhost"}` };
    requestParameters = { ...match.params, ...input.body };
    const prepared = route.prepare(input);
    requestParameters = prepared.input;
    result = await prepared.run(deps.runtime);
  } catch (error) {
    if (!(error instanceof Route53Error)) throw error;
    failure = error;
  }

  if (route.mutating) {
    deps.recorder.recordRoute53({
      eventName: route.name,
      caller: call.caller,
      sourceIPAddress: request.socket.remoteAddress ?? "127.0.0.1",
      userAgent: request.headers["user-agent"] ?? "",
      requestID: requestId,
      requestParameters: requestParameters ? camelize(requestParameters) : null,
      responseElements: result && Object.keys(result.body).length > 0 ? camelize(result.body) : null,
      errorCode: failure?.code,
      errorMessage: failure?.message,
      resources: result?.resources ?? [],
    });
  }
  if (failure) return fail(failure);
  if (result) send(result.status ?? 200, buildResponseXml(result.root, result.body), result.headers);
}

/** CloudTrail spells parameters in camelCase ("TTL" → "tTL") and dates as ISO strings. */
export function camelize(value: unknown): Record<string, unknown> {
  const convert = (v: unknown): unknown => {
    if (v instanceof Date) return v.toISOString();
    if (Array.isArray(v)) return v.map(convert);
    if (typeof v === "object" && v !== null) {
      return Object.fromEntries(Object.entries(v).filter(([, child]) => child !== undefined).map(([k, child]) => [camel(k), convert(child)]));
    }
    return v;
  };
  return convert(value) as Record<string, unknown>;
}
