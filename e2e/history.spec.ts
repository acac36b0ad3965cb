import { readFileSync } from "node:fs";
import { expect, test, type Page } from "@playwright/test";
import { storageStatePath, testDb, tokenFor } from "./support";

// Change history end to end: the worker ingests the sandbox's CloudTrail history for the demo
// account; an auditor combines filters, opens an event and exports what is filtered; roles
// without history access get 403 from the pages and the API.

type Combo = { actor: string; event_name: string; region: string; n: bigint };

/** A combination of actor, event name and region the worker has ingested in the last week (at most one page of it). */
async function ingestedCombo(): Promise<Combo> {
  const deadline = Date.now() + 50_000;
  for (;;) {
    const rows = await testDb().$queryRaw<Combo[]>`
      SELECT actor, event_name, region, count(*) AS n FROM cloudtrail_event
      WHERE actor IS NOT NULL AND event_time > now() - interval '7 days'
      GROUP BY 1, 2, 3 HAVING count(*) BETWEEN 2 AND 40 ORDER BY count(*) DESC, 1, 2, 3 LIMIT 1`;
    if (rows[0]) return rows[0];
    if (Date.now() > deadline) throw new Error("the worker ingested nothing from the sandbox within 50 s");
    await new Promise((resolve) => setTimeout(resolve, 1000));
  }
}

async function applyFilters(page: Page, combo: Combo): Promise<void> {
  await page.goto("/history");
  await expect(page).toHaveURL(/\/history\?range=7d$/);
  await page.getByLabel("Actor").fill(combo.actor);
  await page.getByLabel("Event name").fill(combo.event_name);
  await page.getByLabel("Region").selectOption(combo.region);
  await page.getByRole("button", { name: "Apply filters" }).click();
  await expect(page).toHaveURL(new RegExp(`region=${combo.region}`));
}

test.describe("an auditor", () => {
  test.use({ storageState: storageStatePath("auditor"), acceptDownloads: true });

  test("filters by actor, event name and region at once, opens an event and exports CSV", async ({ page }) => {
    test.setTimeout(120_000);
    const combo = await ingestedCombo();
    const count = Number(combo.n);
    await applyFilters(page, combo);
    const url = new URL(page.url());
    expect(Object.fromEntries(url.searchParams)).toEqual({ range: "7d", actor: combo.actor, name: combo.event_name, region: combo.region });

    const rows = page.getByTestId("timeline-row");
    await expect(rows).toHaveCount(count);
    for (const row of await rows.all()) {
      await expect(row).toHaveAttribute("data-actor", combo.actor);
      await expect(row).toHaveAttribute("data-name", combo.event_name);
      await expect(row).toHaveAttribute("data-region", combo.region);
    }
    await expect(page.getByTestId("history-charts")).toHaveAttribute("data-total", String(count));

    // The link reproduces the view.
    await page.goto(url.toString());
    await expect(rows).toHaveCount(count);

    await rows.first().getByRole("link").click();
    await expect(page).toHaveURL(/\/history\/events\//);
    await expect(page.getByTestId("event-name")).toHaveText(combo.event_name);
    const eventId = decodeURIComponent(page.url().split("/").pop() as string);
    await expect(page.getByTestId("event-json")).toContainText(`"eventID": "${eventId}"`);
    await expect(page.getByTestId("event-json")).toContainText(`"awsRegion": "${combo.region}"`);

    await page.goBack();
    const [download] = await Promise.all([page.waitForEvent("download"), page.getByTestId("export-csv").click()]);
    expect(download.suggestedFilename()).toMatch(/^flightdeck-changes-\d{8}-\d{6}\.csv$/);
    const csv = readFileSync((await download.path()) as string, "utf8");
    const lines = csv.trimEnd().split("\r\n");
    expect(lines[0]).toMatch(/^time,kind,id,account,region,source,name,actor,/);
    expect(lines).toHaveLength(count + 1);
    expect(lines.slice(1).every((line) => line.includes(`,${combo.region},`) && line.includes(`,${combo.event_name},`))).toBe(true);
    expect(csv).toContain(eventId);
  });

  test("sees Flightdeck's audit entries in the same timeline and can verify the chain over the API", async ({ page }) => {
    await page.goto("/history?range=30d&kind=audit");
    const rows = page.getByTestId("timeline-row");
    await expect(rows.first()).toBeVisible();
    await expect(rows.first()).toHaveAttribute("data-kind", "audit");
    await rows.first().getByRole("link").click();
    await expect(page.getByTestId("audit-detail")).toBeVisible();

    const verify = await page.request.get("/api/v1/audit/verify");
    expect(verify.status()).toBe(200);
    expect(await verify.json()).toMatchObject({ ok: true });
  });
});

test.describe("the REST API", () => {
  test("answers auditors with a page and a cursor, refuses bad filters with 422", async ({ playwright, baseURL }) => {
    const api = await playwright.request.newContext({ baseURL, extraHTTPHeaders: { authorization: `Bearer ${await tokenFor("auditor")}` } });
    const first = await api.get("/api/v1/changes?limit=5&kind=cloudtrail");
    expect(first.status()).toBe(200);
    const body = (await first.json()) as { items: { kind: string; at: string }[]; nextCursor: string | null };
    expect(body.items).toHaveLength(5);
    expect(body.items.every((i) => i.kind === "cloudtrail")).toBe(true);
    const next = await api.get(`/api/v1/changes?limit=5&kind=cloudtrail&cursor=${body.nextCursor}`);
    const older = (await next.json()) as { items: { at: string }[] };
    expect(older.items[0]!.at <= body.items[4]!.at).toBe(true);

    const bad = await api.get("/api/v1/changes?from=yesterday&readOnly=maybe");
    expect(bad.status()).toBe(422);
    expect(Object.keys(((await bad.json()) as { error: { fieldErrors: object } }).error.fieldErrors).sort()).toEqual(["from", "readOnly"]);

    const json = await api.get("/api/v1/changes/export?format=json&kind=audit");
    expect(json.status()).toBe(200);
    expect(json.headers()["content-disposition"]).toMatch(/attachment; filename="flightdeck-changes-.*\.json"/);
    expect(((await json.json()) as { items: unknown[] }).items.length).toBeGreaterThan(0);

    // The export itself is in the audit log: who, which file, which filter.
    const audit = await api.get("/api/v1/changes?kind=audit&name=history.export&limit=1");
    const entry = ((await audit.json()) as { items: { name: string; actor: string; target: string; flightdeckRequestId: string }[] }).items[0];
    expect(entry).toMatchObject({ name: "history.export", actor: expect.stringMatching(/^token:e2e-auditor-/) });
    expect(entry?.target).toBe(`export:${/filename="([^"]+)"/.exec(json.headers()["content-disposition"] ?? "")?.[1]}`);
    expect(entry?.flightdeckRequestId).toBe(json.headers()["x-request-id"]);
    await api.dispose();
  });

  test("says 401 without credentials", async ({ request }) => {
    expect((await request.get("/api/v1/changes")).status()).toBe(401);
    expect((await request.get("/api/v1/changes/export")).status()).toBe(401);
  });
});

for (const role of ["manager", "operator"] as const) {
  test.describe(`a ${role}`, () => {
    test.use({ storageState: storageStatePath(role) });

    test("gets 403 from the history pages, the API and the export", async ({ page, playwright, baseURL }) => {
      for (const path of ["/history?range=7d", "/history/ingest"]) {
        const response = await page.goto(path);
        expect(response?.status(), path).toBe(403);
      }
      const api = await playwright.request.newContext({ baseURL, extraHTTPHeaders: { authorization: `Bearer ${await tokenFor(role)}` } });
      for (const path of ["/api/v1/changes", "/api/v1/changes/export?format=csv", "/api/v1/changes/export?format=json", "/api/v1/audit/verify"]) {
        const response = await api.get(path);
        expect(response.status(), path).toBe(403);
        expect(((await response.json()) as { error: { code: string } }).error.code).toBe("forbidden");
      }
      await api.dispose();
    });
  });
}

test.describe("an auditor, at an admin's page", () => {
  test.use({ storageState: storageStatePath("auditor") });

  test("gets 403 from ingest status", async ({ page, playwright, baseURL }) => {
    expect((await page.goto("/history/ingest"))?.status()).toBe(403);
    const api = await playwright.request.newContext({ baseURL, extraHTTPHeaders: { authorization: `Bearer ${await tokenFor("auditor")}` } });
    expect((await api.get("/api/v1/changes/ingest")).status()).toBe(403);
    await api.dispose();
  });
});

test.describe("an admin", () => {
  test.use({ storageState: storageStatePath("admin") });

  test("sees ingest progress and lag per account-region", async ({ page }) => {
    await ingestedCombo();
    await page.goto("/history/ingest");
    const rows = page.getByTestId("ingest-row");
    await expect(rows.first()).toBeVisible();
    await expect(page.getByTestId("ingest-status")).toContainText("111122223333");
    await expect(page.getByTestId("ingest-status")).toContainText("us-east-1");
    // The worker recounts what it ingests every 30 s: up to date, or a number of hours.
    await expect(page.getByTestId("rollup-status")).toHaveText(/^(The hourly counts behind the history charts are up to date\.|\d+ hour\(s\) of events await the worker's recount)/);
  });
});
