import { fromTemporaryCredentials } from "@aws-sdk/credential-providers";
import { env } from "@/lib/env";
import { serviceEndpoint } from "./endpoints";

// Which credentials reach an inventory account. An account without a role is reached with
// Flightdeck's own credentials (the SDK's default chain: undefined here). An account with a
// role is reached through STS AssumeRole on it, signed with Flightdeck's own credentials;
// STS is AWS_ENDPOINT_URL_STS, else the local sandbox in sandbox mode, else AWS.
//
// fromTemporaryCredentials calls AssumeRole every time it is asked, and each SDK client
// only remembers what it got for itself, so the provider here is cached per role and
// purpose and remembers its credentials until they are near expiry: the Route 53 adapter
// and every regional CloudTrail client of one account share one session.

export type AwsCredentials = { accessKeyId: string; secretAccessKey: string; sessionToken?: string; expiration?: Date };
export type CredentialsProvider = () => Promise<AwsCredentials>;

export type AwsAccountRef = { accountId: string; assumeRoleArn: string | null };

/** What the session is for; it becomes the role session name `flightdeck-<purpose>`, visible in the account's CloudTrail. */
export type CredentialsPurpose = "route53" | "cloudtrail";

export type AccountCredentialsOptions = {
  /** STS endpoint; default AWS_ENDPOINT_URL_STS, or the sandbox in sandbox mode, or AWS. */
  stsEndpoint?: string;
  /** Region the STS client signs for; default AWS_REGION. */
  region?: string;
  /** Credentials that call AssumeRole; default the SDK's default chain. */
  masterCredentials?: AwsCredentials;
  /** Session length asked of STS (900–43,200 s; the role's maximum may be lower). Default 3,600. */
  durationSeconds?: number;
  now?: () => number;
};

/** Credentials are renewed this long before they expire (the SDK's own refresh window). */
export const REFRESH_BEFORE_EXPIRY_MS = 5 * 60_000;

/** AssumeRole failed: names the role and carries STS's code, message and HTTP status. */
export class AssumeRoleError extends Error {
  readonly $metadata: { httpStatusCode?: number };
  constructor(
    readonly roleArn: string,
    readonly code: string,
    stsMessage: string,
    httpStatusCode: number | undefined,
  ) {
    super(`could not assume ${roleArn}: ${code}: ${stsMessage}`);
    this.name = "AssumeRoleError";
    // Route 53's and CloudTrail's retry logic reads the status: a 4xx means "refused, nothing happened".
    this.$metadata = { httpStatusCode };
  }
}

/** AssumeRole failed, as itself or as the code of the error a service adapter wrapped it in (Route53Error). */
export function isAssumeRoleFailure(error: unknown): boolean {
  return error instanceof AssumeRoleError || (error as { code?: unknown } | null)?.code === "AssumeRoleError";
}

function assumeRoleError(roleArn: string, error: unknown): AssumeRoleError {
  const e = error as { name?: string; message?: string; $metadata?: { httpStatusCode?: number } };
  const code = e?.name && e.name !== "Error" ? e.name : "Error";
  return new AssumeRoleError(roleArn, code, e?.message || String(error), e?.$metadata?.httpStatusCode);
}

/** Remembers the provider's credentials until REFRESH_BEFORE_EXPIRY_MS before they expire; callers meanwhile share one request; a failure is not remembered. */
export function memoizeCredentials(provider: CredentialsProvider, now: () => number = Date.now): CredentialsProvider {
  type Entry = { promise: Promise<AwsCredentials>; expires?: number };
  let cached: Entry | undefined;
  return () => {
    if (cached && (cached.expires === undefined || cached.expires - REFRESH_BEFORE_EXPIRY_MS > now())) return cached.promise;
    const entry: Entry = { promise: provider() };
    cached = entry;
    entry.promise.then(
      (credentials) => {
        entry.expires = credentials.expiration?.getTime();
      },
      () => {
        if (cached === entry) cached = undefined;
      },
    );
    return entry.promise;
  };
}

export type AccountCredentials = {
  /** undefined: the SDK's default chain (the account has no role). */
  forAccount(account: AwsAccountRef, purpose: CredentialsPurpose): CredentialsProvider | undefined;
};

export function createAccountCredentials(options: AccountCredentialsOptions = {}): AccountCredentials {
  const providers = new Map<string, CredentialsProvider>();
  const now = options.now ?? Date.now;
  return {
    forAccount(account, purpose) {
      const roleArn = account.assumeRoleArn;
      if (!roleArn) return undefined;
      const key = `${roleArn} ${purpose}`;
      let provider = providers.get(key);
      if (!provider) {
        const endpoint = options.stsEndpoint ?? serviceEndpoint(env.AWS_ENDPOINT_URL_STS);
        const assume = fromTemporaryCredentials({
          params: { RoleArn: roleArn, RoleSessionName: `flightdeck-${purpose}`, DurationSeconds: options.durationSeconds ?? 3600 },
          clientConfig: { region: options.region ?? env.AWS_REGION, ...(endpoint ? { endpoint } : {}) },
          ...(options.masterCredentials ? { masterCredentials: options.masterCredentials } : {}),
        });
        provider = memoizeCredentials(async () => {
          try {
            return await assume();
          } catch (error) {
            throw assumeRoleError(roleArn, error);
          }
        }, now);
        providers.set(key, provider);
      }
      return provider;
    },
  };
}

const holder = globalThis as { flightdeckAccountCredentials?: AccountCredentials };

/** One per process, configured from the environment (lib/env). */
export function accountCredentials(): AccountCredentials {
  holder.flightdeckAccountCredentials ??= createAccountCredentials();
  return holder.flightdeckAccountCredentials;
}
