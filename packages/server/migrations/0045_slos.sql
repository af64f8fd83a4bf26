-- 0045 SLOs: service level objectives and the per-minute SLI counts behind them.

-- One objective of one service. Availability (good/total events) and latency
-- (requests under latency_threshold_ms / all requests) are both stored as good/total
-- counts, so the burn-rate maths never needs the kind.
create table slos (
  id                   uuid primary key default gen_random_uuid(),
  service_id           uuid not null references services (id) on delete cascade,
  name                 text not null,
  description          text not null default '',
  kind                 text not null check (kind in ('availability', 'latency')),
  -- target share of good events: 0.999 = 99.9 %
  objective            double precision not null check (objective > 0 and objective < 1),
  window_days          integer not null check (window_days in (7, 28, 30)),
  latency_threshold_ms integer check (latency_threshold_ms > 0),
  -- {"type":"push"} | {"type":"heartbeat","integrationId"} | {"type":"check","checkId"}
  -- | {"type":"prometheus","url","good","total"}
  source               jsonb not null,
  -- whether burn-rate alerts go into the alert pipeline
  alerting             boolean not null default true,
  -- pulled sources: the end of the last minute collected (null: nothing yet)
  collected_until      timestamptz,
  -- the engine's last evaluation, and which alert severities ('page', 'ticket') it left open
  evaluated_at         timestamptz,
  open_severities      text[] not null default '{}',
  created_at           timestamptz not null,
  updated_at           timestamptz not null
);
create unique index slos_service_name_key on slos (service_id, lower(name));
create index slos_evaluated_at_idx on slos (evaluated_at nulls first);

-- SLI counts per SLO and minute. (slo_id, bucket_start) is the idempotency key: a
-- sender's repeat of a bucket replaces it instead of adding to it. Counts are
-- doubles because Prometheus's increase() extrapolates to fractions.
create table slo_buckets (
  slo_id       uuid not null references slos (id) on delete cascade,
  bucket_start timestamptz not null,
  good         double precision not null check (good >= 0),
  total        double precision not null check (total >= good),
  primary key (slo_id, bucket_start)
);
