import type { SandboxCall } from "../sigv4";
import type { RateLimiter } from "../throttle";
import type { BackgroundHistory } from "./background";
import { CloudTrailError, lookupEvents } from "./lookup-events";
import type { TrailRecorder } from "./recorder";

// CloudTrail's awsJson1_1 endpoint: POST / with X-Amz-Target naming the operation. Only
// LookupEvents exists here. The region whose history is read is the one in the SigV4
// credential scope, as with a regional AWS endpoint.

const TARGET_PREFIXES = ["CloudTrail_20131101.", "com.amazonaws.cloudtrail.v20131101.CloudTrail_20131101."];

export function isCloudTrailTarget(target: string | undefined): boolean {
  return target !== undefined && TARGET_PREFIXES.some((p) => target.startsWith(p));
}

export type CloudTrailCall = Omit<SandboxCall, "url">;

export interface CloudTrailDeps {
  accountId: string;
  clock: () => number;
  limiter: RateLimiter;
  recorder: TrailRecorder;
  background: BackgroundHistory;
}

export function handleCloudTrail(call: CloudTrailCall, deps: CloudTrailDeps): void {
  const send = (status: number, payload: unknown) => {
    call.response.writeHead(status, { "Content-Type": "application/x-amz-json-1.1", "x-amzn-RequestId": call.requestId });
    call.response.end(JSON.stringify(payload));
  };
  try {
    const target = String(call.request.headers["x-amz-target"] ?? "");
    const operation = target.slice(target.lastIndexOf(".") + 1);
    if (!call.caller) throw new CloudTrailError("MissingAuthenticationTokenException", "Missing Authentication Token", 403);
    // 2 requests per second per account per region; the excess is an HTTP 400, not a 429.
    if (!deps.limiter.take(`cloudtrail:${deps.accountId}:${call.caller.region}`)) throw new CloudTrailError("ThrottlingException", "Rate exceeded");
    if (operation !== "LookupEvents") throw new CloudTrailError("UnknownOperationException", `The sandbox does not implement CloudTrail ${operation}.`);
    let raw: unknown;
    try {
      raw = call.body.trim() === "" ? {} : JSON.parse(call.body);
    } catch {
      throw new CloudTrailError("SerializationException", "The request body is not valid JSON.");
    }
    send(200, lookupEvents(raw, { region: call.caller.region, now: deps.clock(), recorder: deps.recorder, background: deps.background }));
  } catch (error) {
    if (!(error instanceof CloudTrailError)) throw error;
    send(error.status, { __type: error.code, message: error.message });
  }
}
