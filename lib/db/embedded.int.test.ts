import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { createDb } from "./client";
import { freePort, startEmbeddedDatabase } from "./embedded";
import { migrateDatabase } from "./migrate";

describe("embedded PostgreSQL", () => {
  const dataDir = mkdtempSync(path.join(tmpdir(), "flightdeck-embedded-"));
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it("starts, migrates, stops, and starts again with the data kept", async () => {
    const port = await freePort(0);
    const first = await startEmbeddedDatabase({ dataDir, preferredPort: port });
    expect(first.startedHere).toBe(true);
    expect((await migrateDatabase(first.url)).applied.length).toBeGreaterThan(0);
    const db = createDb(first.url, { max: 1 });
    await db.region.create({ data: { code: "eu-north-1", name: "Stockholm", latitude: 59.3, longitude: 18.1 } });
    await db.$disconnect();
    await first.stop();

    const second = await startEmbeddedDatabase({ dataDir, preferredPort: port + 1 });
    // The port chosen at first start is kept in the data directory, so the URL is the same.
    expect(second.url).toBe(first.url);
    expect((await migrateDatabase(second.url)).applied).toEqual([]);
    const again = createDb(second.url, { max: 1 });
    expect(await again.region.findUnique({ where: { code: "eu-north-1" } })).toMatchObject({ name: "Stockholm" });

    // A second process finds the running server instead of starting another.
    const shared = await startEmbeddedDatabase({ dataDir, preferredPort: port });
    expect(shared.startedHere).toBe(false);
    await again.$disconnect();
    await second.stop();
  });
});
