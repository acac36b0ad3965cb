import { requirePermission } from "@/lib/auth/guard";
import { getDb } from "@/lib/db";
import { apiRoute } from "@/lib/http/api-route";
import { getServiceDetail } from "@/lib/traffic-control/queries";

type Params = { slug: string };

// GET /api/v1/services/{slug} — one service, the change running now (live progress) and recent operations.
export const GET = apiRoute<Params>(async ({ params }) => {
  await requirePermission("traffic:read");
  const detail = await getServiceDetail(getDb(), params.slug);
  return { service: detail.summary, drift: detail.drift, operations: detail.operations.slice(0, 10) };
});
