import { spawn, type ChildProcess } from "node:child_process";
import type { Server } from "node:http";
import path from "node:path";
import { expect, test } from "@playwright/test";
import Provider from "oidc-provider";
import { freePort } from "@/lib/db/embedded";
import { readFileSync } from "node:fs";

// Single sign-on end to end: a real OpenID Connect provider (panva's oidc-provider, with
// its development login pages) and a second Flightdeck web server from the same build,
// configured for it only through environment variables, as an operator would.

const groups: Record<string, string[]> = { alice: ["staff", "sre"], bob: ["marketing"] };

let idp: Server;
let web: ChildProcess;
let webUrl = "";

test.beforeAll(async () => {
  const idpPort = await freePort(0);
  const webPort = await freePort(0);
  webUrl = `http://localhost:${webPort}`;
  const provider = new Provider(`http://127.0.0.1:${idpPort}`, {
    clients: [{ client_id: "flightdeck", client_secret: "e2e-secret", redirect_uris: [`${webUrl}/api/auth/callback/oidc`] }],
    claims: { openid: ["sub"], email: ["email"], profile: ["name", "groups"] },
    conformIdTokenClaims: false, // put the requested claims in the ID token, where next-auth reads them
    findAccount: (_ctx, id) => ({
      accountId: id,
      claims: () => ({ sub: id, email: `${id}@sso.example`, name: `SSO ${id}`, groups: groups[id] ?? [] }),
    }),
    features: { devInteractions: { enabled: true } },
  });
  idp = provider.listen(idpPort);

  web = spawn(path.resolve("node_modules/.bin/next"), ["start", "-p", String(webPort)], {
    stdio: "ignore",
    env: {
      ...process.env,
      DATABASE_URL: readFileSync(path.resolve(".data/e2e/database-url"), "utf8").trim(),
      NEXTAUTH_URL: webUrl,
      NEXTAUTH_SECRET: "oidc-e2e-secret-0123456789abcdef",
      NEXT_TELEMETRY_DISABLED: "1",
      OIDC_ISSUER: `http://127.0.0.1:${idpPort}`,
      OIDC_CLIENT_ID: "flightdeck",
      OIDC_CLIENT_SECRET: "e2e-secret",
      OIDC_NAME: "Test IdP",
      OIDC_ROLE_MAP: "sre=operator,platform-admins=admin",
    },
  });
  await expect.poll(async () => (await fetch(`${webUrl}/api/health`).catch(() => null))?.status, { timeout: 30_000 }).toBe(200);
});

test.afterAll(() => {
  web?.kill("SIGTERM");
  idp?.close();
});

async function signInThroughIdp(page: import("@playwright/test").Page, login: string) {
  await page.goto(`${webUrl}/login`);
  await page.getByRole("button", { name: "Sign in with Test IdP" }).click();
  await page.locator('input[name="login"]').fill(login);
  await page.locator('input[name="password"]').fill("anything");
  await page.locator('button[type="submit"]').click();
  await page.getByRole("button", { name: "Continue" }).click();
}

test("a user whose group maps to operator signs in as operator", async ({ page }) => {
  await signInThroughIdp(page, "alice");
  await expect(page.getByTestId("role")).toHaveText("operator");
  await expect(page.getByTestId("who")).toContainText("SSO alice");
});

test("a user whose groups map to no role is refused with a reason", async ({ page }) => {
  await signInThroughIdp(page, "bob");
  await expect(page).toHaveURL(/\/login\?error=NoRole/);
  await expect(page.getByTestId("login-error")).toContainText("no Flightdeck role");
});
