-- Change history charts from hourly counts instead of every event.
--
-- The charts above the timeline (events over time, top actors, top event names) counted the
-- matching events one by one. At ten million events a month of them is gigabytes of rows,
-- and the charts timed out. cloudtrail_rollup_hour holds, per hour, how many events there
-- were of each combination of the fields the charts and their cheap filters use, and
-- cloudtrail_rollup_day the same per day (at ten million events over 90 days: ~1,700 rows an
-- hour, ~6,500 a day, for ~110,000 events a day). A chart sums the counts of the whole days
-- and hours in its range (lib/history/query-charts.ts).
--
-- Ingest does not maintain the counts itself (concurrent imports would queue on the same
-- count rows). It marks each hour it writes as dirty in the same transaction as the events;
-- a worker task later recounts dirty hours from the events, and rebuilds their days. A chart
-- counts dirty hours from the events directly, and uses a day's counts only when none of its
-- hours is dirty, so it is exact even before the worker catches up.
CREATE TABLE cloudtrail_rollup_hour (
  id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  hour         timestamptz(3) NOT NULL,
  account_id   text NOT NULL,
  region       text NOT NULL,
  event_source text NOT NULL,
  event_name   text NOT NULL,
  actor        text,
  read_only    boolean,
  failed       boolean NOT NULL,
  events       integer NOT NULL
);
CREATE INDEX cloudtrail_rollup_hour_hour_idx ON cloudtrail_rollup_hour (hour);

-- Rebuilt from the day's hourly counts whenever one of its hours is recounted.
CREATE TABLE cloudtrail_rollup_day (
  id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  day          timestamptz(3) NOT NULL,
  account_id   text NOT NULL,
  region       text NOT NULL,
  event_source text NOT NULL,
  event_name   text NOT NULL,
  actor        text,
  read_only    boolean,
  failed       boolean NOT NULL,
  events       integer NOT NULL
);
CREATE INDEX cloudtrail_rollup_day_day_idx ON cloudtrail_rollup_day (day);

-- One row per stored batch and hour it touched, never updated, so writers never wait for
-- each other. The recount deletes exactly the marks its snapshot sees (lib/history/rollup.ts).
CREATE TABLE cloudtrail_rollup_dirty (
  id   bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  hour timestamptz(3) NOT NULL
);
CREATE INDEX cloudtrail_rollup_dirty_hour_idx ON cloudtrail_rollup_dirty (hour);

-- Events stored before this migration: every hour they cover is dirty until recounted.
INSERT INTO cloudtrail_rollup_dirty (hour)
SELECT DISTINCT date_trunc('hour', event_time, 'UTC') FROM cloudtrail_event;
