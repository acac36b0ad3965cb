import type { IncomingMessage } from "node:http";
import { identityForAccessKey, identityForSession } from "../cloudtrail/identity";
import { buildErrorXml, buildResponseXml } from "../route53/xml";
import type { SandboxCall } from "../sigv4";
import type { SandboxStore } from "../store";
import { assumeRole, StsError, type AssumeRoleParams } from "./assume-role";

// STS's Query protocol: POST / with a form-encoded body (Action=AssumeRole&Version=2011-06-15&…),
// XML answers in the 2011-06-15 namespace, errors as ErrorResponse/Error{Type,Code,Message}.
// Only AssumeRole exists here.

export const STS_NS = "https://sts.amazonaws.com/doc/2011-06-15/";
const VERSION = "2011-06-15";

export type StsCall = SandboxCall;

/** The request's Query parameters: the form body of a POST, or the query string. */
export function queryParams(request: IncomingMessage, url: URL, body: string): URLSearchParams {
  const params = new URLSearchParams(url.search);
  const type = String(request.headers["content-type"] ?? "");
  if (request.method === "POST" && type.startsWith("application/x-www-form-urlencoded")) {
    for (const [key, value] of new URLSearchParams(body)) params.append(key, value);
  }
  return params;
}

/** An STS request: POST or GET / with an Action, signed for sts or unsigned. */
export function isStsRequest(call: Pick<StsCall, "request" | "url" | "body" | "caller">): boolean {
  if (call.url.pathname !== "/" || (call.caller && call.caller.service !== "sts")) return false;
  return queryParams(call.request, call.url, call.body).has("Action");
}

export function handleSts(call: StsCall, deps: { store: SandboxStore; clock: () => number }): void {
  const send = (status: number, xml: string) => {
    call.response.writeHead(status, { "Content-Type": "text/xml", "x-amzn-RequestId": call.requestId });
    call.response.end(xml);
  };
  try {
    const params = queryParams(call.request, call.url, call.body);
    const action = params.get("Action") ?? "";
    if (!call.caller) throw new StsError("MissingAuthenticationToken", "Request is missing Authentication Token", 403);
    if (action !== "AssumeRole" || params.get("Version") !== VERSION) {
      throw new StsError("InvalidAction", `Could not find operation ${action} for version ${params.get("Version") ?? "NO_VERSION_SPECIFIED"}`);
    }
    const { state } = deps.store;
    const now = deps.clock();
    const callerSession = state.sessions[call.caller.accessKeyId];
    const callerIdentity = callerSession ? identityForSession(callerSession, call.caller.accessKeyId) : identityForAccessKey(call.caller.accessKeyId, state.accountId, new Date(now).toISOString());
    const request: AssumeRoleParams = {
      RoleArn: params.get("RoleArn") ?? undefined,
      RoleSessionName: params.get("RoleSessionName") ?? undefined,
      DurationSeconds: params.get("DurationSeconds") ?? undefined,
    };
    const issued = assumeRole(state, request, callerIdentity.identity.arn ?? call.caller.accessKeyId, now);
    deps.store.changed();
    const { session } = issued;
    const result = {
      AssumeRoleResult: {
        Credentials: {
          AccessKeyId: issued.accessKeyId,
          SecretAccessKey: issued.secretAccessKey,
          SessionToken: issued.sessionToken,
          Expiration: new Date(session.expiresAt),
        },
        AssumedRoleUser: {
          AssumedRoleId: `${session.roleId}:${session.sessionName}`,
          Arn: `arn:aws:sts::${session.accountId}:assumed-role/${session.roleName}/${session.sessionName}`,
        },
      },
      ResponseMetadata: { RequestId: call.requestId },
    };
    send(200, buildResponseXml("AssumeRoleResponse", result, STS_NS));
  } catch (error) {
    if (!(error instanceof StsError)) throw error;
    send(error.status, buildErrorXml(error.code, error.message, call.requestId, STS_NS));
  }
}
