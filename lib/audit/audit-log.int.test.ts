import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "@/lib/test/database";
import { appendAudit, verifyAuditChain } from "./audit-log";

describe("audit log in PostgreSQL", () => {
  let test: TestDatabase;
  beforeAll(async () => {
    test = await createTestDatabase();
  });
  afterAll(() => test?.drop());

  it("appends a gap-free chain under concurrency and verifies it", async () => {
    await Promise.all(
      Array.from({ length: 25 }, (_, i) =>
        test.db.$transaction((tx) =>
          appendAudit(tx, { actor: "user:a@example.com", actorRole: "admin", action: "test.write", target: `thing:${i}`, before: null, after: { i, at: new Date(0) }, requestId: `r${i}` }),
        ),
      ),
    );
    const seqs = (await test.db.auditEntry.findMany({ orderBy: { seq: "asc" }, select: { seq: true } })).map((e) => Number(e.seq));
    expect(seqs).toEqual(Array.from({ length: 25 }, (_, i) => i + 1));
    expect(await verifyAuditChain(test.db, 7)).toEqual({ ok: true, checked: 25 });
  });

  it("names the first entry altered in SQL", async () => {
    await test.db.$executeRaw`UPDATE audit_entry SET after = '{"i": 999}' WHERE seq = 12`;
    expect(await verifyAuditChain(test.db, 7)).toEqual({ ok: false, checked: 11, brokenAt: "12", reason: "content does not match its hash" });
  });

  it("notices a deleted entry", async () => {
    await test.db.$executeRaw`UPDATE audit_entry SET after = '{"i": 11, "at": "1970-01-01T00:00:00.000Z"}' WHERE seq = 12`;
    expect((await verifyAuditChain(test.db)).ok).toBe(true);
    await test.db.$executeRaw`DELETE FROM audit_entry WHERE seq = 5`;
    expect(await verifyAuditChain(test.db)).toMatchObject({ ok: false, brokenAt: "6", reason: "expected entry 5, found 6" });
  });
});
