import type { Db } from "@/lib/db/client";
import { rollupRegion } from "./status";
import { loadThresholds, thresholdsFor } from "./thresholds";
import { defaultThresholds, type ReplicationLink, type ReplicationStatus, type Thresholds } from "./types";

// Current replication status per region: the latest sample of every registered endpoint,
// rolled up. Shaped for GET /api/v1/replication → {"regions":[{region, status, lagMs,
// lagBytes, link, sampledAt}]}; the extra fields serve the cards (age, thresholds, endpoints).

export type EndpointStatus = {
  id: string;
  name: string;
  role: "primary" | "replica";
  status: ReplicationStatus;
  lagMs: number | null;
  lagBytes: number | null;
  link: ReplicationLink | null;
  sampledAt: string | null;
  ageMs: number | null;
  error: string | null;
};

export type RegionStatus = {
  region: string;
  status: ReplicationStatus;
  lagMs: number | null;
  lagBytes: number | null;
  link: ReplicationLink | null;
  /** The oldest of its endpoints' latest samples, so one silent endpoint is not hidden. */
  sampledAt: string | null;
  ageMs: number | null;
  thresholds: Thresholds;
  endpoints: EndpointStatus[];
};

export type ReplicationOverview = { regions: RegionStatus[] };

type Row = {
  id: string;
  name: string;
  region_code: string;
  role: "primary" | "replica";
  sampled_at: Date | null;
  status: ReplicationStatus | null;
  lag_ms: number | null;
  lag_bytes: bigint | null;
  link: ReplicationLink | null;
  error: string | null;
};

export type StatusQueryOptions = {
  now?: Date;
  /** A latest sample older than this means the collector is not running: shown as "stale". */
  staleAfterMs?: number;
  defaults?: Thresholds;
};

export async function getReplicationStatus(db: Db, options: StatusQueryOptions = {}): Promise<ReplicationOverview> {
  const nowMs = (options.now ?? new Date()).getTime();
  const staleAfterMs = options.staleAfterMs ?? 5_000;
  // LATERAL + the (endpoint_id, sampled_at) primary key: one index probe per endpoint, whatever the history.
  const [rows, thresholds] = await Promise.all([
    db.$queryRaw<Row[]>`
      SELECT e.id, e.name, e.region_code, e.role::text AS role, s.sampled_at, s.status::text AS status,
             s.lag_ms, s.lag_bytes, s.link::text AS link, s.error
      FROM redis_endpoint e
      LEFT JOIN LATERAL (
        SELECT * FROM replication_sample x WHERE x.endpoint_id = e.id ORDER BY x.sampled_at DESC LIMIT 1
      ) s ON true
      ORDER BY e.region_code, e.role, e.name`,
    loadThresholds(db),
  ]);

  const byRegion = new Map<string, EndpointStatus[]>();
  for (const row of rows) {
    const ageMs = row.sampled_at ? Math.max(0, nowMs - row.sampled_at.getTime()) : null;
    const fresh = ageMs !== null && ageMs <= staleAfterMs;
    const endpoint: EndpointStatus = {
      id: row.id,
      name: row.name,
      role: row.role,
      status: fresh && row.status ? row.status : "stale",
      lagMs: row.lag_ms,
      lagBytes: row.lag_bytes === null ? null : Number(row.lag_bytes),
      link: row.link,
      sampledAt: row.sampled_at?.toISOString() ?? null,
      ageMs,
      error: fresh ? row.error : row.sampled_at ? "no sample for a while: is the worker running?" : "not sampled yet",
    };
    byRegion.set(row.region_code, [...(byRegion.get(row.region_code) ?? []), endpoint]);
  }

  const regions = [...byRegion].map(([region, endpoints]): RegionStatus => {
    const oldest = endpoints.reduce<EndpointStatus | null>((o, e) => (e.ageMs === null ? o : !o || (o.ageMs ?? 0) < e.ageMs ? e : o), null);
    const missing = endpoints.some((e) => e.sampledAt === null);
    return {
      ...rollupRegion(region, endpoints),
      sampledAt: missing ? null : (oldest?.sampledAt ?? null),
      ageMs: missing ? null : (oldest?.ageMs ?? null),
      thresholds: thresholdsFor(thresholds, region, options.defaults ?? defaultThresholds),
      endpoints,
    };
  });
  return { regions };
}
