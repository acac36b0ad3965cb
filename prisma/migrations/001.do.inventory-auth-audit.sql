-- Inventory, users, API tokens and the audit log.

CREATE TYPE service_topology AS ENUM ('single-region', 'multi-region');
CREATE TYPE load_balancer_kind AS ENUM ('shared-proxy', 'bespoke-heartbeat');
CREATE TYPE redis_role AS ENUM ('primary', 'replica');
CREATE TYPE role AS ENUM ('manager', 'operator', 'auditor', 'admin');

CREATE TABLE aws_account (
  id              uuid PRIMARY KEY,
  account_id      text NOT NULL UNIQUE,
  name            text NOT NULL,
  assume_role_arn text,
  created_at      timestamptz(3) NOT NULL DEFAULT now(),
  updated_at      timestamptz(3) NOT NULL
);

CREATE TABLE region (
  code       text PRIMARY KEY,
  name       text NOT NULL,
  latitude   double precision NOT NULL,
  longitude  double precision NOT NULL,
  created_at timestamptz(3) NOT NULL DEFAULT now(),
  updated_at timestamptz(3) NOT NULL
);

CREATE TABLE service (
  id               uuid PRIMARY KEY,
  slug             text NOT NULL UNIQUE,
  name             text NOT NULL,
  path_pattern     text NOT NULL,
  topology         service_topology NOT NULL,
  home_region_code text NOT NULL REFERENCES region (code) ON DELETE RESTRICT ON UPDATE CASCADE,
  aws_account_id   uuid REFERENCES aws_account (id) ON DELETE RESTRICT ON UPDATE CASCADE,
  record_name      text NOT NULL UNIQUE,
  hosted_zone_id   text NOT NULL,
  ttl              integer NOT NULL DEFAULT 60,
  created_at       timestamptz(3) NOT NULL DEFAULT now(),
  updated_at       timestamptz(3) NOT NULL
);

CREATE TABLE load_balancer (
  id            uuid PRIMARY KEY,
  name          text NOT NULL,
  region_code   text NOT NULL REFERENCES region (code) ON DELETE RESTRICT ON UPDATE CASCADE,
  dns_name      text NOT NULL UNIQUE,
  kind          load_balancer_kind NOT NULL,
  service_id    uuid REFERENCES service (id) ON DELETE RESTRICT ON UPDATE CASCADE,
  heartbeat_url text,
  created_at    timestamptz(3) NOT NULL DEFAULT now(),
  updated_at    timestamptz(3) NOT NULL
);
CREATE INDEX load_balancer_service_id_idx ON load_balancer (service_id);

CREATE TABLE health_check (
  id                uuid PRIMARY KEY,
  route53_id        text UNIQUE,
  load_balancer_id  uuid NOT NULL REFERENCES load_balancer (id) ON DELETE RESTRICT ON UPDATE CASCADE,
  path              text NOT NULL,
  interval_seconds  integer NOT NULL DEFAULT 30,
  failure_threshold integer NOT NULL DEFAULT 3,
  created_at        timestamptz(3) NOT NULL DEFAULT now(),
  updated_at        timestamptz(3) NOT NULL
);
CREATE INDEX health_check_load_balancer_id_idx ON health_check (load_balancer_id);

CREATE TABLE redis_endpoint (
  id          uuid PRIMARY KEY,
  name        text NOT NULL UNIQUE,
  region_code text NOT NULL REFERENCES region (code) ON DELETE RESTRICT ON UPDATE CASCADE,
  role        redis_role NOT NULL,
  url         text NOT NULL,
  created_at  timestamptz(3) NOT NULL DEFAULT now(),
  updated_at  timestamptz(3) NOT NULL
);

CREATE TABLE app_user (
  id            uuid PRIMARY KEY,
  email         text NOT NULL UNIQUE,
  name          text NOT NULL,
  role          role NOT NULL,
  password_hash text,
  disabled      boolean NOT NULL DEFAULT false,
  last_login_at timestamptz(3),
  created_at    timestamptz(3) NOT NULL DEFAULT now(),
  updated_at    timestamptz(3) NOT NULL
);

CREATE TABLE api_token (
  id            uuid PRIMARY KEY,
  name          text NOT NULL,
  role          role NOT NULL,
  token_hash    text NOT NULL UNIQUE,
  prefix        text NOT NULL,
  created_by_id uuid REFERENCES app_user (id) ON DELETE SET NULL ON UPDATE CASCADE,
  last_used_at  timestamptz(3),
  revoked_at    timestamptz(3),
  created_at    timestamptz(3) NOT NULL DEFAULT now()
);

CREATE TABLE audit_entry (
  seq        bigint PRIMARY KEY,
  at         timestamptz(3) NOT NULL,
  actor      text NOT NULL,
  actor_role text,
  action     text NOT NULL,
  target     text NOT NULL,
  before     jsonb,
  after      jsonb,
  request_id text NOT NULL,
  prev_hash  text NOT NULL,
  hash       text NOT NULL UNIQUE
);
CREATE INDEX audit_entry_at_idx ON audit_entry (at);
CREATE INDEX audit_entry_actor_at_idx ON audit_entry (actor, at);
CREATE INDEX audit_entry_target_at_idx ON audit_entry (target, at);
