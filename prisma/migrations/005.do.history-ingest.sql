-- Change history ingest at 20,000+ events/s on two cores: PostgreSQL does less per event.

-- 1. Full-text search reads a stored tsvector built by the ingest code
-- (lib/cloudtrail/search-vector.ts) instead of running to_tsvector over a search text: the
-- text parser was about a fifth of PostgreSQL's time per event, and every row a search
-- tests no longer has to be parsed again either. Queries are built by the same code, so
-- both sides split into the same words.
ALTER TABLE cloudtrail_event ADD COLUMN search_vector tsvector;

-- 2. The filters on account, region, event source, resource and resource type go through
-- the same vector and index, with terms of their own ("region:eu-west-1", "resource:<name
-- or ARN>", …): a btree or GIN index per filter cost several times more per event, the
-- resource GINs even for events that name no resource (GIN indexes an empty array too).
-- Event name and actor keep their btrees.
--
-- Events stored before this migration: their search text already has UUIDs joined and
-- separators blanked; split it into words the way the ingest code does (letters, digits
-- and "_", dots between them joining), and add the filter terms.
UPDATE cloudtrail_event SET search_vector = (
  SELECT coalesce(string_agg(format('%s:%s', left(word[1], 100), n), ' ')::tsvector, ''::tsvector)
  FROM regexp_matches(lower(search_text), '[[:alnum:]_]+(?:\.[[:alnum:]_]+)*', 'g') WITH ORDINALITY AS words(word, n)
) || array_to_tsvector(
  ARRAY['account:' || account_id, 'region:' || region, 'source:' || event_source]
  || ARRAY(SELECT 'resource:' || name FROM unnest(resource_names) name WHERE octet_length(name) <= 2038)
  || ARRAY(SELECT 'type:' || type FROM unnest(resource_types) type WHERE octet_length(type) <= 2042));

ALTER TABLE cloudtrail_event ALTER COLUMN search_vector SET NOT NULL;
DROP INDEX cloudtrail_event_search_idx;
DROP INDEX cloudtrail_event_account_idx;
DROP INDEX cloudtrail_event_region_idx;
DROP INDEX cloudtrail_event_source_idx;
DROP INDEX cloudtrail_event_resource_names_idx;
DROP INDEX cloudtrail_event_resource_types_idx;
ALTER TABLE cloudtrail_event DROP COLUMN search_text;
-- resource_types and resource_names only fed their GIN indexes: resources (jsonb) keeps them.
ALTER TABLE cloudtrail_event DROP COLUMN resource_types, DROP COLUMN resource_names;
CREATE INDEX cloudtrail_event_search_idx ON cloudtrail_event USING gin (search_vector);

-- 3. Rows of 2–3 KB stay whole and uncompressed. With the default target (2 KB) nearly every
-- row was compressed, some moved out of line into the TOAST table, which cost about a tenth
-- of PostgreSQL's time per event and saved little space. Larger records (policy documents)
-- are still compressed, with lz4 where the server has it.
CREATE OR REPLACE FUNCTION cloudtrail_event_ensure_partition(at timestamptz) RETURNS text
  LANGUAGE plpgsql AS $$
DECLARE
  month_start timestamp := date_trunc('month', at AT TIME ZONE 'UTC');
  name text := 'cloudtrail_event_p' || to_char(month_start, 'YYYYMM');
BEGIN
  IF to_regclass(name) IS NULL THEN
    PERFORM pg_advisory_xact_lock(7216905313);
    EXECUTE format(
      'CREATE TABLE IF NOT EXISTS %I PARTITION OF cloudtrail_event FOR VALUES FROM (%L) TO (%L) WITH (toast_tuple_target = 8160)',
      name, (month_start AT TIME ZONE 'UTC')::text, ((month_start + interval '1 month') AT TIME ZONE 'UTC')::text);
  END IF;
  RETURN name;
END $$;

DO $$
DECLARE partition regclass;
BEGIN
  FOR partition IN SELECT inhrelid::regclass FROM pg_inherits WHERE inhparent = 'cloudtrail_event'::regclass LOOP
    EXECUTE format('ALTER TABLE %s SET (toast_tuple_target = 8160)', partition);
  END LOOP;
END $$;

-- 4. The record is stored as the JSON text it came as (json, not jsonb): nothing queries
-- inside it, and building jsonb's binary form was a tenth of PostgreSQL's time per event.
-- It also keeps CloudTrail's own key order on the event page and in exports.
ALTER TABLE cloudtrail_event ALTER COLUMN record TYPE json USING record::json;
DO $$ BEGIN
  ALTER TABLE cloudtrail_event ALTER COLUMN record SET COMPRESSION lz4;
EXCEPTION WHEN feature_not_supported OR invalid_parameter_value OR undefined_object THEN NULL;
END $$;

-- 5. The event name and actor btrees drop event_id, which only breaks ties of the same
-- millisecond: a third less to write per event, and a page of "newest first" still comes
-- off the index in time order (an incremental sort orders the rare ties). The partial
-- indexes for errors and writes likewise.
DROP INDEX cloudtrail_event_name_idx;
DROP INDEX cloudtrail_event_actor_idx;
DROP INDEX cloudtrail_event_errors_idx;
DROP INDEX cloudtrail_event_writes_idx;
CREATE INDEX cloudtrail_event_name_idx ON cloudtrail_event (event_name, event_time);
CREATE INDEX cloudtrail_event_actor_idx ON cloudtrail_event (actor, event_time);
CREATE INDEX cloudtrail_event_errors_idx ON cloudtrail_event (event_time) WHERE error_code IS NOT NULL OR error_message IS NOT NULL;
CREATE INDEX cloudtrail_event_writes_idx ON cloudtrail_event (event_time) WHERE read_only = false;
