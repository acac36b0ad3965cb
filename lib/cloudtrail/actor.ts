import { z } from "zod";

// Who acted, read from a record's userIdentity. `actor` is what the CloudTrail console shows
// as "User name" (LookupEvents' Username): the IAM user name, the role session name, "root",
// or the AWS service acting on its own. The ARN and type are kept beside it, because a
// session name alone does not say which role was assumed.

const text = z.string().nullish();

export const userIdentitySchema = z.looseObject({
  type: text,
  principalId: text,
  arn: text,
  accountId: text,
  accessKeyId: text,
  userName: text,
  invokedBy: text,
  sessionContext: z
    .looseObject({ sessionIssuer: z.looseObject({ type: text, arn: text, userName: text }).nullish() })
    .nullish(),
});

export type UserIdentity = z.infer<typeof userIdentitySchema>;

const isText = (value: unknown): boolean => value === undefined || value === null || typeof value === "string";
const isObject = (value: unknown): value is Record<string, unknown> => typeof value === "object" && value !== null && !Array.isArray(value);

/** What userIdentitySchema accepts, checked by hand (see plainRecord in normalize-event.ts). */
export function isPlainUserIdentity(value: unknown): value is UserIdentity {
  if (!isObject(value)) return false;
  for (const key of ["type", "principalId", "arn", "accountId", "accessKeyId", "userName", "invokedBy"]) if (!isText(value[key])) return false;
  const context = value.sessionContext;
  if (context === undefined || context === null) return true;
  if (!isObject(context)) return false;
  const issuer = context.sessionIssuer;
  return issuer === undefined || issuer === null || (isObject(issuer) && isText(issuer.type) && isText(issuer.arn) && isText(issuer.userName));
}

export type ActorFields = {
  actor: string | null;
  actorArn: string | null;
  principalType: string | null;
  accessKeyId: string | null;
};

const present = (value: string | null | undefined): string | null => (value && value.trim() !== "" ? value : null);

/** The part after the last "/" (or ":" when there is no "/"): a user, session or resource name. */
export function lastSegment(arnOrPath: string | null | undefined): string | null {
  const value = present(arnOrPath);
  if (!value) return null;
  const slash = value.lastIndexOf("/");
  const tail = slash >= 0 ? value.slice(slash + 1) : value.slice(value.lastIndexOf(":") + 1);
  return present(tail);
}

function actorName(identity: UserIdentity): string | null {
  switch (identity.type) {
    case "IAMUser":
      return present(identity.userName) ?? lastSegment(identity.arn);
    case "AssumedRole":
    case "FederatedUser":
      // arn:aws:sts::1:assumed-role/Role/session, arn:aws:sts::1:federated-user/name
      return lastSegment(identity.arn) ?? present(identity.sessionContext?.sessionIssuer?.userName);
    case "Root":
      return "root";
    case "AWSService":
      return present(identity.invokedBy);
    case "AWSAccount":
      return present(identity.accountId) ?? present(identity.principalId);
    default:
      return present(identity.userName) ?? lastSegment(identity.arn) ?? present(identity.invokedBy) ?? present(identity.principalId);
  }
}

/** Actor fields of a record; `fallbackName` is LookupEvents' Username for records without an identity. */
export function actorOf(identity: UserIdentity | null | undefined, fallbackName?: string | null): ActorFields {
  if (!identity) return { actor: present(fallbackName), actorArn: null, principalType: null, accessKeyId: null };
  return {
    actor: actorName(identity) ?? present(fallbackName),
    actorArn: present(identity.arn),
    principalType: present(identity.type),
    accessKeyId: present(identity.accessKeyId),
  };
}
