import { createHash, randomBytes } from "node:crypto";
import type { Db } from "@/lib/db/client";
import type { Role } from "./permissions";

const PREFIX = "fdk_";

export function hashToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

/** Creates a token; the plain value is returned once and only its hash is stored. */
export async function createApiToken(
  db: Pick<Db, "apiToken">,
  input: { name: string; role: Role; createdById?: string | null },
): Promise<{ id: string; token: string; prefix: string }> {
  const token = PREFIX + randomBytes(32).toString("base64url");
  const prefix = token.slice(0, PREFIX.length + 6);
  const row = await db.apiToken.create({
    data: { name: input.name, role: input.role, tokenHash: hashToken(token), prefix, createdById: input.createdById ?? null },
  });
  return { id: row.id, token, prefix };
}

export type TokenActor = { id: string; name: string; role: Role };

/** The token's holder, or null for an unknown or revoked token. Records the time of use. */
export async function authenticateToken(db: Db, token: string): Promise<TokenActor | null> {
  if (!token.startsWith(PREFIX)) return null;
  const row = await db.apiToken.findUnique({ where: { tokenHash: hashToken(token) } });
  if (!row || row.revokedAt) return null;
  // Last-used is informational; a minute's resolution keeps the write rate low.
  if (!row.lastUsedAt || Date.now() - row.lastUsedAt.getTime() > 60_000) {
    await db.apiToken.update({ where: { id: row.id }, data: { lastUsedAt: new Date() } });
  }
  return { id: row.id, name: row.name, role: row.role };
}
