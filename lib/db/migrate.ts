import path from "node:path";
import pg from "pg";
import Postgrator from "postgrator";

export const migrationsDir = path.resolve(process.cwd(), "prisma/migrations");

// Any constant works; it only has to be the same for every Flightdeck process.
const MIGRATION_LOCK_KEY = 7_216_905_311;

export type MigrationResult = { applied: string[]; version: number };

/**
 * Applies the SQL files in prisma/migrations with postgrator, all of them in one
 * transaction under an advisory lock, so two processes starting at once cannot
 * both migrate and a failed file leaves nothing half-applied. `toVersion` stops at an
 * older version (upgrade tests).
 */
export async function migrateDatabase(databaseUrl: string, options: { toVersion?: string } = {}): Promise<MigrationResult> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    await client.query("BEGIN");
    await client.query("SELECT pg_advisory_xact_lock($1)", [MIGRATION_LOCK_KEY]);
    const postgrator = new Postgrator({
      migrationPattern: path.join(migrationsDir, "*.sql"),
      driver: "pg",
      database: client.database ?? "postgres",
      schemaTable: "flightdeck_schema_version",
      execQuery: (query) => client.query(query),
    });
    const applied = await postgrator.migrate(options.toVersion);
    const version = await postgrator.getDatabaseVersion();
    await client.query("COMMIT");
    return { applied: applied.map((m) => `${m.version}.${m.name}`), version };
  } catch (error) {
    await client.query("ROLLBACK").catch(() => undefined);
    throw error;
  } finally {
    await client.end();
  }
}
