import "server-only";
import { getServerSession } from "next-auth";
import { headers } from "next/headers";
import { getDb } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { authenticateToken } from "./api-tokens";
import { authOptions } from "./auth-options";
import { can, type Permission, type Role } from "./permissions";

export type Actor = {
  kind: "user" | "token";
  id: string;
  /** How the audit log names this actor: "user:<email>" or "token:<name>". */
  label: string;
  name: string;
  role: Role;
};

async function bearerToken(): Promise<string | null> {
  const header = (await headers()).get("authorization");
  const match = header?.match(/^Bearer\s+(\S+)$/i);
  return match?.[1] ?? null;
}

/**
 * Who is calling: an API token from `Authorization: Bearer`, else the session user.
 * The user's role and disabled flag are read from the database on every call, so
 * revoking access takes effect at once rather than when the JWT expires.
 */
export async function currentActor(): Promise<Actor | null> {
  const token = await bearerToken(); // reads request headers first, which also keeps these pages dynamic
  const db = getDb();
  if (token) {
    const holder = await authenticateToken(db, token);
    return holder && { kind: "token", id: holder.id, label: `token:${holder.name}`, name: holder.name, role: holder.role };
  }
  const session = await getServerSession(authOptions);
  const userId = session?.user?.id;
  if (!userId) return null;
  const user = await db.user.findUnique({ where: { id: userId } });
  if (!user || user.disabled) return null;
  return { kind: "user", id: user.id, label: `user:${user.email}`, name: user.name, role: user.role };
}

/** The one server-side check: 401 when nobody is signed in, 403 when the role may not. */
export async function requirePermission(permission: Permission): Promise<Actor> {
  const actor = await currentActor();
  if (!actor) throw new AppError("unauthenticated", "Sign in first (or send an API token as `Authorization: Bearer <token>`).");
  if (!can(actor.role, permission)) {
    throw new AppError("forbidden", `Your role (${actor.role}) may not do this: it needs the "${permission}" permission.`);
  }
  return actor;
}
