import { createHash } from "node:crypto";
import type { AssumedSession } from "../state";

// CloudTrail's userIdentity for a caller known only by its access key id. Long-term keys
// (AKIA…) belong to IAM users; temporary keys (ASIA…) to an assumed-role session, exactly as
// on AWS. The sandbox has no IAM, so names are derived from the key itself: stable, unique,
// and recognisable in the UI ("user-flightdeckdemo01" for AKIAFLIGHTDECKDEMO01).

export interface UserIdentity {
  type: string;
  principalId?: string;
  arn?: string;
  accountId?: string;
  accessKeyId?: string;
  userName?: string;
  invokedBy?: string;
  sessionContext?: Record<string, unknown>;
}

export interface ResolvedIdentity {
  identity: UserIdentity;
  /** What LookupEvents shows as Username. */
  username: string | undefined;
}

function suffix(accessKeyId: string): string {
  const tail = accessKeyId.replace(/^(AKIA|ASIA)/, "").toLowerCase();
  return tail || "anonymous";
}

function principalHash(value: string): string {
  return createHash("sha256").update(value).digest("hex").slice(0, 17).toUpperCase();
}

/** The unique id IAM gives a role (AROA…), stable per role ARN. */
export function roleIdFor(roleArn: string): string {
  return `AROA${principalHash(roleArn)}`;
}

/** CloudTrail's userIdentity for a call signed with an assumed-role session's temporary key. */
export function identityForSession(session: AssumedSession, accessKeyId: string): ResolvedIdentity {
  return {
    username: session.sessionName,
    identity: {
      type: "AssumedRole",
      principalId: `${session.roleId}:${session.sessionName}`,
      arn: `arn:aws:sts::${session.accountId}:assumed-role/${session.roleName}/${session.sessionName}`,
      accountId: session.accountId,
      accessKeyId,
      sessionContext: {
        sessionIssuer: { type: "Role", principalId: session.roleId, arn: session.roleArn, accountId: session.accountId, userName: session.roleName },
        attributes: { creationDate: new Date(session.issuedAt).toISOString().replace(/\.\d{3}Z$/, "Z"), mfaAuthenticated: "false" },
      },
    },
  };
}

export function identityForAccessKey(accessKeyId: string, accountId: string, eventTime: string): ResolvedIdentity {
  if (accessKeyId.startsWith("ASIA")) {
    const roleName = "FlightdeckSandboxRole";
    const session = `session-${suffix(accessKeyId)}`;
    const roleId = `AROA${principalHash(roleName)}`;
    return {
      username: session,
      identity: {
        type: "AssumedRole",
        principalId: `${roleId}:${session}`,
        arn: `arn:aws:sts::${accountId}:assumed-role/${roleName}/${session}`,
        accountId,
        accessKeyId,
        sessionContext: {
          sessionIssuer: {
            type: "Role",
            principalId: roleId,
            arn: `arn:aws:iam::${accountId}:role/${roleName}`,
            accountId,
            userName: roleName,
          },
          attributes: { creationDate: eventTime, mfaAuthenticated: "false" },
        },
      },
    };
  }
  const userName = `user-${suffix(accessKeyId)}`;
  return {
    username: userName,
    identity: {
      type: "IAMUser",
      principalId: `AIDA${principalHash(userName)}`,
      arn: `arn:aws:iam::${accountId}:user/${userName}`,
      accountId,
      accessKeyId,
      userName,
    },
  };
}
