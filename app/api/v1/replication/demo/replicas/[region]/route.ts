import { apiRoute, readJson } from "@/lib/http/api-route";
import { setDemoReplicaPausedState } from "@/lib/replication/mutations";

type Params = { region: string };

// Demo mode only: PUT {"paused": true} freezes the region's local demo replica (SIGSTOP)
// so its lag grows; {"paused": false} resumes it. Refused (403) outside demo mode.
export const PUT = apiRoute<Params>(async ({ request, params }) => setDemoReplicaPausedState(params.region, await readJson(request)));
