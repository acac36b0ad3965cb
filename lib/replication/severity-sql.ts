import { Prisma } from "@/lib/generated/prisma/client";
import { statusSeverity } from "./status";
import type { ReplicationStatus } from "./types";

// SQL needs the same "worst status" order as status.ts; both come from statusSeverity.

export const statusesBySeverity = (Object.keys(statusSeverity) as ReplicationStatus[]).sort((a, b) => statusSeverity[a] - statusSeverity[b]);

/** 1-based severity of a replication_status column, for max() in GROUP BY queries. */
export function severityOf(column: string): Prisma.Sql {
  if (!/^[a-z_.]+$/.test(column)) throw new Error(`not a column name: ${column}`);
  const list = statusesBySeverity.map((s) => `'${s}'`).join(", ");
  return Prisma.raw(`array_position(ARRAY[${list}]::replication_status[], ${column})`);
}

export function statusFromSeverity(severity: number | null): ReplicationStatus {
  return statusesBySeverity[(severity ?? 1) - 1] ?? "ok";
}
