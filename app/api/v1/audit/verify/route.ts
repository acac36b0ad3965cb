import { verifyAuditChain } from "@/lib/audit/audit-log";
import { requirePermission } from "@/lib/auth/guard";
import { getDb } from "@/lib/db";
import { apiRoute } from "@/lib/http/api-route";

export const GET = apiRoute(async () => {
  await requirePermission("audit:verify");
  return verifyAuditChain(getDb());
});
