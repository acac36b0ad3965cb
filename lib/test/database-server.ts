import path from "node:path";
import { canConnect, startEmbeddedDatabase } from "@/lib/db/embedded";
import { env } from "@/lib/env";

const LOCAL_SERVER = "postgres://postgres@127.0.0.1:5432/postgres";

/**
 * The PostgreSQL server tests create their databases on: FLIGHTDECK_TEST_DATABASE_URL, else
 * the machine's local server, else an embedded one under .data/test-postgres — so the
 * test command needs no database set up by hand. Returns a URL to a database on which
 * the user may CREATE DATABASE.
 */
export async function resolveTestServer(): Promise<{ url: string; stop(): Promise<void> }> {
  if (env.FLIGHTDECK_TEST_DATABASE_URL) return { url: env.FLIGHTDECK_TEST_DATABASE_URL, stop: async () => undefined };
  if (await canConnect(LOCAL_SERVER)) return { url: LOCAL_SERVER, stop: async () => undefined };
  const embedded = await startEmbeddedDatabase({ dataDir: path.resolve(".data/test-postgres"), preferredPort: 54339 });
  return { url: embedded.url, stop: () => embedded.stop() };
}
