import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { authenticateToken } from "@/lib/auth/api-tokens";
import { createTestDatabase, type TestDatabase } from "@/lib/test/database";
import { runScript } from "@/lib/test/run-script";

// `npm run token` as a person runs it: a token on the last line, stored and audited; a
// wrong invocation gets the usage and exit code 2, never a stack trace.

let test: TestDatabase;

const token = (args: string[]) => runScript("scripts/token.ts", args, test.url);

beforeAll(async () => {
  test = await createTestDatabase();
});
afterAll(async () => {
  await test?.drop();
});

describe("npm run token", () => {
  it("prints a working token on its last line and audits it", async () => {
    const result = await token(["--role", "auditor", "--name", "ci-export"]);
    expect(result.code).toBe(0);
    const secret = result.stdout.trim().split("\n").pop() as string;
    expect(await authenticateToken(test.db, secret)).toMatchObject({ name: "ci-export", role: "auditor" });
    expect(await test.db.auditEntry.findFirst({ where: { action: "token.create" } })).toMatchObject({ actor: "system:cli", target: "token:ci-export" });
  });

  for (const args of [["--help"], ["--role"], ["--role", "root", "--name", "x"], ["--role", "admin"]]) {
    it(`refuses ${args.join(" ")} with the usage`, async () => {
      const result = await token(args);
      expect(result.code).toBe(2);
      expect(result.stderr).toContain("usage: npm run token -- --role <manager|operator|auditor|admin> --name <name>");
      expect(result.stderr).not.toMatch(/\n\s+at /);
    });
  }
});
