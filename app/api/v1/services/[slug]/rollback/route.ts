import { apiRoute, readJson } from "@/lib/http/api-route";
import { rollbackService } from "@/lib/traffic-control/mutations";

type Params = { slug: string };

// POST /api/v1/services/{slug}/rollback — {"version", "reason"} → 200 once Applied; no new version is created.
export const POST = apiRoute<Params>(async ({ request, params }) => rollbackService(params.slug, await readJson(request)));
