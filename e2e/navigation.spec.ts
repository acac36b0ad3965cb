import { expect, test } from "@playwright/test";
import { logIn, roles, storageStatePath } from "./support";

const watcherNav = ["Dashboard", "Services", "Topology", "Replication", "Inventory"];
const expectedNav = {
  manager: watcherNav,
  operator: watcherNav,
  auditor: ["Change history", "Audit log", "Inventory"],
  admin: ["Dashboard", "Services", "Topology", "Replication", "Change history", "Audit log", "Inventory", "Users", "API tokens"],
} as const;

test.describe("each demo role signs in and sees its navigation", () => {
  for (const role of roles) {
    test(role, async ({ page }) => {
      await logIn(page, role);
      await expect(page.getByTestId("demo-banner")).toBeVisible();
      await expect(page.getByRole("navigation", { name: "Main" }).getByRole("link")).toHaveText([...expectedNav[role]]);
    });
  }
});

test("a wrong password is refused with a message", async ({ page }) => {
  await page.goto("/login");
  await page.getByLabel("Email").fill("admin@flightdeck.demo");
  await page.getByLabel("Password").fill("not-the-password");
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await expect(page.getByTestId("login-error")).toContainText("Wrong email or password");
  await expect(page).toHaveURL(/\/login/);
});

test.describe("pages outside a role", () => {
  test.use({ storageState: storageStatePath("manager") });
  test("a manager opening the users page gets a 403 page", async ({ page }) => {
    const response = await page.goto("/admin/users");
    expect(response?.status()).toBe(403);
    await expect(page.getByRole("heading", { name: "Not for your role" })).toBeVisible();
  });
});

test("signed-out visitors are sent to the login page", async ({ page }) => {
  await page.goto("/inventory/services");
  await expect(page).toHaveURL(/\/login\?callbackUrl=%2Finventory%2Fservices/);
});
