import "server-only";
import { z } from "zod";
import { createApiToken } from "@/lib/auth/api-tokens";
import { hashPassword } from "@/lib/auth/password";
import { roles } from "@/lib/auth/permissions";
import { AppError } from "@/lib/errors";
import { changeWithAudit, mutation, parseInput } from "@/lib/mutations/mutation";

const role = z.enum(roles, { error: "Choose a role: manager, operator, auditor or admin" });
const checkbox = z.preprocess((v) => v === true || v === "on" || v === "true", z.boolean());

const newUser = z.object({
  email: z.string({ error: "Email is required" }).trim().toLowerCase().email("Enter an email address"),
  name: z.string({ error: "Name is required" }).trim().min(1, "Name is required").max(100),
  role,
  password: z.string({ error: "Password is required" }).min(12, "Use at least 12 characters"),
});

const userChange = z.object({
  role,
  disabled: checkbox.default(false),
  password: z.preprocess((v) => (v === "" ? undefined : v), z.string().min(12, "Use at least 12 characters").optional()),
});

const newToken = z.object({
  name: z.string({ error: "Name is required" }).trim().min(1, "Name is required").max(100),
  role,
});

const publicUser = (u: { id: string; email: string; name: string; role: string; disabled: boolean }) =>
  ({ id: u.id, email: u.email, name: u.name, role: u.role, disabled: u.disabled });

export function createUser(raw: unknown) {
  return mutation("users:manage", async (ctx) => {
    const input = parseInput(newUser, raw);
    const passwordHash = await hashPassword(input.password);
    return changeWithAudit(ctx, { action: "user.create", target: `user:${input.email}` }, async (tx) => {
      const user = publicUser(await tx.user.create({ data: { email: input.email, name: input.name, role: input.role, passwordHash } }));
      return { before: null, after: user, result: user };
    });
  });
}

export function updateUser(id: string, raw: unknown) {
  return mutation("users:manage", async (ctx) => {
    const input = parseInput(userChange, raw);
    const current = await ctx.db.user.findUnique({ where: { id } });
    if (!current) throw new AppError("not_found", "That user no longer exists.");
    if (current.id === ctx.actor.id && (input.role !== "admin" || input.disabled)) {
      throw new AppError("conflict", "You cannot remove your own admin role or disable yourself; ask another admin.", { fieldErrors: { role: ["Not for your own account"] } });
    }
    const passwordHash = input.password ? await hashPassword(input.password) : undefined;
    return changeWithAudit(ctx, { action: "user.update", target: `user:${current.email}` }, async (tx) => {
      const after = publicUser(await tx.user.update({ where: { id }, data: { role: input.role, disabled: input.disabled, passwordHash } }));
      return { before: publicUser(current), after: { ...after, passwordChanged: Boolean(passwordHash) }, result: after };
    });
  });
}

export function createToken(raw: unknown) {
  return mutation("tokens:manage", async (ctx) => {
    const input = parseInput(newToken, raw);
    return changeWithAudit(ctx, { action: "token.create", target: `token:${input.name}` }, async (tx) => {
      const created = await createApiToken(tx, { ...input, createdById: ctx.actor.kind === "user" ? ctx.actor.id : null });
      return { before: null, after: { id: created.id, name: input.name, role: input.role, prefix: created.prefix }, result: created };
    });
  });
}

export function revokeToken(id: string) {
  return mutation("tokens:manage", async (ctx) => {
    const current = await ctx.db.apiToken.findUnique({ where: { id } });
    if (!current) throw new AppError("not_found", "That token no longer exists.");
    if (current.revokedAt) throw new AppError("conflict", "That token is already revoked.");
    await changeWithAudit(ctx, { action: "token.revoke", target: `token:${current.name}` }, async (tx) => {
      await tx.apiToken.update({ where: { id }, data: { revokedAt: new Date() } });
      return { before: { revokedAt: null }, after: { revokedAt: new Date() }, result: undefined };
    });
  });
}
