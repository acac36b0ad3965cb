import "server-only";
import { env } from "@/lib/env";
import { createDb, type Db } from "./client";

export type { Db } from "./client";

// One client per process; kept on globalThis so dev-mode reloads don't open new pools.
const holder = globalThis as { flightdeckDb?: Db };

export function getDb(): Db {
  if (!holder.flightdeckDb) {
    if (!env.DATABASE_URL) {
      throw new Error("DATABASE_URL is not set. Start Flightdeck with `npm start`, which provides it (embedded PostgreSQL by default).");
    }
    holder.flightdeckDb = createDb(env.DATABASE_URL);
  }
  return holder.flightdeckDb;
}
