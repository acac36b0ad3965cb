import { spawn } from "node:child_process";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { freePort } from "@/lib/db/embedded";

test("GET /api/health reports the database up", async ({ request }) => {
  const response = await request.get("/api/health");
  expect(response.status()).toBe(200);
  expect(await response.json()).toMatchObject({ status: "ok", database: { status: "up" } });
});

test("GET /api/health answers 503 when the database is down", async ({ request }) => {
  // A second web server from the same build, pointed at a port where no database listens.
  const port = await freePort(0);
  const deadDb = await freePort(0);
  const server = spawn(path.resolve("node_modules/.bin/next"), ["start", "-p", String(port)], {
    env: { ...process.env, DATABASE_URL: `postgres://nobody@127.0.0.1:${deadDb}/none`, NEXTAUTH_SECRET: "x".repeat(32), NEXT_TELEMETRY_DISABLED: "1" },
    stdio: "ignore",
  });
  try {
    await expect
      .poll(async () => (await request.get(`http://127.0.0.1:${port}/api/health`).catch(() => null))?.status(), { timeout: 30_000 })
      .toBe(503);
    const body = await (await request.get(`http://127.0.0.1:${port}/api/health`)).json();
    expect(body).toMatchObject({ status: "degraded", database: { status: "down" } });
    expect(body.database.error).toEqual(expect.any(String));
  } finally {
    server.kill("SIGTERM");
  }
});
