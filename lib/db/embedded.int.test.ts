import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import net from "node:net";
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
    // Started with the import-friendly settings, not PostgreSQL's defaults.
    expect(await again.$queryRaw`SELECT current_setting('max_wal_size') AS wal, current_setting('checkpoint_timeout') AS checkpoint`).toEqual([{ wal: "4GB", checkpoint: "15min" }]);

    // A second process finds the running server instead of starting another.
    const shared = await startEmbeddedDatabase({ dataDir, preferredPort: port });
    expect(shared.startedHere).toBe(false);
    await again.$disconnect();
    await second.stop();
  });

  it("moves to a free port, and keeps the data, when another program holds its port", async () => {
    const { port } = JSON.parse(readFileSync(path.join(dataDir, "postgres.json"), "utf8")) as { port: number };
    const squatter = net.createServer().listen(port, "127.0.0.1");
    await new Promise((resolve) => squatter.once("listening", resolve));
    try {
      const moved = await startEmbeddedDatabase({ dataDir, preferredPort: 0 });
      expect(Number(new URL(moved.url).port)).not.toBe(port);
      const db = createDb(moved.url, { max: 1 });
      expect(await db.region.count({ where: { code: "eu-north-1" } })).toBe(1);
      await db.$disconnect();
      await moved.stop();
      // The new port is remembered for the next start.
      const again = await startEmbeddedDatabase({ dataDir, preferredPort: 0 });
      expect(again.url).toBe(moved.url);
      await again.stop();
    } finally {
      squatter.close();
    }
  });
});
