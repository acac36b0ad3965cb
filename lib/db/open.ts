import { env, dataDir } from "@/lib/env";
import { createDb, type Db } from "./client";
import { startEmbeddedDatabase } from "./embedded";
import { migrateDatabase } from "./migrate";

export type OpenDatabase = { url: string; db: Db; embedded: boolean; close(): Promise<void> };

/**
 * For command-line entry points: the configured database, or the embedded one in the
 * data directory (started for the duration of the command if it is not running), migrated.
 */
export async function openDatabase(options: { log?: (line: string) => void; migrate?: boolean } = {}): Promise<OpenDatabase> {
  const log = options.log ?? (() => undefined);
  const embedded = env.DATABASE_URL ? null : await startEmbeddedDatabase({ dataDir, preferredPort: env.FLIGHTDECK_EMBEDDED_PG_PORT, log });
  const url = env.DATABASE_URL ?? embedded!.url;
  if (options.migrate !== false) {
    const result = await migrateDatabase(url);
    if (result.applied.length) log(`applied migrations: ${result.applied.join(", ")}`);
  }
  const db = createDb(url, { max: 4 });
  return {
    url,
    db,
    embedded: Boolean(embedded),
    async close() {
      await db.$disconnect();
      await embedded?.stop();
    },
  };
}
