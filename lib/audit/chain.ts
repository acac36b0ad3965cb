import { createHash } from "node:crypto";
import canonicalize from "canonicalize";

// Pure: the canonical form of an audit entry and its hash. Each entry's hash covers
// its content and the previous entry's hash, so changing, removing or reordering any
// entry breaks every link after it.

export const GENESIS_HASH = "0".repeat(64);

export type AuditContent = {
  seq: bigint;
  at: Date;
  actor: string;
  actorRole: string | null;
  action: string;
  target: string;
  before: unknown;
  after: unknown;
  requestId: string;
};

/** JSON values as jsonb will give them back (dates as ISO strings, undefined dropped). */
export function toJsonValue(value: unknown): unknown {
  return value === undefined ? null : JSON.parse(JSON.stringify(value));
}

export function canonicalForm(entry: AuditContent, prevHash: string): string {
  const text = canonicalize({
    seq: entry.seq.toString(),
    at: entry.at.toISOString(),
    actor: entry.actor,
    actorRole: entry.actorRole,
    action: entry.action,
    target: entry.target,
    before: toJsonValue(entry.before),
    after: toJsonValue(entry.after),
    requestId: entry.requestId,
    prevHash,
  });
  if (text === undefined) throw new Error("audit entry cannot be canonicalized");
  return text;
}

export function hashEntry(entry: AuditContent, prevHash: string): string {
  return createHash("sha256").update(canonicalForm(entry, prevHash)).digest("hex");
}

export type ChainLink = AuditContent & { prevHash: string; hash: string };

export type ChainCheck = { ok: true } | { ok: false; reason: string };

/** Checks one link given the hash of the entry before it (GENESIS_HASH for the first). */
export function checkLink(link: ChainLink, expectedPrevHash: string, expectedSeq: bigint): ChainCheck {
  if (link.seq !== expectedSeq) return { ok: false, reason: `expected entry ${expectedSeq}, found ${link.seq}` };
  if (link.prevHash !== expectedPrevHash) return { ok: false, reason: "previous-hash link does not match the entry before it" };
  if (hashEntry(link, link.prevHash) !== link.hash) return { ok: false, reason: "content does not match its hash" };
  return { ok: true };
}
