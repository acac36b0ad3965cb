-- Traffic control: policies, immutable versions, operations (publish/rollback/…), health observations.
-- Foreign keys to service and health_check live here only (see traffic.prisma for why).

CREATE TYPE traffic_operation_kind AS ENUM ('publish', 'rollback', 'revert', 'adopt', 'bootstrap');
CREATE TYPE traffic_operation_state AS ENUM ('pending', 'applying', 'applied', 'failed');
CREATE TYPE observed_health AS ENUM ('healthy', 'unhealthy', 'unknown');

CREATE TABLE traffic_policy (
  service_id           uuid PRIMARY KEY REFERENCES service (id) ON DELETE RESTRICT ON UPDATE CASCADE,
  policy_name          text NOT NULL,
  route53_policy_id    text NOT NULL UNIQUE,
  route53_instance_id  text UNIQUE,
  record_type          text NOT NULL DEFAULT 'A',
  active_version       integer,
  pending_operation_id uuid,
  revision             integer NOT NULL DEFAULT 0,
  client_mix           jsonb,
  drift                jsonb,
  drift_detected_at    timestamptz(3),
  reconciled_at        timestamptz(3),
  created_at           timestamptz(3) NOT NULL DEFAULT now(),
  updated_at           timestamptz(3) NOT NULL
);

CREATE TABLE traffic_version (
  id                   uuid PRIMARY KEY,
  service_id           uuid NOT NULL REFERENCES service (id) ON DELETE RESTRICT ON UPDATE CASCADE,
  version              integer,
  multi_region_percent integer CHECK (multi_region_percent BETWEEN 0 AND 100),
  document             text NOT NULL,
  reason               text NOT NULL,
  origin               traffic_operation_kind NOT NULL,
  created_by           text NOT NULL,
  created_by_role      text,
  created_at           timestamptz(3) NOT NULL DEFAULT now(),
  route53_deleted_at   timestamptz(3)
);
-- One row per Route 53 version number and service: the last guard against recording a version twice.
CREATE UNIQUE INDEX traffic_version_service_id_version_key ON traffic_version (service_id, version);
CREATE INDEX traffic_version_service_id_created_at_idx ON traffic_version (service_id, created_at);

-- Versions are immutable: only the Route 53 number may be filled in, once (and a deletion in Route 53 noted).
CREATE FUNCTION traffic_version_immutable() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.document IS DISTINCT FROM OLD.document OR NEW.multi_region_percent IS DISTINCT FROM OLD.multi_region_percent
     OR NEW.reason IS DISTINCT FROM OLD.reason OR NEW.created_by IS DISTINCT FROM OLD.created_by
     OR NEW.service_id IS DISTINCT FROM OLD.service_id OR NEW.origin IS DISTINCT FROM OLD.origin
     OR (OLD.version IS NOT NULL AND NEW.version IS DISTINCT FROM OLD.version) THEN
    RAISE EXCEPTION 'traffic_version % is immutable', OLD.id;
  END IF;
  RETURN NEW;
END $$;
CREATE TRIGGER traffic_version_immutable BEFORE UPDATE ON traffic_version
  FOR EACH ROW EXECUTE FUNCTION traffic_version_immutable();

CREATE TABLE traffic_operation (
  id           uuid PRIMARY KEY,
  service_id   uuid NOT NULL REFERENCES service (id) ON DELETE RESTRICT ON UPDATE CASCADE,
  kind         traffic_operation_kind NOT NULL,
  version_id   uuid NOT NULL REFERENCES traffic_version (id) ON DELETE RESTRICT,
  from_version integer,
  reason       text NOT NULL,
  actor        text NOT NULL,
  actor_role   text,
  state        traffic_operation_state NOT NULL,
  step         text NOT NULL,
  message      text,
  request_id   text NOT NULL,
  started_at   timestamptz(3) NOT NULL DEFAULT now(),
  finished_at  timestamptz(3)
);
CREATE INDEX traffic_operation_service_id_started_at_idx ON traffic_operation (service_id, started_at);
CREATE INDEX traffic_operation_version_id_idx ON traffic_operation (version_id);
CREATE INDEX traffic_operation_state_idx ON traffic_operation (state);

ALTER TABLE traffic_policy ADD CONSTRAINT traffic_policy_pending_operation_id_fkey
  FOREIGN KEY (pending_operation_id) REFERENCES traffic_operation (id) ON DELETE SET NULL;

CREATE TABLE health_observation (
  health_check_id uuid PRIMARY KEY REFERENCES health_check (id) ON DELETE CASCADE,
  route53_id      text NOT NULL,
  status          observed_health NOT NULL,
  healthy_count   integer NOT NULL,
  checker_count   integer NOT NULL,
  detail          text,
  changed_at      timestamptz(3) NOT NULL,
  observed_at     timestamptz(3) NOT NULL
);
