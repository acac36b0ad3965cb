-- Change history: CloudTrail events (ingested and imported), ingest progress, imported
-- log files, filter facets; full-text search over events and audit entries.

-- Full-text search uses built-in tsvector only: managed PostgreSQL often forbids extensions.
-- CloudTrail events carry their search text in a column computed at ingest
-- (lib/cloudtrail/search-text.ts); this is the same treatment in SQL for other JSON
-- documents: every value without its keys, UUIDs without hyphens (one word, not six),
-- ARN/path/URL separators as spaces (so "alice" finds arn:aws:iam::1:user/alice).
CREATE FUNCTION history_search_text(doc jsonb) RETURNS text
  LANGUAGE sql IMMUTABLE PARALLEL SAFE
  AS $$ SELECT regexp_replace(
                 regexp_replace(
                   regexp_replace(doc::text, '"(?:[^"\\]|\\.)*"\s*:', ' ', 'g'),
                   '\m([0-9a-fA-F]{8})-([0-9a-fA-F]{4})-([0-9a-fA-F]{4})-([0-9a-fA-F]{4})-([0-9a-fA-F]{12})\M', '\1\2\3\4\5', 'g'),
                 '[/:#=?&@,;|\\"''()\[\]{}<>]+', ' ', 'g') $$;

-- Audit entries have no single JSON document; this one stands for the whole entry. Its
-- search_path is pinned because PostgreSQL 17+ evaluates index expressions (CREATE INDEX,
-- REINDEX, VACUUM) with only pg_catalog on the path, where history_search_text is not.
CREATE FUNCTION audit_search_text(actor text, action text, target text, request_id text, before jsonb, after jsonb) RETURNS text
  LANGUAGE sql IMMUTABLE PARALLEL SAFE SET search_path FROM CURRENT
  AS $$ SELECT history_search_text(jsonb_build_array(actor, action, target, request_id, before, after)) $$;

CREATE TABLE cloudtrail_event (
  event_time            timestamptz(3) NOT NULL,
  event_id              text NOT NULL,
  account_id            text NOT NULL,
  region                text NOT NULL,
  event_source          text NOT NULL,
  event_name            text NOT NULL,
  event_type            text,
  actor                 text,
  actor_arn             text,
  principal_type        text,
  access_key_id         text,
  source_ip             text,
  user_agent            text,
  read_only             boolean,
  error_code            text,
  error_message         text,
  aws_request_id        text,
  flightdeck_request_id text,
  resources             jsonb NOT NULL,
  resource_types        text[] NOT NULL,
  resource_names        text[] NOT NULL,
  record                jsonb NOT NULL,
  search_text           text NOT NULL,
  origin                text NOT NULL,
  ingested_at           timestamptz(3) NOT NULL DEFAULT now(),
  PRIMARY KEY (event_time, event_id)
) PARTITION BY RANGE (event_time);

-- lz4 compresses records several times faster than the default pglz, which matters at
-- ingest; servers built without lz4 keep pglz.
DO $$ BEGIN
  ALTER TABLE cloudtrail_event ALTER COLUMN record SET COMPRESSION lz4;
EXCEPTION WHEN feature_not_supported OR invalid_parameter_value OR undefined_object THEN NULL;
END $$;

-- Each filter leads an index that ends in the timeline's order (event_time, event_id), so
-- "newest first where X" reads only the rows it returns; the errors and writes-only
-- filters get partial indexes of the same order.
CREATE INDEX cloudtrail_event_account_idx ON cloudtrail_event (account_id, event_time, event_id);
CREATE INDEX cloudtrail_event_region_idx ON cloudtrail_event (region, event_time, event_id);
CREATE INDEX cloudtrail_event_source_idx ON cloudtrail_event (event_source, event_time, event_id);
CREATE INDEX cloudtrail_event_name_idx ON cloudtrail_event (event_name, event_time, event_id);
CREATE INDEX cloudtrail_event_actor_idx ON cloudtrail_event (actor, event_time, event_id);
CREATE INDEX cloudtrail_event_errors_idx ON cloudtrail_event (event_time, event_id) WHERE error_code IS NOT NULL OR error_message IS NOT NULL;
CREATE INDEX cloudtrail_event_writes_idx ON cloudtrail_event (event_time, event_id) WHERE read_only = false;
CREATE INDEX cloudtrail_event_resource_names_idx ON cloudtrail_event USING gin (resource_names);
CREATE INDEX cloudtrail_event_resource_types_idx ON cloudtrail_event USING gin (resource_types);
CREATE INDEX cloudtrail_event_flightdeck_request_idx ON cloudtrail_event (flightdeck_request_id) WHERE flightdeck_request_id IS NOT NULL;
CREATE INDEX cloudtrail_event_search_idx ON cloudtrail_event USING gin (to_tsvector('simple'::regconfig, search_text));

CREATE INDEX audit_entry_search_idx ON audit_entry
  USING gin (to_tsvector('simple'::regconfig, audit_search_text(actor, action, target, request_id, before, after)));
CREATE INDEX audit_entry_request_id_idx ON audit_entry (request_id);

-- Monthly partitions (cloudtrail_event_pYYYYMM), created by writers before they insert.
-- There is deliberately no DEFAULT partition: a row for a month nobody prepared fails
-- loudly instead of landing where it would block creating that month's partition later.
CREATE FUNCTION cloudtrail_event_ensure_partition(at timestamptz) RETURNS text
  LANGUAGE plpgsql AS $$
DECLARE
  month_start timestamp := date_trunc('month', at AT TIME ZONE 'UTC');
  name text := 'cloudtrail_event_p' || to_char(month_start, 'YYYYMM');
BEGIN
  IF to_regclass(name) IS NULL THEN
    PERFORM pg_advisory_xact_lock(7216905313);
    EXECUTE format(
      'CREATE TABLE IF NOT EXISTS %I PARTITION OF cloudtrail_event FOR VALUES FROM (%L) TO (%L)',
      name, (month_start AT TIME ZONE 'UTC')::text, ((month_start + interval '1 month') AT TIME ZONE 'UTC')::text);
  END IF;
  RETURN name;
END $$;

CREATE TABLE cloudtrail_ingest_state (
  account_id      text NOT NULL,
  region          text NOT NULL,
  backfill_from   timestamptz(3) NOT NULL,
  low_watermark   timestamptz(3),
  high_watermark  timestamptz(3),
  chunk_kind      text CHECK (chunk_kind IN ('live', 'backfill')),
  chunk_start     timestamptz(3),
  chunk_end       timestamptz(3),
  next_token      text,
  events_stored   bigint NOT NULL DEFAULT 0,
  events_seen     bigint NOT NULL DEFAULT 0,
  requests        bigint NOT NULL DEFAULT 0,
  throttled       bigint NOT NULL DEFAULT 0,
  last_poll_at    timestamptz(3),
  last_success_at timestamptz(3),
  last_error      text,
  last_error_at   timestamptz(3),
  updated_at      timestamptz(3) NOT NULL DEFAULT now(),
  PRIMARY KEY (account_id, region)
);

CREATE TABLE cloudtrail_import_file (
  sha256      text PRIMARY KEY,
  path        text NOT NULL,
  records     integer NOT NULL,
  stored      integer NOT NULL,
  imported_at timestamptz(3) NOT NULL DEFAULT now()
);

CREATE TABLE cloudtrail_facet (
  field     text NOT NULL,
  value     text NOT NULL,
  last_seen timestamptz(3) NOT NULL,
  PRIMARY KEY (field, value)
);
