import { CloudTrailClient } from "@aws-sdk/client-cloudtrail";
import type { AwsCredentials, CredentialsProvider } from "@/lib/aws/account-credentials";
import { serviceEndpoint } from "@/lib/aws/endpoints";
import { env } from "@/lib/env";

// The one factory for CloudTrail SDK clients. The sandbox and AWS differ only in the values
// it is given: an endpoint (AWS_ENDPOINT_URL_CLOUDTRAIL, or the local sandbox in sandbox
// mode) or none (AWS), and credentials from the SDK's default chain unless passed in (an
// inventory account's assumed role: lib/aws/account-credentials.ts).
// CloudTrail's event history is regional, so there is one client per region.

export type CloudTrailClientConfig = {
  region: string;
  /** Custom endpoint; default AWS_ENDPOINT_URL_CLOUDTRAIL, or the sandbox in sandbox mode. */
  endpoint?: string;
  /** Fixed keys, or a provider such as an account's assumed role; default: the SDK's default chain. */
  credentials?: AwsCredentials | CredentialsProvider;
};

export function defaultCloudTrailEndpoint(): string | undefined {
  return serviceEndpoint(env.AWS_ENDPOINT_URL_CLOUDTRAIL);
}

export function createCloudTrailClient(config: CloudTrailClientConfig): CloudTrailClient {
  const endpoint = config.endpoint ?? defaultCloudTrailEndpoint();
  return new CloudTrailClient({
    region: config.region,
    ...(endpoint ? { endpoint } : {}),
    ...(config.credentials ? { credentials: config.credentials } : {}),
    // lookup-page.ts is the only retry policy: it paces requests to LookupEvents' 2/s and
    // backs off on ThrottlingException, which the SDK's own retries would fight with.
    maxAttempts: 1,
  });
}
