-- Redis replication lag: raw samples, one-minute aggregates, per-region thresholds, breaches.
-- No foreign keys to redis_endpoint/region: history outlives inventory edits (see replication.prisma).

CREATE TYPE replication_status AS ENUM ('ok', 'warning', 'critical', 'unreachable', 'stale', 'skewed');
CREATE TYPE replication_link AS ENUM ('up', 'down', 'sync', 'external', 'unknown');
CREATE TYPE replication_breach_level AS ENUM ('warning', 'critical');

CREATE TABLE replication_sample (
  endpoint_id         uuid NOT NULL,
  region_code         text NOT NULL,
  sampled_at          timestamptz(3) NOT NULL,
  status              replication_status NOT NULL,
  lag_ms              integer,
  lag_bytes           bigint,
  link                replication_link,
  last_io_seconds_ago integer,
  sync_in_progress    boolean NOT NULL DEFAULT false,
  clock_skew          boolean NOT NULL DEFAULT false,
  clock_skew_ms       integer,
  heartbeat_seq       bigint,
  probe_ms            integer,
  error               text,
  CONSTRAINT replication_sample_pkey PRIMARY KEY (endpoint_id, sampled_at)
);
CREATE INDEX replication_sample_region_code_sampled_at_idx ON replication_sample (region_code, sampled_at);
-- Append-only by time: a BRIN index makes retention deletes cheap at a tiny size.
CREATE INDEX replication_sample_sampled_at_idx ON replication_sample USING brin (sampled_at);

CREATE TABLE replication_sample_minute (
  endpoint_id         uuid NOT NULL,
  region_code         text NOT NULL,
  minute              timestamptz(3) NOT NULL,
  samples             integer NOT NULL,
  ok_samples          integer NOT NULL,
  unreachable_samples integer NOT NULL,
  min_lag_ms          integer,
  avg_lag_ms          double precision,
  p95_lag_ms          integer,
  max_lag_ms          integer,
  max_lag_bytes       bigint,
  worst_status        replication_status NOT NULL,
  CONSTRAINT replication_sample_minute_pkey PRIMARY KEY (endpoint_id, minute)
);
CREATE INDEX replication_sample_minute_region_code_minute_idx ON replication_sample_minute (region_code, minute);
CREATE INDEX replication_sample_minute_minute_idx ON replication_sample_minute (minute);

CREATE TABLE replication_threshold (
  region_code text PRIMARY KEY,
  warning_ms  integer NOT NULL,
  critical_ms integer NOT NULL,
  updated_by  text,
  updated_at  timestamptz(3) NOT NULL
);

CREATE TABLE replication_breach (
  id           uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  region_code  text NOT NULL,
  level        replication_breach_level NOT NULL,
  threshold_ms integer NOT NULL,
  started_at   timestamptz(3) NOT NULL,
  ended_at     timestamptz(3),
  peak_lag_ms  integer
);
CREATE INDEX replication_breach_region_code_started_at_idx ON replication_breach (region_code, started_at);
CREATE INDEX replication_breach_ended_at_idx ON replication_breach (ended_at);
