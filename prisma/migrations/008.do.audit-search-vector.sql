-- Full text over audit entries from a stored tsvector.
--
-- The audit log was searched through an expression index on to_tsvector(audit_search_text(…)).
-- When the planner walks the entries newest first instead (a page of a common word), it runs
-- that expression for every entry it passes: ~45 µs each, 68 ms for a week of entries in
-- bench:history, longer than the CloudTrail side of the same page. A generated column keeps
-- the vector, computed once when the entry is appended.
ALTER TABLE audit_entry ADD COLUMN search_vector tsvector
  GENERATED ALWAYS AS (to_tsvector('simple'::regconfig, audit_search_text(actor, action, target, request_id, before, after))) STORED;
DROP INDEX audit_entry_search_idx;
CREATE INDEX audit_entry_search_idx ON audit_entry USING gin (search_vector);
