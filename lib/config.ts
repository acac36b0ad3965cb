import { env } from "@/lib/env";

/** Demo mode: on when asked for, or by default whenever Flightdeck runs on its embedded database. */
export const demoMode = env.FLIGHTDECK_DEMO ?? false;

export const oidcEnabled = Boolean(env.OIDC_ISSUER && env.OIDC_CLIENT_ID && env.OIDC_CLIENT_SECRET);
export const oidcName = env.OIDC_NAME;

export { demoEmail, demoPassword } from "@/lib/seed/demo-logins";
