import "server-only";
import type { Db } from "@/lib/db";
import type { Prisma } from "@/lib/generated/prisma/client";

// Small questions about a service's past that several steps ask.

type DbLike = Db | Prisma.TransactionClient;

/**
 * Route 53 numbers a Failed policy record may legitimately point at: the version of the
 * service's latest finished operation, when that operation failed (a failed update leaves
 * the instance on the new version, in state Failed, while the old records keep answering).
 */
export async function lastFailedVersions(db: DbLike, serviceId: string, excludeOperationId?: string): Promise<Set<number>> {
  const last = await db.trafficOperation.findFirst({
    where: { serviceId, finishedAt: { not: null }, ...(excludeOperationId ? { id: { not: excludeOperationId } } : {}) },
    orderBy: { finishedAt: "desc" },
  });
  if (last?.state !== "failed") return new Set();
  const version = await db.trafficVersion.findUnique({ where: { id: last.versionId }, select: { version: true } });
  return version?.version ? new Set([version.version]) : new Set();
}
