import { expect, request as playwrightRequest, test, type Page } from "@playwright/test";
import { baseURL } from "../playwright.config";
import { storageStatePath, testDb, tokenFor } from "./support";
import { FLIGHTS, makeOutsideChange, otherPercent, rollbackTarget, setCluster, trafficState } from "./traffic-support";

// Traffic control end to end, against the sandbox the e2e server starts (change delay 200 ms,
// fast health checks): the slider, the diff, publishing to Applied, rollback, the manager's
// view, drift adoption and a regional failover.

const page$ = `/services/${FLIGHTS}`;

async function openService(page: Page): Promise<void> {
  await page.goto(page$);
  await expect(page.getByTestId("topology")).toBeVisible();
}

/** Drags the slider's thumb with the mouse to roughly `target` percent. */
async function dragSlider(page: Page, target: number): Promise<number> {
  const slider = page.getByTestId("split-slider");
  await slider.scrollIntoViewIfNeeded();
  const box = (await slider.boundingBox())!;
  const current = Number(await slider.inputValue());
  const xOf = (p: number) => box.x + 8 + ((box.width - 16) * p) / 100;
  await page.mouse.move(xOf(current), box.y + box.height / 2);
  await page.mouse.down();
  await page.mouse.move(xOf((current + target) / 2), box.y + box.height / 2, { steps: 5 });
  await page.mouse.move(xOf(target), box.y + box.height / 2, { steps: 5 });
  await page.mouse.up();
  return Number(await slider.inputValue());
}

test.describe.configure({ mode: "serial" });

test.describe("operator", () => {
  test.use({ storageState: storageStatePath("operator") });

  test("drags the slider, reads the diff and the share, publishes and sees Applied", async ({ page }) => {
    const before = await trafficState();
    await openService(page);
    await expect(page.getByTestId("live-version")).toContainText(`v${before.activeVersion}`);
    const target = before.percent > 50 ? 20 : 70;
    const chosen = await dragSlider(page, target);
    expect(Math.abs(chosen - target)).toBeLessThanOrEqual(5);
    await expect(page.getByTestId("split-value")).toHaveText(`${chosen} %`);

    const preview = page.getByTestId("publish-preview");
    await expect(preview).toBeVisible();
    await expect(preview.getByTestId("version-diff")).toContainText(`+`);
    await expect(preview.getByTestId("version-diff")).toContainText(`"Weight": "${chosen}"`);
    await expect(preview.getByTestId("version-diff")).toContainText(`"Weight": "${100 - chosen}"`);
    await expect(preview.getByTestId("share-after-proxy-sg")).toContainText(`${100 - chosen}`);
    // What if Mumbai were down: its share after the change drops to nothing.
    await preview.getByTestId("what-if-region").selectOption("ap-south-1");
    await expect(preview.getByTestId("share-after-flights-hb-bom")).toHaveText("0 %");
    await preview.getByTestId("what-if-region").selectOption("");

    await page.getByTestId("publish-reason").fill("E2E: shift by slider");
    await page.getByTestId("publish-review").click();
    await page.getByTestId("publish-confirm").click();
    await expect(page.getByTestId("operation-result")).toContainText("Applied");
    await expect(page.getByTestId("operation-steps")).toContainText("Route 53");

    const after = await trafficState();
    expect(after.activeVersion).toBeGreaterThan(before.activeVersion);
    expect(after.percent).toBe(chosen);
    await expect(page.getByTestId("live-version")).toContainText(`v${after.activeVersion} (${chosen} % multi-region)`);
    const row = page.getByTestId(`version-row-${after.activeVersion}`);
    await expect(row.getByTestId("live-badge")).toBeVisible();
    await expect(row.getByTestId("version-state")).toHaveText("applied");
  });

  test("rolls back to an earlier version with a reason; no new version is created", async ({ page }) => {
    const before = await trafficState();
    const target = await rollbackTarget();
    await openService(page);
    await page.getByTestId(`rollback-${target}`).click();
    await page.getByTestId("rollback-reason").fill("E2E: back to the previous split");
    await page.getByTestId("rollback-confirm").click();
    await expect(page.getByTestId("operation-result")).toContainText(`Applied — v${target} is live`);
    await expect(page.getByTestId(`version-row-${target}`).getByTestId("live-badge")).toBeVisible();
    const after = await trafficState();
    expect(after.activeVersion).toBe(target);
    expect(after.versions.length).toBe(before.versions.length);
  });

  test("a change made outside Flightdeck is flagged with what differs and can be adopted", async ({ page }) => {
    const outside = await makeOutsideChange();
    await openService(page);
    const banner = page.getByTestId("drift-banner");
    await expect(banner).toBeVisible({ timeout: 20_000 });
    await expect(banner.getByTestId("drift-instance-version")).toContainText(`answers with v${outside}`);
    await banner.getByRole("button", { name: "Adopt Route 53's state" }).click();
    // Adopting resolves the drift, so the banner (and its form) goes away.
    await expect(page.getByTestId("live-version")).toContainText(`v${outside}`);
    await expect(page.getByTestId("drift-instance-version")).toHaveCount(0);
    expect((await trafficState()).activeVersion).toBe(outside);
  });

  test("twenty parallel publishes from the same base: one 201, nineteen 409", async () => {
    const { activeVersion, percent } = await trafficState();
    const token = await tokenFor("operator");
    const api = await playwrightRequest.newContext({ baseURL, extraHTTPHeaders: { authorization: `Bearer ${token}` } });
    const responses = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        api.post(`/api/v1/services/${FLIGHTS}/versions`, { data: { baseVersion: activeVersion, multiRegionPercent: otherPercent(percent, i + 1), reason: `E2E parallel ${i}` } }),
      ),
    );
    const statuses = responses.map((r) => r.status());
    expect(statuses.filter((s) => s === 201)).toHaveLength(1);
    expect(statuses.filter((s) => s === 409)).toHaveLength(19);
    const conflict = (await responses.find((r) => r.status() === 409)!.json()) as { error: { message: string } };
    expect(conflict.error.message).toMatch(/token:e2e-operator-\d+ (is publishing|published v\d+)/);
    const after = await trafficState();
    expect(after.activeVersion).toBeGreaterThan(activeVersion);
    expect(after.versions.filter((v) => v.origin === "publish" && v.reason.startsWith("E2E parallel"))).toHaveLength(1);
    await api.dispose();
  });
});

test.describe("manager", () => {
  test.use({ storageState: storageStatePath("manager") });

  test("sees the topology and history but no slider; a direct POST gets 403", async ({ page }) => {
    const before = await trafficState();
    await openService(page);
    await expect(page.getByTestId("version-history")).toBeVisible();
    await expect(page.getByTestId("split-slider")).toHaveCount(0);
    await expect(page.locator("[data-testid^=rollback-]")).toHaveCount(0);
    const body = { baseVersion: before.activeVersion, multiRegionPercent: otherPercent(before.percent), reason: "Sneaky" };
    const bySession = await page.request.post(`/api/v1/services/${FLIGHTS}/versions`, { data: body });
    expect(bySession.status()).toBe(403);
    const byToken = await page.request.post(`/api/v1/services/${FLIGHTS}/versions`, { data: body, headers: { authorization: `Bearer ${await tokenFor("manager")}` } });
    expect(byToken.status()).toBe(403);
    expect(((await byToken.json()) as { error: { message: string } }).error.message).toContain('"traffic:publish"');
    expect(await testDb().trafficVersion.count()).toBe(before.versions.length);
  });

  test("after a demo app cluster is taken down, the topology and the effective share show the failover", async ({ page }) => {
    await openService(page);
    const bom = page.getByTestId("node-flights-hb-bom");
    await expect(bom).toHaveAttribute("data-health", "healthy", { timeout: 20_000 });
    const sgBefore = await page.getByTestId("share-before-flights-hb-sg").textContent();
    await setCluster("metasearch-flights-bom", false);
    try {
      await expect(bom).toHaveAttribute("data-health", "unhealthy", { timeout: 30_000 });
      await expect(page.getByTestId("cluster-flights-hb-bom")).toHaveAttribute("data-health", "unhealthy");
      await expect(page.getByTestId("health-ap-south-1")).toHaveAttribute("data-health", "unhealthy");
      await expect(page.getByTestId("share-before-flights-hb-bom")).toHaveText("0 %");
      await expect(page.getByTestId("share-before-flights-hb-sg")).not.toHaveText(sgBefore ?? "");
      await page.goto("/topology");
      await expect(page.getByTestId("node-flights-hb-bom")).toHaveAttribute("data-health", "unhealthy");
    } finally {
      await setCluster("metasearch-flights-bom", true);
    }
    await page.goto(page$);
    await expect(page.getByTestId("node-flights-hb-bom")).toHaveAttribute("data-health", "healthy", { timeout: 30_000 });
  });
});
