import { NextResponse } from "next/server";
import { apiRoute, readJson } from "@/lib/http/api-route";
import { resetRegionThresholdsToDefault, updateRegionThresholds } from "@/lib/replication/mutations";

type Params = { region: string };

// PUT {"warningMs": 5000, "criticalMs": 10000} sets a region's thresholds; DELETE puts
// it back on the defaults. Admins only (replication:configure); both are audited.
export const PUT = apiRoute<Params>(async ({ request, params }) => ({ region: params.region, ...(await updateRegionThresholds(params.region, await readJson(request))) }));

export const DELETE = apiRoute<Params>(async ({ params }) => {
  await resetRegionThresholdsToDefault(params.region);
  return new NextResponse(null, { status: 204 });
});
