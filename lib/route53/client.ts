import { Route53Client } from "@aws-sdk/client-route-53";
import { env } from "@/lib/env";

// The one factory for Route 53 SDK clients. The sandbox and AWS differ only in the values
// it is given: an endpoint (the sandbox) or none (AWS), and credentials from the SDK's
// default chain unless passed in. Route 53 is a global service signed for us-east-1.

export type Route53ClientConfig = {
  /** Custom endpoint; default AWS_ENDPOINT_URL_ROUTE_53, or the local sandbox in sandbox mode. */
  endpoint?: string;
  region?: string;
  credentials?: { accessKeyId: string; secretAccessKey: string };
};

/** Where the sandbox listens when nothing else is configured (sandbox mode only). */
function sandboxEndpoint(): string {
  const host = env.FLIGHTDECK_SANDBOX_HOST.includes(":") ? `[${env.FLIGHTDECK_SANDBOX_HOST}]` : env.FLIGHTDECK_SANDBOX_HOST;
  return `http://${host}:${env.FLIGHTDECK_SANDBOX_PORT}`;
}

export function defaultRoute53Endpoint(): string | undefined {
  if (env.AWS_ENDPOINT_URL_ROUTE_53) return env.AWS_ENDPOINT_URL_ROUTE_53;
  return env.FLIGHTDECK_AWS_MODE === "sandbox" ? sandboxEndpoint() : undefined;
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
