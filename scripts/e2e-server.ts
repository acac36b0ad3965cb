// Starts the product for Playwright exactly as `npm start` does, but on a fresh
// throwaway database on the local test server and its own data directory and ports.
import { spawn } from "node:child_process";
import { writeFileSync, mkdirSync, rmSync } from "node:fs";
import path from "node:path";
import { createTestDatabase } from "@/lib/test/database";
import { resolveTestServer } from "@/lib/test/database-server";

const server = await resolveTestServer();
const host = new URL(server.url).hostname;
if (!["127.0.0.1", "localhost", "::1"].includes(host)) {
  console.error(`refusing to run end-to-end tests against a non-local database server (${host})`);
  process.exit(2);
}

const dataDir = path.resolve(".data/e2e");
rmSync(dataDir, { recursive: true, force: true });
mkdirSync(dataDir, { recursive: true });
const database = await createTestDatabase(server.url);
await database.db.$disconnect();
// The tests read this to reach the same database (tokens, direct checks that nothing was written).
writeFileSync(path.join(dataDir, "database-url"), database.url);

const child = spawn(path.resolve("node_modules/.bin/tsx"), ["--conditions=react-server", "scripts/start.ts"], {
  stdio: "inherit",
  env: {
    ...process.env,
    DATABASE_URL: database.url,
    FLIGHTDECK_DATA_DIR: dataDir,
    FLIGHTDECK_DEMO: "1",
    PORT: process.env.PORT ?? "3100",
    FLIGHTDECK_SANDBOX_PORT: process.env.FLIGHTDECK_SANDBOX_PORT ?? "4599",
    FLIGHTDECK_SANDBOX_THROTTLE: "0",
    FLIGHTDECK_SANDBOX_CHANGE_DELAY_MS: "200",
    FLIGHTDECK_SANDBOX_FAST_HEALTH_CHECKS: "1",
    FLIGHTDECK_HEARTBEAT_BASE_PORT: process.env.FLIGHTDECK_HEARTBEAT_BASE_PORT ?? "4710",
    NEXTAUTH_URL: `http://localhost:${process.env.PORT ?? "3100"}`,
  },
});

async function stop(): Promise<void> {
  child.kill("SIGTERM");
  await new Promise((resolve) => child.once("exit", resolve));
  await database.drop().catch(() => undefined);
  await server.stop();
  process.exit(0);
}
process.on("SIGINT", () => void stop());
process.on("SIGTERM", () => void stop());
child.once("exit", (code) => {
  void database.drop().finally(() => server.stop()).finally(() => process.exit(code ?? 1));
});
