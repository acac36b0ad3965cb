import type { AccountCredentials, AwsAccountRef, CredentialsProvider } from "@/lib/aws/account-credentials";

// Route 53 as each inventory account sees it. An account without a role (or no account at
// all) is reached with Flightdeck's own credentials, through one shared adapter; an account
// with a role through an adapter of its own, signed with that role's assumed session.
// Route 53's rate limit is per account, so separate adapters per role cost nothing.

/** Picks the adapter for an account; null: Flightdeck's own credentials. */
export type Route53ForAccount<Api> = (account: AwsAccountRef | null) => Api;

export function route53ForAccounts<Api>(own: Api, credentials: AccountCredentials, assumed: (credentials: CredentialsProvider) => Api): Route53ForAccount<Api> {
  const byRole = new Map<string, Api>();
  return (account) => {
    const provider = account ? credentials.forAccount(account, "route53") : undefined;
    if (!account?.assumeRoleArn || !provider) return own;
    let api = byRole.get(account.assumeRoleArn);
    if (!api) byRole.set(account.assumeRoleArn, (api = assumed(provider)));
    return api;
  };
}
