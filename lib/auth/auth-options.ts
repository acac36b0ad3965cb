import "server-only";
import type { NextAuthOptions } from "next-auth";
import CredentialsModule from "next-auth/providers/credentials";
import type { OAuthConfig } from "next-auth/providers/oauth";
import { z } from "zod";
import { appendAudit } from "@/lib/audit/audit-log";
import { getDb } from "@/lib/db";
import { env } from "@/lib/env";
import { parseRoleMap, roleFromClaims } from "./oidc-roles";
import { verifyPassword } from "./password";
import { isRole, type Role } from "./permissions";

// next-auth's providers are CommonJS: bundled by Next the default import is the function,
// under plain Node (worker, scripts importing shared modules) it arrives as { default }.
const CredentialsProvider = ((CredentialsModule as unknown as { default?: typeof CredentialsModule }).default ?? CredentialsModule);

const credentials = z.object({ email: z.string().trim().toLowerCase().email(), password: z.string().min(1) });

type OidcProfile = Record<string, unknown> & { sub: string; email?: string; name?: string };

function oidcProvider(): OAuthConfig<OidcProfile> | null {
  if (!env.OIDC_ISSUER || !env.OIDC_CLIENT_ID || !env.OIDC_CLIENT_SECRET) return null;
  return {
    id: "oidc",
    name: env.OIDC_NAME,
    type: "oauth",
    wellKnown: `${env.OIDC_ISSUER.replace(/\/$/, "")}/.well-known/openid-configuration`,
    clientId: env.OIDC_CLIENT_ID,
    clientSecret: env.OIDC_CLIENT_SECRET,
    authorization: { params: { scope: "openid email profile" } },
    idToken: true,
    checks: ["pkce", "state"],
    profile: (profile) => ({ id: profile.sub, email: profile.email ?? null, name: profile.name ?? profile.email ?? profile.sub }),
  };
}

const roleMap = parseRoleMap(env.OIDC_ROLE_MAP);

/** Creates or updates the local record of an OIDC user; the claim mapping decides the role at every sign-in. */
async function upsertOidcUser(profile: OidcProfile): Promise<{ id: string; role: Role } | null> {
  const role = roleFromClaims(profile, env.OIDC_ROLE_CLAIM, roleMap, env.OIDC_DEFAULT_ROLE);
  const email = profile.email?.toLowerCase();
  if (!role || !email) return null;
  const user = await getDb().user.upsert({
    where: { email },
    create: { email, name: profile.name ?? email, role, lastLoginAt: new Date() },
    update: { role, lastLoginAt: new Date() },
  });
  return user.disabled ? null : { id: user.id, role };
}

export const authOptions: NextAuthOptions = {
  secret: env.NEXTAUTH_SECRET,
  session: { strategy: "jwt", maxAge: 12 * 60 * 60 },
  pages: { signIn: "/login", error: "/login" },
  providers: [
    CredentialsProvider({
      name: "Email and password",
      credentials: { email: { label: "Email", type: "email" }, password: { label: "Password", type: "password" } },
      async authorize(input) {
        const parsed = credentials.safeParse(input);
        if (!parsed.success) return null;
        const db = getDb();
        const user = await db.user.findUnique({ where: { email: parsed.data.email } });
        if (!user?.passwordHash || user.disabled) return null;
        if (!(await verifyPassword(user.passwordHash, parsed.data.password))) return null;
        await db.user.update({ where: { id: user.id }, data: { lastLoginAt: new Date() } });
        return { id: user.id, email: user.email, name: user.name, role: user.role };
      },
    }),
    ...[oidcProvider()].filter((p) => p !== null),
  ],
  callbacks: {
    async signIn({ user, account, profile }) {
      if (account?.provider !== "oidc") return true;
      const local = profile ? await upsertOidcUser(profile as OidcProfile) : null;
      if (!local) return "/login?error=NoRole";
      user.id = local.id;
      user.role = local.role;
      return true;
    },
    jwt({ token, user }) {
      if (user) {
        token.uid = user.id;
        if (isRole(user.role)) token.role = user.role;
      }
      return token;
    },
    session({ session, token }) {
      if (session.user) {
        session.user.id = token.uid;
        session.user.role = token.role;
      }
      return session;
    },
  },
  events: {
    async signIn({ user, account }) {
      await getDb().$transaction((tx) =>
        appendAudit(tx, {
          actor: `user:${user.email ?? user.id}`,
          actorRole: isRole(user.role) ? user.role : null,
          action: "auth.login",
          target: `user:${user.email ?? user.id}`,
          after: { provider: account?.provider ?? "credentials" },
          requestId: crypto.randomUUID(),
        }),
      );
    },
  },
};
