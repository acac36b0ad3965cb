import { randomBytes, randomUUID } from "node:crypto";

// Identifier formats copied from what Route 53 hands out, so code that parses or displays
// them (prefix stripping, length limits) meets the same shapes as on AWS.

const ALPHANUMERIC = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ";

function randomAlphanumeric(length: number): string {
  const bytes = randomBytes(length);
  let out = "";
  for (const byte of bytes) out += ALPHANUMERIC[byte % ALPHANUMERIC.length];
  return out;
}

/** Hosted zone ids look like Z0478313AB6UUYYPKPZ7 (no /hostedzone/ prefix stored). */
export const newHostedZoneId = (): string => `Z${randomAlphanumeric(20)}`;

/** Change ids look like C2682N5HXP0BZ4 (no /change/ prefix stored). */
export const newChangeId = (): string => `C${randomAlphanumeric(20)}`;

/** Traffic policies, instances and health checks use UUIDs (36 characters). */
export const newUuid = (): string => randomUUID();

export const newRequestId = (): string => randomUUID();
