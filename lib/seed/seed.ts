import { randomBytes } from "node:crypto";
import { hashPassword } from "@/lib/auth/password";
import { roles, type Role } from "@/lib/auth/permissions";
import type { Db } from "@/lib/db/client";
import { demoEmail, demoPassword } from "@/lib/seed/demo-logins";
import { DEMO_HOSTED_ZONE, demoAccount, demoBespokeElbs, demoRedis, demoRegions, demoServices, demoSharedProxies } from "./demo-estate";

// Idempotent: every row is found by its natural key and created only when missing,
// so running the seed again (every demo start does) never duplicates or overwrites edits.

export async function seedDemoEstate(db: Db, options: { heartbeatBasePort: number; redisUrls?: Record<string, string> }): Promise<void> {
  const account = await db.awsAccount.upsert({ where: { accountId: demoAccount.accountId }, create: demoAccount, update: {} });
  for (const region of demoRegions) await db.region.upsert({ where: { code: region.code }, create: region, update: {} });

  const home = demoRegions[0]!.code;
  const services = new Map<string, string>();
  for (const s of demoServices) {
    const row = await db.service.upsert({
      where: { slug: s.slug },
      create: { ...s, homeRegionCode: home, awsAccountId: account.id, hostedZoneId: DEMO_HOSTED_ZONE, ttl: 60 },
      update: {},
    });
    services.set(s.slug, row.id);
  }

  for (const proxy of demoSharedProxies) {
    await db.loadBalancer.upsert({ where: { dnsName: proxy.dnsName }, create: { ...proxy, kind: "shared_proxy" }, update: {} });
  }
  for (const elb of demoBespokeElbs(options.heartbeatBasePort)) {
    const lb = await db.loadBalancer.upsert({
      where: { dnsName: elb.dnsName },
      create: { name: elb.name, regionCode: elb.regionCode, dnsName: elb.dnsName, kind: "bespoke_heartbeat", serviceId: services.get("metasearch-flights"), heartbeatUrl: elb.heartbeatUrl },
      update: {},
    });
    if ((await db.healthCheck.count({ where: { loadBalancerId: lb.id } })) === 0) {
      await db.healthCheck.create({ data: { loadBalancerId: lb.id, path: "/heartbeat", intervalSeconds: 10, failureThreshold: 3 } });
    }
  }

  for (const r of demoRedis) {
    const url = options.redisUrls?.[r.name] ?? "redis://127.0.0.1:6379";
    await db.redisEndpoint.upsert({ where: { name: r.name }, create: { ...r, url }, update: options.redisUrls?.[r.name] ? { url } : {} });
  }
}

export async function seedDemoUsers(db: Db): Promise<void> {
  for (const role of roles) {
    const email = demoEmail(role);
    if (await db.user.findUnique({ where: { email } })) continue;
    await db.user.create({ data: { email, name: `Demo ${role}`, role, passwordHash: await hashPassword(demoPassword(role)) } });
  }
}

/**
 * Makes sure someone can sign in as admin: the configured first admin (created, or its
 * password reset to the configured one), else — when there is no admin at all — a
 * generated one whose password is returned so the caller can print it once.
 */
export async function ensureFirstAdmin(db: Db, configured?: { email?: string; password?: string }): Promise<{ email: string; password?: string } | null> {
  if (configured?.email && configured.password) {
    const email = configured.email.toLowerCase();
    const passwordHash = await hashPassword(configured.password);
    await db.user.upsert({ where: { email }, create: { email, name: "Administrator", role: "admin", passwordHash }, update: { role: "admin", passwordHash, disabled: false } });
    return { email };
  }
  if (await db.user.count({ where: { role: "admin" as Role, disabled: false } })) return null;
  const password = randomBytes(12).toString("base64url");
  const email = "admin@flightdeck.local";
  await db.user.upsert({ where: { email }, create: { email, name: "Administrator", role: "admin", passwordHash: await hashPassword(password) }, update: { passwordHash: await hashPassword(password), role: "admin", disabled: false } });
  return { email, password };
}
