import { env } from "@/lib/env";

// Where Flightdeck's AWS clients send their requests. One rule for every service: the
// service's own AWS_ENDPOINT_URL_<SERVICE> if set, else the local sandbox in sandbox mode,
// else nothing (the SDK's regional AWS endpoint).

/** Where the sandbox listens when nothing else is configured (sandbox mode only). */
export function sandboxEndpoint(): string {
  const host = env.FLIGHTDECK_SANDBOX_HOST.includes(":") ? `[${env.FLIGHTDECK_SANDBOX_HOST}]` : env.FLIGHTDECK_SANDBOX_HOST;
  return `http://${host}:${env.FLIGHTDECK_SANDBOX_PORT}`;
}

/** The endpoint for a service given its configured override (AWS_ENDPOINT_URL_<SERVICE>). */
export function serviceEndpoint(configured: string | undefined): string | undefined {
  if (configured) return configured;
  return env.FLIGHTDECK_AWS_MODE === "sandbox" ? sandboxEndpoint() : undefined;
}
