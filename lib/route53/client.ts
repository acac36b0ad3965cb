import { Route53Client } from "@aws-sdk/client-route-53";
import type { AwsCredentials, CredentialsProvider } from "@/lib/aws/account-credentials";
import { serviceEndpoint } from "@/lib/aws/endpoints";
import { env } from "@/lib/env";

// The one factory for Route 53 SDK clients. The sandbox and AWS differ only in the values
// it is given: an endpoint (the sandbox) or none (AWS), and credentials from the SDK's
// default chain unless passed in (an inventory account's assumed role:
// lib/aws/account-credentials.ts). Route 53 is a global service signed for us-east-1.

export type Route53ClientConfig = {
  /** Custom endpoint; default AWS_ENDPOINT_URL_ROUTE_53, or the local sandbox in sandbox mode. */
  endpoint?: string;
  region?: string;
  /** Fixed keys, or a provider such as an account's assumed role; default: the SDK's default chain. */
  credentials?: AwsCredentials | CredentialsProvider;
};

export function defaultRoute53Endpoint(): string | undefined {
  return serviceEndpoint(env.AWS_ENDPOINT_URL_ROUTE_53);
}

export function createRoute53Client(config: Route53ClientConfig = {}): Route53Client {
  const endpoint = config.endpoint ?? defaultRoute53Endpoint();
  return new Route53Client({
    region: config.region ?? env.AWS_REGION,
    ...(endpoint ? { endpoint } : {}),
    ...(config.credentials ? { credentials: config.credentials } : {}),
    // lib/route53/retry.ts is the only retry policy: it knows which calls are idempotent.
    maxAttempts: 1,
  });
}
