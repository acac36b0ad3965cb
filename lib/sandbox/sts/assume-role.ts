import { randomBytes } from "node:crypto";
import { roleIdFor } from "../cloudtrail/identity";
import type { AssumedSession, SandboxState } from "../state";

// STS AssumeRole as the sandbox plays it. Every well-formed role ARN in any account can be
// assumed (the sandbox stands in for every account's trust policy) except roles whose name
// ends in "-denied", which refuse everybody: that is how a test or a demo shows a role
// Flightdeck may not assume. The temporary key (ASIA…) is remembered with its session, so
// Route 53 calls signed with it appear in CloudTrail as that assumed role.

export class StsError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly status = 400,
  ) {
    super(message);
  }
}

export type AssumeRoleParams = { RoleArn?: string; RoleSessionName?: string; DurationSeconds?: string };

export type IssuedCredentials = {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken: string;
  session: AssumedSession;
};

// arn:aws:iam::123456789012:role/optional/path/RoleName
const ROLE_ARN = /^arn:aws(?:-[a-z]+)*:iam::(\d{12}):role\/(?:[\w+=,.@-]+\/)*([\w+=,.@-]{1,64})$/;
const SESSION_NAME = /^[\w+=,.@-]{2,64}$/;
const ALPHANUMERIC = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

export const DENIED_ROLE_SUFFIX = "-denied";

function randomKeyId(): string {
  let out = "ASIA";
  for (const byte of randomBytes(16)) out += ALPHANUMERIC[byte % ALPHANUMERIC.length];
  return out;
}

const violation = (field: string, value: string | undefined, constraint: string) =>
  new StsError("ValidationError", `1 validation error detected: Value ${value === undefined ? "null" : `'${value}'`} at '${field}' failed to satisfy constraint: ${constraint}`);

function durationOf(raw: string | undefined): number {
  if (raw === undefined) return 3600;
  if (!/^\d+$/.test(raw)) throw violation("durationSeconds", raw, "Member must be an integer");
  const seconds = Number(raw);
  if (seconds < 900) throw violation("durationSeconds", raw, "Member must have value greater than or equal to 900");
  if (seconds > 43_200) throw violation("durationSeconds", raw, "Member must have value less than or equal to 43200");
  return seconds;
}

/** Validates the request, then issues and remembers a session (or throws StsError). `callerArn` names the caller in AccessDenied. */
export function assumeRole(state: SandboxState, params: AssumeRoleParams, callerArn: string, now: number): IssuedCredentials {
  const roleArn = params.RoleArn;
  if (roleArn === undefined) throw violation("roleArn", undefined, "Member must not be null");
  if (roleArn.length < 20 || roleArn.length > 2048) throw violation("roleArn", roleArn, "Member must have length between 20 and 2048");
  const match = ROLE_ARN.exec(roleArn);
  if (!match) throw new StsError("ValidationError", `${roleArn} is invalid`);
  const [, accountId, roleName] = match as unknown as [string, string, string];
  const sessionName = params.RoleSessionName;
  if (sessionName === undefined) throw violation("roleSessionName", undefined, "Member must not be null");
  if (!SESSION_NAME.test(sessionName)) throw violation("roleSessionName", sessionName, "Member must have length between 2 and 64 and match [\\w+=,.@-]*");
  const durationSeconds = durationOf(params.DurationSeconds);
  if (roleName.endsWith(DENIED_ROLE_SUFFIX)) {
    throw new StsError("AccessDenied", `User: ${callerArn} is not authorized to perform: sts:AssumeRole on resource: ${roleArn}`, 403);
  }
  for (const [key, old] of Object.entries(state.sessions)) if (old.expiresAt <= now) delete state.sessions[key];
  const session: AssumedSession = { roleArn, roleName, roleId: roleIdFor(roleArn), sessionName, accountId, issuedAt: now, expiresAt: now + durationSeconds * 1000 };
  const accessKeyId = randomKeyId();
  state.sessions[accessKeyId] = session;
  return { accessKeyId, secretAccessKey: randomBytes(30).toString("base64"), sessionToken: `FwoGZXIvYXdzE${randomBytes(120).toString("base64")}`, session };
}
