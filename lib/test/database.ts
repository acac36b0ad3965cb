import { createHash, randomBytes } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import pg from "pg";
import { createDb, type Db } from "@/lib/db/client";
import { migrateDatabase, migrationsDir } from "@/lib/db/migrate";
import { env } from "@/lib/env";

export type TestDatabase = { url: string; name: string; db: Db; drop(): Promise<void> };

// Resolved once by the test runner's global setup (lib/test/global-setup.ts), which exports it.
const defaultServerUrl = env.FLIGHTDECK_TEST_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";

function urlFor(serverUrl: string, database: string): string {
  const url = new URL(serverUrl);
  url.pathname = `/${database}`;
  return url.toString();
}

async function withAdmin<T>(serverUrl: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/** A migrated template per migration set: copying it is ~10x faster than migrating each test database. */
async function ensureTemplate(serverUrl: string): Promise<string> {
  const hash = createHash("sha256");
  for (const file of readdirSync(migrationsDir).sort()) hash.update(file).update(readFileSync(path.join(migrationsDir, file)));
  const name = `fd_template_${hash.digest("hex").slice(0, 12)}`;
  await withAdmin(serverUrl, async (client) => {
    await client.query("SELECT pg_advisory_lock(4242)");
    try {
      const found = await client.query("SELECT 1 FROM pg_database WHERE datname = $1", [name]);
      if (found.rowCount) return;
      await client.query(`CREATE DATABASE ${name}`);
      try {
        await migrateDatabase(urlFor(serverUrl, name));
      } catch (error) {
        await client.query(`DROP DATABASE ${name}`);
        throw error;
      }
    } finally {
      await client.query("SELECT pg_advisory_unlock(4242)");
    }
  });
  return name;
}

/** A fresh, migrated, empty database on the test server; `drop()` removes it. */
export async function createTestDatabase(serverUrl = defaultServerUrl): Promise<TestDatabase> {
  const template = await ensureTemplate(serverUrl);
  const name = `fd_test_${process.pid}_${randomBytes(4).toString("hex")}`;
  await withAdmin(serverUrl, (client) => client.query(`CREATE DATABASE ${name} TEMPLATE ${template}`));
  const url = urlFor(serverUrl, name);
  const db = createDb(url, { max: 5 });
  return {
    url,
    name,
    db,
    async drop() {
      await db.$disconnect();
      await withAdmin(serverUrl, (client) => client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
    },
  };
}
