import { expect, test } from "@playwright/test";
import { storageStatePath, testDb } from "./support";

test.describe("admin manages services", () => {
  test.use({ storageState: storageStatePath("admin") });

  test("creates, edits and deletes a service", async ({ page }) => {
    const slug = `e2e-svc-${Date.now()}`;
    await page.goto("/inventory/services");
    await page.getByRole("link", { name: "New service" }).click();
    await page.getByLabel("Slug").fill(slug);
    await page.getByLabel("Name", { exact: true }).fill("End-to-end service");
    await page.getByLabel("CloudFront path pattern").fill("/e2e*");
    await page.getByLabel("Topology").selectOption("single_region");
    await page.getByLabel("Home region").selectOption("ap-southeast-1");
    await page.getByLabel("DNS record name").fill(`${slug}.origin.flightdeck.demo`);
    await page.getByLabel("Hosted zone id").fill("Z0FLIGHTDECKDEMO");
    await page.getByLabel("TTL (seconds)").fill("60");
    await page.getByRole("button", { name: "Create service" }).click();

    await expect(page.getByRole("status").filter({ hasText: "Service created." })).toBeVisible();
    await page.getByRole("link", { name: slug }).click();
    await page.getByLabel("Name", { exact: true }).fill("Renamed service");
    await page.getByRole("button", { name: "Save changes" }).click();
    await expect(page.getByTestId("form-ok")).toHaveText("Saved.");
    expect((await testDb().service.findUnique({ where: { slug } }))?.name).toBe("Renamed service");

    page.once("dialog", (dialog) => void dialog.accept());
    await page.getByRole("button", { name: "Delete" }).click();
    await expect(page.getByRole("status").filter({ hasText: "Service deleted." })).toBeVisible();
    expect(await testDb().service.findUnique({ where: { slug } })).toBeNull();

    const actions = await testDb().auditEntry.findMany({ where: { target: `service:${slug}` }, orderBy: { seq: "asc" } });
    expect(actions.map((a) => a.action)).toEqual(["inventory.services.create", "inventory.services.update", "inventory.services.delete"]);
  });

  test("bad input shows field errors and writes nothing", async ({ page }) => {
    const before = await testDb().service.count();
    await page.goto("/inventory/services/new");
    await page.getByLabel("Slug").fill("Not A Slug!");
    await page.getByLabel("CloudFront path pattern").fill("no-leading-slash");
    await page.getByLabel("TTL (seconds)").fill("soon");
    await page.getByRole("button", { name: "Create service" }).click();

    await expect(page.getByTestId("form-error")).toBeVisible();
    await expect(page.getByTestId("error-slug")).toContainText("lower-case letters");
    await expect(page.getByTestId("error-pathPattern")).toContainText("starts with /");
    await expect(page.getByTestId("error-ttl")).toContainText("must be a number");
    await expect(page.getByTestId("error-name")).toContainText("Name is required");
    await expect(page.getByLabel("Slug")).toHaveValue("Not A Slug!"); // what was typed is kept
    expect(await testDb().service.count()).toBe(before);
  });
});

test.describe("others read the inventory", () => {
  test.use({ storageState: storageStatePath("operator") });
  test("an operator sees services read-only", async ({ page }) => {
    await page.goto("/inventory/services");
    await expect(page.getByTestId("inventory-table")).toContainText("metasearch-flights");
    await expect(page.getByRole("link", { name: "New service" })).toHaveCount(0);
    await page.getByRole("link", { name: "metasearch-flights" }).click();
    await expect(page.getByText("Read-only: only admins change the inventory.")).toBeVisible();
    await expect(page.getByRole("button", { name: "Save changes" })).toHaveCount(0);
  });
});
