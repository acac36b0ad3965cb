import { describe, expect, it } from "vitest";
import { checkLink, GENESIS_HASH, hashEntry, type ChainLink } from "./chain";

function link(seq: number, prevHash: string, after: unknown = { n: seq }): ChainLink {
  const content = {
    seq: BigInt(seq), at: new Date(Date.UTC(2026, 10, 21, 8, 0, seq)), actor: "user:a@example.com", actorRole: "admin",
    action: "service.update", target: "service:x", before: null, after, requestId: `r${seq}`,
  };
  return { ...content, prevHash, hash: hashEntry(content, prevHash) };
}

describe("audit hash chain", () => {
  const first = link(1, GENESIS_HASH);
  const second = link(2, first.hash);

  it("accepts an intact chain", () => {
    expect(checkLink(first, GENESIS_HASH, 1n)).toEqual({ ok: true });
    expect(checkLink(second, first.hash, 2n)).toEqual({ ok: true });
  });

  it("hashes key order independently (canonical JSON)", () => {
    const a = link(1, GENESIS_HASH, { x: 1, y: [1, 2] });
    const b = link(1, GENESIS_HASH, { y: [1, 2], x: 1 });
    expect(a.hash).toBe(b.hash);
  });

  it.each([
    ["changed content", { ...second, after: { n: 99 } }, first.hash, 2n, "content does not match its hash"],
    ["changed actor", { ...second, actor: "user:mallory" }, first.hash, 2n, "content does not match its hash"],
    ["broken link", second, GENESIS_HASH, 2n, "previous-hash link does not match the entry before it"],
    ["missing entry", second, first.hash, 3n, "expected entry 3, found 2"],
  ] as const)("rejects %s", (_name, entry, prev, seq, reason) => {
    expect(checkLink(entry, prev, seq)).toEqual({ ok: false, reason });
  });
});
