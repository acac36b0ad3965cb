import type { Db } from "@/lib/db/client";
import type { IngestTarget } from "./ingest-state";

// Which account × region histories to read: every inventory account, in the configured
// regions or else every inventory region plus us-east-1, where global services (Route 53,
// IAM, CloudFront, console sign-in) log whatever region they were called from.

export const GLOBAL_SERVICE_REGION = "us-east-1";

export type TargetAccount = { accountId: string; assumeRoleArn: string | null };
export type PlannedTarget = IngestTarget & { assumeRoleArn: string | null };

/** Pure: the targets for these accounts and regions, sorted, without repeats. */
export function planTargets(accounts: TargetAccount[], inventoryRegions: string[], configuredRegions: string[] | null): PlannedTarget[] {
  const regions = [...new Set(configuredRegions ?? [...inventoryRegions, GLOBAL_SERVICE_REGION])].sort();
  return accounts
    .slice()
    .sort((a, b) => (a.accountId < b.accountId ? -1 : 1))
    .flatMap((account) => regions.map((region) => ({ accountId: account.accountId, region, assumeRoleArn: account.assumeRoleArn })));
}

export async function listTargets(db: Db, configuredRegions: string | undefined): Promise<PlannedTarget[]> {
  const [accounts, regions] = await Promise.all([
    db.awsAccount.findMany({ select: { accountId: true, assumeRoleArn: true } }),
    db.region.findMany({ select: { code: true } }),
  ]);
  const configured = configuredRegions ? configuredRegions.split(",").map((r) => r.trim()).filter(Boolean) : null;
  return planTargets(accounts, regions.map((r) => r.code), configured);
}
