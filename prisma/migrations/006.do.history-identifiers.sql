-- Change history ingest, PostgreSQL's share per event cut again.
--
-- 1. Identifiers leave the GIN index (lib/cloudtrail/search-vector.ts explains why).
--
-- An identifier is a word of 16 or more characters from a–z and 0–9, with a digit in it:
-- request and event ids, access keys, resource ids. Nearly every one is new, and each
-- new word is a new entry of a GIN tree that keeps growing: the ~4 identifiers of an event cost
-- more at ingest than its 30 other words together. In the vector an identifier is now two
-- sketch terms at its position, "#" + its last two characters and "%" + the two before, which
-- hold a few hundred values each; the identifier itself is kept, between spaces, in the new
-- identifiers column, which confirms a match exactly.
ALTER TABLE cloudtrail_event ADD COLUMN identifiers text NOT NULL DEFAULT '';

-- Events stored before: their vectors hold identifiers as words. Rebuild those vectors as the
-- ingest code now writes them (a tsvector literal merges the positions of repeated terms).
CREATE FUNCTION pg_temp.tsvector_lexeme(lexeme text, positions smallint[]) RETURNS text
  LANGUAGE sql IMMUTABLE AS $$
    SELECT '''' || replace(replace(lexeme, '\', '\\'), '''', '''''') || ''''
      || coalesce(':' || array_to_string(positions, ','), '')
  $$;

WITH rebuilt AS (
  SELECT e.event_time, e.event_id,
    string_agg(
      CASE WHEN w.identifier
        THEN pg_temp.tsvector_lexeme('#' || right(w.lexeme, 2), w.positions) || ' ' || pg_temp.tsvector_lexeme('%' || left(right(w.lexeme, 4), 2), w.positions)
        ELSE pg_temp.tsvector_lexeme(w.lexeme, w.positions) END, ' ')::tsvector AS search_vector,
    coalesce(' ' || string_agg(w.lexeme, ' ') FILTER (WHERE w.identifier) || ' ', '') AS identifiers
  FROM cloudtrail_event e,
    LATERAL (SELECT u.lexeme, u.positions, u.lexeme ~ '^[a-z0-9]{16,}$' AND u.lexeme ~ '[0-9]' AS identifier FROM unnest(e.search_vector) u) w
  WHERE EXISTS (SELECT 1 FROM unnest(e.search_vector) u WHERE u.lexeme ~ '^[a-z0-9]{16,}$' AND u.lexeme ~ '[0-9]')
  GROUP BY e.event_time, e.event_id
)
UPDATE cloudtrail_event e SET search_vector = r.search_vector, identifiers = r.identifiers
FROM rebuilt r WHERE e.event_time = r.event_time AND e.event_id = r.event_id;

-- 2. The record is kept as plain text: the importer stores each record's JSON text as the log
-- file holds it, already parsed (and so checked) in Node, and json's input check was PostgreSQL
-- reading every record a second time (a sixteenth of its time per event). Queries read it
-- back as record::json.
ALTER TABLE cloudtrail_event ALTER COLUMN record TYPE text;
DO $$ BEGIN
  ALTER TABLE cloudtrail_event ALTER COLUMN record SET COMPRESSION lz4;
EXCEPTION WHEN feature_not_supported OR invalid_parameter_value OR undefined_object THEN NULL;
END $$;
