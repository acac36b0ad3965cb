import type { Db } from "@/lib/db/client";
import { Prisma } from "@/lib/generated/prisma/client";
import { checkLink, GENESIS_HASH, hashEntry, toJsonValue } from "./chain";

type Tx = Prisma.TransactionClient;

export type AuditInput = {
  actor: string;
  actorRole?: string | null;
  action: string;
  target: string;
  before?: unknown;
  after?: unknown;
  requestId: string;
};

// Appends serialize on this lock so sequence numbers and links never fork.
const AUDIT_LOCK_KEY = 7_216_905_312;

function json(value: unknown): Prisma.InputJsonValue | typeof Prisma.DbNull {
  return value === null ? Prisma.DbNull : (value as Prisma.InputJsonValue);
}

/** Appends one entry inside the caller's transaction, so the entry and the change commit together. */
export async function appendAudit(tx: Tx, input: AuditInput): Promise<{ seq: bigint; hash: string }> {
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(${AUDIT_LOCK_KEY}::bigint)`;
  const last = await tx.auditEntry.findFirst({ orderBy: { seq: "desc" }, select: { seq: true, hash: true } });
  const content = {
    seq: (last?.seq ?? 0n) + 1n,
    at: new Date(),
    actor: input.actor,
    actorRole: input.actorRole ?? null,
    action: input.action,
    target: input.target,
    before: toJsonValue(input.before),
    after: toJsonValue(input.after),
    requestId: input.requestId,
  };
  const prevHash = last?.hash ?? GENESIS_HASH;
  const hash = hashEntry(content, prevHash);
  await tx.auditEntry.create({ data: { ...content, before: json(content.before), after: json(content.after), prevHash, hash } });
  return { seq: content.seq, hash };
}

export type VerifyResult =
  | { ok: true; checked: number }
  | { ok: false; checked: number; brokenAt: string; reason: string };

/** Walks the whole chain in order, in pages, and names the first entry that does not hold. */
export async function verifyAuditChain(db: Db, pageSize = 2000): Promise<VerifyResult> {
  let prevHash = GENESIS_HASH;
  let expectedSeq = 1n;
  let checked = 0;
  for (;;) {
    const page = await db.auditEntry.findMany({ where: { seq: { gte: expectedSeq } }, orderBy: { seq: "asc" }, take: pageSize });
    for (const row of page) {
      const result = checkLink(row, prevHash, expectedSeq);
      if (!result.ok) return { ok: false, checked, brokenAt: row.seq.toString(), reason: result.reason };
      prevHash = row.hash;
      expectedSeq += 1n;
      checked += 1;
    }
    if (page.length < pageSize) return { ok: true, checked };
  }
}
