import type pg from "pg";
import type { BreachChange, OpenBreach } from "./breaches";
import type { Sample } from "./types";

// Writes of the leading collector, on its lock connection (see leader-lock.ts).

/** One INSERT per tick, however many endpoints: columns travel as arrays and unnest into rows. */
export async function insertSamples(client: pg.ClientBase, sampledAt: Date, samples: readonly Sample[]): Promise<void> {
  if (!samples.length) return;
  const col = <K extends keyof Sample>(key: K) => samples.map((s) => s[key]);
  await client.query(
    `INSERT INTO replication_sample (endpoint_id, region_code, sampled_at, status, lag_ms, lag_bytes, link,
       last_io_seconds_ago, sync_in_progress, clock_skew, clock_skew_ms, heartbeat_seq, probe_ms, error)
     SELECT e, r, $3, s, l, b, k, io, sy, cs, csm, hs, pm, er
     FROM unnest($1::uuid[], $2::text[], $4::replication_status[], $5::int[], $6::bigint[], $7::replication_link[],
                 $8::int[], $9::boolean[], $10::boolean[], $11::int[], $12::bigint[], $13::int[], $14::text[])
          AS t(e, r, s, l, b, k, io, sy, cs, csm, hs, pm, er)
     ON CONFLICT (endpoint_id, sampled_at) DO NOTHING`,
    [
      col("endpointId"),
      col("regionCode"),
      sampledAt,
      col("status"),
      col("lagMs"),
      col("lagBytes"),
      col("link"),
      col("lastIoSecondsAgo"),
      col("syncInProgress"),
      col("clockSkew"),
      col("clockSkewMs"),
      col("heartbeatSeq"),
      col("probeMs"),
      col("error"),
    ],
  );
}

type BreachRow = { id: string; region_code: string; level: "warning" | "critical"; threshold_ms: number; started_at: Date; peak_lag_ms: number | null };

/** The breaches a new leader inherits, so it closes them rather than opening duplicates. */
export async function loadOpenBreaches(client: pg.ClientBase): Promise<OpenBreach[]> {
  const { rows } = await client.query<BreachRow>(
    "SELECT id, region_code, level::text AS level, threshold_ms, started_at, peak_lag_ms FROM replication_breach WHERE ended_at IS NULL",
  );
  return rows.map((r) => ({
    id: r.id,
    regionCode: r.region_code,
    level: r.level,
    thresholdMs: r.threshold_ms,
    startedAtMs: r.started_at.getTime(),
    peakLagMs: r.peak_lag_ms,
    clearingSinceMs: null,
    clearTicks: 0,
  }));
}

/** Listeners (notifications, rollout gates) can LISTEN on this channel instead of polling. */
export const breachChannel = "flightdeck_replication_breach";

async function writeBreachChanges(client: pg.ClientBase, changes: readonly BreachChange[]): Promise<void> {
  for (const change of changes) {
    if (change.type === "open") {
      const b = change.breach;
      await client.query(
        "INSERT INTO replication_breach (id, region_code, level, threshold_ms, started_at, peak_lag_ms) VALUES ($1, $2, $3, $4, $5, $6)",
        [b.id, b.regionCode, b.level, b.thresholdMs, new Date(b.startedAtMs), b.peakLagMs],
      );
    } else if (change.type === "peak") {
      await client.query("UPDATE replication_breach SET peak_lag_ms = $2 WHERE id = $1", [change.id, change.peakLagMs]);
    } else {
      await client.query("UPDATE replication_breach SET ended_at = $2, peak_lag_ms = $3 WHERE id = $1", [
        change.breach.id,
        new Date(change.endedAtMs),
        change.breach.peakLagMs,
      ]);
    }
    if (change.type !== "peak") {
      const b = change.breach;
      const event = {
        event: change.type === "open" ? "opened" : "closed",
        id: b.id,
        region: b.regionCode,
        level: b.level,
        thresholdMs: b.thresholdMs,
        startedAt: new Date(b.startedAtMs).toISOString(),
        endedAt: change.type === "close" ? new Date(change.endedAtMs).toISOString() : null,
        peakLagMs: b.peakLagMs,
      };
      // Delivered on commit, so listeners never hear of a breach they cannot read yet.
      await client.query("SELECT pg_notify($1, $2)", [breachChannel, JSON.stringify(event)]);
    }
  }
}

/**
 * Stores one tick: its samples and the breach changes they caused, in one transaction,
 * so whoever sees a critical sample also sees its breach.
 */
export async function storeTick(client: pg.ClientBase, sampledAt: Date, samples: readonly Sample[], changes: readonly BreachChange[]): Promise<void> {
  if (!changes.length) return insertSamples(client, sampledAt, samples);
  await client.query("BEGIN");
  try {
    await insertSamples(client, sampledAt, samples);
    await writeBreachChanges(client, changes);
    await client.query("COMMIT");
  } catch (error) {
    await client.query("ROLLBACK").catch(() => undefined);
    throw error;
  }
}
