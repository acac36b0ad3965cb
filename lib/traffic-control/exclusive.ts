import "server-only";
import type { Db } from "@/lib/db";

// Periodic work that must run once across several worker processes claims a PostgreSQL
// advisory lock for the round (ARCHITECTURE.md: never process memory). A transaction-level
// lock is released by PostgreSQL when the round ends or its connection dies.

export const TRAFFIC_HEALTH_LOCK = 7_216_905_401n;
export const TRAFFIC_RECONCILE_LOCK = 7_216_905_402n;

/** Runs `work` if this process wins the lock; false when another process holds it. */
export async function runExclusive(db: Db, key: bigint, work: () => Promise<void>, timeoutMs = 120_000): Promise<boolean> {
  return db.$transaction(
    async (tx) => {
      const rows = await tx.$queryRaw<{ locked: boolean }[]>`SELECT pg_try_advisory_xact_lock(${key}::bigint) AS locked`;
      if (rows[0]?.locked !== true) return false;
      await work();
      return true;
    },
    { timeout: timeoutMs, maxWait: 10_000 },
  );
}
