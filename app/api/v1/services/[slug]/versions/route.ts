import { requirePermission } from "@/lib/auth/guard";
import { getDb } from "@/lib/db";
import { apiRoute, created, readJson } from "@/lib/http/api-route";
import { publishServiceVersion } from "@/lib/traffic-control/mutations";
import { getServiceDetail } from "@/lib/traffic-control/queries";

type Params = { slug: string };

// GET  /api/v1/services/{slug}/versions — the version history, newest first.
// POST /api/v1/services/{slug}/versions — {"baseVersion", "multiRegionPercent", "reason"} → 201 once Applied.
export const GET = apiRoute<Params>(async ({ params }) => {
  await requirePermission("traffic:read");
  const detail = await getServiceDetail(getDb(), params.slug);
  return { slug: params.slug, activeVersion: detail.summary.activeVersion, versions: detail.versions, operations: detail.operations };
});

export const POST = apiRoute<Params>(async ({ request, params }) => created(await publishServiceVersion(params.slug, await readJson(request))));
