import "server-only";
import { randomUUID } from "node:crypto";
import type { z } from "zod";
import { appendAudit } from "@/lib/audit/audit-log";
import { requirePermission, type Actor } from "@/lib/auth/guard";
import type { Permission } from "@/lib/auth/permissions";
import { getDb, type Db } from "@/lib/db";
import type { Prisma } from "@/lib/generated/prisma/client";
import { AppError, type FieldErrors } from "@/lib/errors";
import { toAppError } from "@/lib/db/errors";

// Every mutation, whether reached from a server action or a route handler, runs as
//   mutation(permission, ctx => { parseInput(...); changeWithAudit(ctx, ...) })
// so the order is always: who is calling → may they → is the input valid → the
// change and its audit entry in one transaction.

export type MutationContext = { actor: Actor; requestId: string; db: Db };

export async function mutation<T>(permission: Permission, work: (ctx: MutationContext) => Promise<T>): Promise<T> {
  const actor = await requirePermission(permission);
  const ctx = { actor, requestId: randomUUID(), db: getDb() };
  try {
    return await work(ctx);
  } catch (error) {
    throw toAppError(error);
  }
}

export function parseInput<S extends z.ZodType>(schema: S, raw: unknown): z.infer<S> {
  const parsed = schema.safeParse(raw);
  if (parsed.success) return parsed.data;
  const fieldErrors: FieldErrors = {};
  for (const issue of parsed.error.issues) {
    const key = issue.path.join(".") || "_form";
    (fieldErrors[key] ??= []).push(issue.message);
  }
  const summary = Object.entries(fieldErrors).map(([field, messages]) => `${field}: ${messages[0]}`).join("; ");
  throw new AppError("invalid", `Please correct the input — ${summary}`, { fieldErrors });
}

export type Change<T> = { before: unknown; after: unknown; result: T };

/** Runs the change and writes its audit entry in the same transaction: both commit or neither. */
export async function changeWithAudit<T>(
  ctx: MutationContext,
  audit: { action: string; target: string | ((result: T) => string) },
  work: (tx: Prisma.TransactionClient) => Promise<Change<T>>,
): Promise<T> {
  return ctx.db.$transaction(async (tx) => {
    const change = await work(tx);
    await appendAudit(tx, {
      actor: ctx.actor.label,
      actorRole: ctx.actor.role,
      action: audit.action,
      target: typeof audit.target === "string" ? audit.target : audit.target(change.result),
      before: change.before,
      after: change.after,
      requestId: ctx.requestId,
    });
    return change.result;
  });
}
