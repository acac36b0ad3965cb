import "server-only";
import type { Db } from "@/lib/db";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { Route53Api, Route53ForAccount } from "@/lib/route53";

// Which Route 53 a service's resources live in: its inventory account's (through that
// account's role, if it names one); a service without an account uses Flightdeck's own.

export async function route53ForService(db: Db | Prisma.TransactionClient, route53For: Route53ForAccount, serviceId: string): Promise<Route53Api> {
  const service = await db.service.findUnique({ where: { id: serviceId }, select: { awsAccount: { select: { accountId: true, assumeRoleArn: true } } } });
  return route53For(service?.awsAccount ?? null);
}
