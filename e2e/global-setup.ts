import { mkdirSync } from "node:fs";
import path from "node:path";
import { chromium, type FullConfig } from "@playwright/test";
import { logIn, roles, storageStatePath } from "./support";

// Logs in once per demo role through the real login form and keeps the session
// cookies, so tests start signed in as whoever they need.
export default async function globalSetup(config: FullConfig): Promise<void> {
  const use = config.projects[0]!.use;
  mkdirSync(path.resolve("e2e/.auth"), { recursive: true });
  const browser = await chromium.launch(use.launchOptions);
  for (const role of roles) {
    const page = await browser.newPage({ baseURL: use.baseURL });
    await logIn(page, role);
    await page.context().storageState({ path: storageStatePath(role) });
    await page.close();
  }
  await browser.close();
}
