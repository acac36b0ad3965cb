import "server-only";
import { mutation } from "@/lib/mutations/mutation";
import { getRoute53ForAccount } from "@/lib/route53";
import { publishVersion, rollbackToVersion, type PublishResult } from "./publish";
import { adoptDrift, revertDrift, type AdoptResult } from "./resolve-drift";
import type { TrafficDeps } from "./run-operation";
import { trafficSettings } from "./settings";

// Traffic mutations as route handlers and server actions call them: mutation() checks the
// caller and permission first, then the work runs with the process's Route 53 adapters (one
// per account role).

function deps(): TrafficDeps {
  return { route53: getRoute53ForAccount(), settings: trafficSettings };
}

export function publishServiceVersion(slug: string, raw: unknown): Promise<PublishResult> {
  return mutation("traffic:publish", (ctx) => publishVersion(ctx, deps(), slug, raw));
}

export function rollbackService(slug: string, raw: unknown): Promise<PublishResult> {
  return mutation("traffic:rollback", (ctx) => rollbackToVersion(ctx, deps(), slug, raw));
}

/** Adopting changes what Flightdeck believes is published, so it takes the publish permission. */
export function adoptServiceDrift(slug: string): Promise<AdoptResult> {
  return mutation("traffic:publish", (ctx) => adoptDrift(ctx, deps(), slug));
}

/** Reverting points the record back at a known version, like a rollback. */
export function revertServiceDrift(slug: string): Promise<{ activeVersion: number }> {
  return mutation("traffic:rollback", (ctx) => revertDrift(ctx, deps(), slug));
}
