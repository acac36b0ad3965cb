import { readFileSync } from "node:fs";
import path from "node:path";
import { expect, type Page } from "@playwright/test";
import { createDb, type Db } from "@/lib/db/client";
import { createApiToken } from "@/lib/auth/api-tokens";
import type { Role } from "@/lib/auth/permissions";
import { demoEmail, demoPassword } from "@/lib/seed/demo-logins";

export const roles: Role[] = ["manager", "operator", "auditor", "admin"];

export const storageStatePath = (role: Role) => path.resolve("e2e/.auth", `${role}.json`);

let db: Db | undefined;

/** The same database the server under test uses (e2e-server.ts writes its URL). */
export function testDb(): Db {
  db ??= createDb(readFileSync(path.resolve(".data/e2e/database-url"), "utf8").trim(), { max: 2 });
  return db;
}

export async function tokenFor(role: Role): Promise<string> {
  const { token } = await createApiToken(testDb(), { name: `e2e-${role}-${Date.now()}`, role });
  return token;
}

export async function logIn(page: Page, role: Role): Promise<void> {
  await page.goto("/login");
  await page.getByLabel("Email").fill(demoEmail(role));
  await page.getByLabel("Password").fill(demoPassword(role));
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await expect(page.getByTestId("role")).toHaveText(role);
}
