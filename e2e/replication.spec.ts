import { expect, request as playwrightRequest, test, type APIRequestContext } from "@playwright/test";
import { baseURL } from "../playwright.config";
import { storageStatePath, testDb, tokenFor } from "./support";

// Replication against the demo estate that `npm start` brings up: a real Redis primary in
// ap-southeast-1 and real replicas in ap-southeast-1 and ap-south-1, sampled every second
// by the worker's collector.

const south = "ap-south-1";

async function api(role: "admin" | "manager" | "auditor"): Promise<APIRequestContext> {
  return playwrightRequest.newContext({ baseURL, extraHTTPHeaders: { authorization: `Bearer ${await tokenFor(role)}` } });
}

async function setThresholds(region: string, warningMs: number, criticalMs: number): Promise<void> {
  const admin = await api("admin");
  const response = await admin.put(`/api/v1/replication/thresholds/${region}`, { data: { warningMs, criticalMs } });
  expect(response.status(), await response.text()).toBe(200);
  await admin.dispose();
}

async function resume(region: string): Promise<void> {
  const admin = await api("admin");
  await admin.put(`/api/v1/replication/demo/replicas/${region}`, { data: { paused: false } });
  await admin.dispose();
}

test.describe("REST API", () => {
  test("GET /api/v1/replication answers the documented shape, per region", async () => {
    const manager = await api("manager");
    await expect.poll(async () => (await (await manager.get("/api/v1/replication")).json()).regions.find((r: { region: string }) => r.region === south)?.status, { timeout: 30_000 }).toBe("ok");
    const body = await (await manager.get("/api/v1/replication")).json();
    expect(body.regions.map((r: { region: string }) => r.region).sort()).toEqual(["ap-south-1", "ap-southeast-1"]);
    for (const region of body.regions) {
      expect(Object.keys(region).sort()).toEqual(["lagBytes", "lagMs", "link", "region", "sampledAt", "status"]);
    }
    const southStatus = body.regions.find((r: { region: string }) => r.region === south);
    expect(southStatus).toMatchObject({ status: "ok", link: "up", lagMs: expect.any(Number), lagBytes: expect.any(Number) });
    expect(Date.now() - Date.parse(southStatus.sampledAt)).toBeLessThan(10_000);
    await manager.dispose();
  });

  test("401 without credentials, 403 for an auditor", async ({ request }) => {
    expect((await request.get("/api/v1/replication")).status()).toBe(401);
    const auditor = await api("auditor");
    expect((await auditor.get("/api/v1/replication")).status()).toBe(403);
    expect((await auditor.get("/api/v1/replication/history")).status()).toBe(403);
    await auditor.dispose();
  });

  test("history for a range and region; bad parameters get field errors", async () => {
    const manager = await api("manager");
    const history = await (await manager.get(`/api/v1/replication/history?range=5m&region=${south}`)).json();
    expect(history).toMatchObject({ resolution: "raw", from: expect.any(String), to: expect.any(String) });
    expect(history.series.map((s: { region: string }) => s.region)).toEqual([south]);
    expect(history.series[0].points.length).toBeGreaterThan(0);
    expect(history.series[0].points[0]).toMatchObject({ t: expect.any(String), status: expect.any(String) });

    const minutes = await (await manager.get("/api/v1/replication/history?range=24h&maxPoints=100")).json();
    expect(minutes.resolution).toBe("minute");

    const bad = await manager.get("/api/v1/replication/history?from=yesterday&resolution=hour");
    expect(bad.status()).toBe(422);
    const { error } = await bad.json();
    expect(Object.keys(error.fieldErrors).sort()).toEqual(["from", "resolution"]);

    expect((await manager.get("/api/v1/replication/breaches?open=1")).status()).toBe(200);
    await manager.dispose();
  });

  test("thresholds: bad input is a 422 with field errors and changes nothing", async () => {
    const admin = await api("admin");
    const response = await admin.put(`/api/v1/replication/thresholds/${south}`, { data: { warningMs: 2_000, criticalMs: 1_000 } });
    expect(response.status()).toBe(422);
    expect((await response.json()).error.fieldErrors.warningMs[0]).toContain("below the critical one");
    expect((await admin.put("/api/v1/replication/thresholds/zz-nowhere-1", { data: { warningMs: 1, criticalMs: 2 } })).status()).toBe(404);
    await admin.dispose();
  });
});

test.describe("admin", () => {
  test.use({ storageState: storageStatePath("admin") });

  test("edits a region's thresholds, with field errors first", async ({ page }) => {
    await page.goto("/replication");
    const card = page.getByTestId(`region-card-${south}`);
    await card.getByText("Edit thresholds").click();
    await card.getByLabel("Warning at (ms)").fill("3000");
    await card.getByLabel("Critical at (ms)").fill("soon");
    await card.getByRole("button", { name: "Save thresholds" }).click();
    await expect(card.getByTestId("error-criticalMs")).toContainText("must be a number of milliseconds");
    await expect(card.getByLabel("Critical at (ms)")).toHaveValue("soon");

    await card.getByLabel("Critical at (ms)").fill("6000");
    await card.getByRole("button", { name: "Save thresholds" }).click();
    await expect(card.getByTestId("thresholds-ok")).toContainText("warning at 3.0 s, critical at 6.0 s");
    await expect(card).toContainText("warning 3.0 s · critical 6.0 s (custom)");
    expect(await testDb().replicationThreshold.findUnique({ where: { regionCode: south } })).toMatchObject({ warningMs: 3_000, criticalMs: 6_000 });
    const audit = await testDb().auditEntry.findFirst({ where: { action: "replication.thresholds.update", target: `region:${south}` }, orderBy: { seq: "desc" } });
    expect(audit?.after).toEqual({ warningMs: 3_000, criticalMs: 6_000 });
  });

  test("pauses a replica: card and chart show the region critical within seconds, the dashboard shows the breach", async ({ page }) => {
    await setThresholds(south, 500, 1_000);
    await page.goto("/replication");
    const card = page.getByTestId(`region-card-${south}`);
    await expect(card).toHaveAttribute("data-status", "ok", { timeout: 30_000 });
    const chart = page.getByTestId(`lag-chart-${south}`);
    // A flat line at zero lag has no height, which Playwright calls hidden: check it is drawn instead.
    const line = chart.locator(".recharts-line-curve");
    await expect(line).toHaveAttribute("d", /^M[\d.]+,[\d.]+L/);

    try {
      const pausedAt = Date.now();
      await card.getByRole("button", { name: "Pause replica" }).click();
      await expect(card.getByTestId("region-status")).toHaveText("critical", { timeout: 8_000 });
      console.log(`replica paused → card critical in ${Date.now() - pausedAt} ms (browser, 1 s polling)`);
      await expect(card.getByRole("button", { name: "Resume replica" })).toBeVisible();
      // The other region keeps its own status: one paused replica does not drag it down.
      await expect(page.getByTestId("region-card-ap-southeast-1")).toHaveAttribute("data-status", "ok");

      await expect(chart).toHaveAttribute("data-status", "critical");
      await expect.poll(async () => Number(await chart.getAttribute("data-latest-lag-ms")), { timeout: 5_000 }).toBeGreaterThanOrEqual(1_000);
      await expect(line).toBeVisible(); // no longer flat: it climbs past the critical line
      await expect(chart.locator(".recharts-reference-line")).toHaveCount(2);

      await page.goto("/");
      const panel = page.getByTestId("replication-panel");
      await expect(panel.getByTestId("open-breaches")).toBeVisible();
      await expect(panel.getByTestId("breach").filter({ hasText: "Mumbai" }).first()).toContainText("open");

      await page.goto("/replication");
      await page.getByTestId(`region-card-${south}`).getByRole("button", { name: "Resume replica" }).click();
      await expect(page.getByTestId(`region-card-${south}`)).toHaveAttribute("data-status", "ok", { timeout: 10_000 });
      const actions = await testDb().auditEntry.findMany({ where: { action: { startsWith: "replication.demo." } }, orderBy: { seq: "asc" } });
      expect(actions.slice(-2).map((a) => [a.action, a.target])).toEqual([
        ["replication.demo.pause", "redis-endpoint:redis-bom-replica"],
        ["replication.demo.resume", "redis-endpoint:redis-bom-replica"],
      ]);
    } finally {
      await resume(south);
      const admin = await api("admin");
      await admin.delete(`/api/v1/replication/thresholds/${south}`);
      await admin.dispose();
    }
  });
});

test.describe("manager", () => {
  test.use({ storageState: storageStatePath("manager") });

  test("sees the replication page read-only", async ({ page }) => {
    await page.goto("/");
    await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Replication" }).click();
    await expect(page).toHaveURL(/\/replication$/);
    await expect(page.getByTestId(`region-card-${south}`)).toBeVisible();
    await expect(page.getByTestId(`lag-chart-${south}`)).toBeVisible();
    await expect(page.getByText("Read-only: only admins change thresholds.")).toBeVisible();
    await expect(page.getByText("Edit thresholds")).toHaveCount(0);
    await expect(page.getByRole("button", { name: /Pause replica|Resume replica/ })).toHaveCount(0);
    const age = page.getByTestId(`region-card-${south}`).getByTestId("region-age");
    await expect(age).toHaveText(/just now|ago/);
  });
});
