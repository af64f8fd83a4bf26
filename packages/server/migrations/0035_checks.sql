-- Synthetic monitoring: checks probe a target on an interval, like a user would,
-- and a check that keeps failing raises an alert on its service.

create table checks (
  id                  uuid primary key default gen_random_uuid(),
  service_id          uuid not null references services (id) on delete cascade,
  name                text not null,
  kind                text not null check (kind in ('http', 'tcp', 'tls', 'dns')),
  -- what the probe aims at, for lists and search: the URL, host:port or DNS name
  target              text not null,
  -- the kind's own settings (method, headers, expected status, keyword, record type…),
  -- validated by the API's schema before they are stored
  settings            jsonb not null,
  interval_seconds    integer not null check (interval_seconds between 20 and 86400),
  timeout_ms          integer not null check (timeout_ms between 1000 and 60000),
  -- failed probes in a row tolerated before the check is declared down
  retries             integer not null check (retries between 0 and 10),
  -- only an admin may let a check reach private and loopback addresses
  allow_internal      boolean not null default false,
  paused              boolean not null default false,
  state               text not null default 'pending' check (state in ('pending', 'up', 'down')),
  -- consecutive failed probes (0 after a success)
  failures            integer not null default 0,
  state_changed_at    timestamptz,
  last_run_at         timestamptz,
  last_ok             boolean,
  last_latency_ms     integer,
  last_message        text,
  -- the last 30 latencies in ms, oldest first, -1 for a failed probe: the list's
  -- sparkline without reading results
  recent              integer[] not null default '{}',
  -- when the next probe is due; a probe is started by whichever engine leases it
  next_at             timestamptz not null,
  -- the lease: an engine that dies mid-probe loses it at lease_until and another
  -- engine runs the check; a result is only recorded by the lease's holder
  lease_owner         text,
  lease_until         timestamptz,
  created_by          text,
  created_at          timestamptz not null,
  updated_at          timestamptz not null
);
comment on table checks is 'Synthetic checks (HTTP, TCP, TLS expiry, DNS): settings, current state and the engine lease';

create unique index checks_service_name_idx on checks (service_id, lower(name));
create index checks_due_idx on checks (next_at) where not paused;

create table check_results (
  check_id     uuid not null references checks (id) on delete cascade,
  -- when the probe started (its scheduled slot's start, for rollups)
  at           timestamptz not null,
  ok           boolean not null,
  latency_ms   integer,
  message      text,
  -- run during a maintenance window of the service: not counted against uptime
  maintenance  boolean not null default false,
  -- how late the probe started after its slot: the engine's own health
  start_delay_ms integer,
  primary key (check_id, at)
);
comment on table check_results is 'Raw probe results, kept about 48 hours; check_rollups keeps the long view';

create index check_results_at_idx on check_results (at);

create table check_rollups (
  check_id     uuid not null references checks (id) on delete cascade,
  resolution   text not null check (resolution in ('minute', 'hour', 'day')),
  bucket       timestamptz not null,
  -- probes that count for uptime (outside maintenance), and how many of them passed
  total        integer not null,
  up           integer not null,
  -- latency of the passing probes, in ms (null when none passed)
  latency_p50  integer,
  latency_p95  integer,
  latency_max  integer,
  primary key (check_id, resolution, bucket)
);
comment on table check_rollups is 'Per-minute, per-hour and per-day summaries of check_results: uptime counts and latency percentiles';

create table check_rollup_cursors (
  resolution    text primary key check (resolution in ('minute', 'hour', 'day')),
  -- every bucket before this has been rolled up
  rolled_until  timestamptz not null
);
comment on table check_rollup_cursors is 'How far each rollup resolution has been computed; one engine at a time advances it (SKIP LOCKED)';
