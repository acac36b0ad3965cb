import { CloudTrailClient } from "@aws-sdk/client-cloudtrail";
import { env } from "@/lib/env";

// The one factory for CloudTrail SDK clients. The sandbox and AWS differ only in the values
// it is given: an endpoint (AWS_ENDPOINT_URL_CLOUDTRAIL, or the local sandbox in sandbox
// mode) or none (AWS), and credentials from the SDK's default chain unless passed in.
// CloudTrail's event history is regional, so there is one client per region.

export type CloudTrailClientConfig = {
  region: string;
  /** Custom endpoint; default AWS_ENDPOINT_URL_CLOUDTRAIL, or the sandbox in sandbox mode. */
  endpoint?: string;
  credentials?: { accessKeyId: string; secretAccessKey: string; sessionToken?: string };
};

function sandboxEndpoint(): string {
  const host = env.FLIGHTDECK_SANDBOX_HOST.includes(":") ? `[${env.FLIGHTDECK_SANDBOX_HOST}]` : env.FLIGHTDECK_SANDBOX_HOST;
  return `http://${host}:${env.FLIGHTDECK_SANDBOX_PORT}`;
}

export function defaultCloudTrailEndpoint(): string | undefined {
  if (env.AWS_ENDPOINT_URL_CLOUDTRAIL) return env.AWS_ENDPOINT_URL_CLOUDTRAIL;
  return env.FLIGHTDECK_AWS_MODE === "sandbox" ? sandboxEndpoint() : undefined;
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
