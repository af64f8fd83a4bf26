-- 0002 alert pipeline: integrations, alerts and their log, change events,
-- maintenance windows, escalation policies, contact methods, notification rules,
-- the escalation state the engine advances, notifications and the outbox.

-- Escalation policies: ordered steps, each with targets and a delay before the next.
create table escalation_policies (
  id           uuid primary key default gen_random_uuid(),
  name         text not null,
  description  text not null default '',
  team_id      uuid references teams (id) on delete set null,
  -- how many more times the whole list runs after the last step (0 = once)
  repeat_count integer not null default 0 check (repeat_count between 0 and 20),
  created_at   timestamptz not null default now(),
  updated_at   timestamptz not null default now()
);
create unique index escalation_policies_name_key on escalation_policies (lower(name));

create table escalation_steps (
  id              uuid primary key default gen_random_uuid(),
  policy_id       uuid not null references escalation_policies (id) on delete cascade,
  position        integer not null,
  -- minutes to wait after this step notifies before the next step fires
  delay_minutes   integer not null check (delay_minutes between 0 and 1440),
  -- when true the step counts as acknowledged only once every notified person has
  require_all_ack boolean not null default false,
  -- [{"type":"user","userId":…} | {"type":"webhook","url":…,"secret":…}]; the
  -- schedules issue adds schedule / schedule_primary / schedule_secondary
  targets         jsonb not null,
  unique (policy_id, position)
);

alter table services
  add column escalation_policy_id uuid references escalation_policies (id) on delete set null,
  -- an acknowledgement older than this re-triggers the alert (null = never)
  add column ack_timeout_minutes integer check (ack_timeout_minutes between 1 and 10080),
  -- alerts of one service within this window page once, as one group (0 = off)
  add column storm_window_seconds integer not null default 300 check (storm_window_seconds between 0 and 86400);

-- Integrations: how senders reach a service. The key is the whole credential.
create table integrations (
  id                         uuid primary key default gen_random_uuid(),
  service_id                 uuid not null references services (id) on delete cascade,
  name                       text not null,
  kind                       text not null check (kind in ('pagerduty', 'alertmanager', 'grafana', 'opsgenie', 'generic', 'heartbeat')),
  key                        text not null unique check (length(key) = 32),
  rate_limit_per_minute      integer not null default 1200 check (rate_limit_per_minute between 1 and 1000000),
  heartbeat_interval_minutes integer check (heartbeat_interval_minutes between 1 and 10080),
  heartbeat_last_at          timestamptz,
  created_at                 timestamptz not null default now(),
  updated_at                 timestamptz not null default now(),
  check ((kind = 'heartbeat') = (heartbeat_interval_minutes is not null))
);
create index integrations_service_idx on integrations (service_id);
create index integrations_heartbeat_idx on integrations (heartbeat_last_at) where kind = 'heartbeat';

create table alerts (
  id                uuid primary key default gen_random_uuid(),
  -- short number people can say and type ("reply 42A")
  number            bigint generated always as identity unique,
  service_id        uuid not null references services (id) on delete cascade,
  integration_id    uuid references integrations (id) on delete set null,
  dedup_key         text not null,
  status            text not null check (status in ('triggered', 'acknowledged', 'resolved')),
  urgency           text not null check (urgency in ('high', 'low')),
  summary           text not null,
  source            text,
  severity          text,
  details           jsonb not null default '{}',
  links             jsonb not null default '[]',
  occurrences       integer not null default 1,
  -- storm grouping: followers point at the alert that paged for the group
  group_leader_id   uuid references alerts (id) on delete set null,
  group_size        integer not null default 1,
  -- id of the maintenance window that kept this alert from paging
  suppressed_by     uuid,
  trace_id          text,
  created_at        timestamptz not null,
  last_seen_at      timestamptz not null,
  acknowledged_at   timestamptz,
  acknowledged_by   text,
  resolved_at       timestamptz,
  resolved_by       text
);
-- At most one open alert per (service, dedup key): the database settles races.
create unique index alerts_open_dedup_key on alerts (service_id, dedup_key) where status <> 'resolved';
create index alerts_status_idx on alerts (status, created_at desc);
create index alerts_service_idx on alerts (service_id, created_at desc);
create index alerts_leader_idx on alerts (group_leader_id) where group_leader_id is not null;
create index alerts_ack_timeout_idx on alerts (acknowledged_at) where status = 'acknowledged';

-- Every transition and every notification attempt of an alert.
create table alert_log (
  id       bigint generated always as identity primary key,
  alert_id uuid not null references alerts (id) on delete cascade,
  at       timestamptz not null,
  event    text not null,
  actor    text,
  channel  text,
  target   text,
  result   text,
  details  jsonb
);
create index alert_log_alert_idx on alert_log (alert_id, id);

-- Deploys and config changes: on the timeline, never paging.
create table change_events (
  id             uuid primary key default gen_random_uuid(),
  service_id     uuid not null references services (id) on delete cascade,
  integration_id uuid references integrations (id) on delete set null,
  summary        text not null,
  source         text,
  at             timestamptz not null,
  details        jsonb not null default '{}',
  links          jsonb not null default '[]',
  created_at     timestamptz not null
);
create index change_events_service_idx on change_events (service_id, at desc);

-- One-off windows use starts_at/ends_at; recurring ones a weekly wall-clock rule.
create table maintenance_windows (
  id               uuid primary key default gen_random_uuid(),
  name             text not null,
  service_ids      uuid[],          -- null = every service
  kind             text not null check (kind in ('once', 'recurring')),
  starts_at        timestamptz,
  ends_at          timestamptz,
  time_zone        text,
  days             integer[],
  start_time       text,
  duration_minutes integer,
  created_at       timestamptz not null,
  check (kind <> 'once' or (starts_at is not null and ends_at > starts_at)),
  check (kind <> 'recurring' or (time_zone is not null and days is not null and start_time is not null and duration_minutes > 0))
);

create table contact_methods (
  id                  uuid primary key default gen_random_uuid(),
  user_id             uuid not null references users (id) on delete cascade,
  type                text not null check (type in ('email', 'sms', 'voice', 'ntfy', 'slack', 'teams', 'webhook')),
  address             text not null,
  label               text not null default '',
  secret              text,          -- HMAC key of a personal webhook
  verified_at         timestamptz,
  verification_hash   text,          -- sha256 of the code sent, until verified
  verification_expires_at timestamptz,
  created_at          timestamptz not null
);
create index contact_methods_user_idx on contact_methods (user_id);

-- "email at once, SMS after 2 minutes, voice after 5"
create table notification_rules (
  id                uuid primary key default gen_random_uuid(),
  user_id           uuid not null references users (id) on delete cascade,
  contact_method_id uuid not null references contact_methods (id) on delete cascade,
  delay_minutes     integer not null check (delay_minutes between 0 and 1440),
  urgency           text not null default 'any' check (urgency in ('high', 'low', 'any')),
  created_at        timestamptz not null
);
create index notification_rules_user_idx on notification_rules (user_id);

-- Escalation state of each paging alert; the engine claims due rows with SKIP LOCKED.
create table escalations (
  alert_id    uuid primary key references alerts (id) on delete cascade,
  policy_id   uuid not null references escalation_policies (id) on delete cascade,
  step_index  integer not null default 0,
  cycle       integer not null default 0,
  next_at     timestamptz,         -- null once stopped or exhausted
  status      text not null check (status in ('active', 'stopped', 'exhausted')),
  updated_at  timestamptz not null
);
create index escalations_due_idx on escalations (next_at) where status = 'active';

-- One person to be told about one alert through one contact method at due_at.
create table notifications (
  id                uuid primary key default gen_random_uuid(),
  alert_id          uuid not null references alerts (id) on delete cascade,
  user_id           uuid not null references users (id) on delete cascade,
  contact_method_id uuid not null references contact_methods (id) on delete cascade,
  due_at            timestamptz not null,
  status            text not null check (status in ('pending', 'queued', 'sent', 'failed', 'cancelled')),
  step_index        integer,
  reason            text,
  created_at        timestamptz not null,
  unique (alert_id, contact_method_id, step_index)
);
create index notifications_due_idx on notifications (due_at) where status = 'pending';
create index notifications_user_idx on notifications (user_id, created_at desc);

-- Outbound messages: claimed with a lease, retried with backoff, sent at least once
-- and recognisable by id at the receiver (X-Operable-Delivery), so never acted on twice.
create table outbox (
  id              uuid primary key default gen_random_uuid(),
  channel         text not null,
  target          jsonb not null,
  message         jsonb not null,
  notification_id uuid references notifications (id) on delete set null,
  alert_ids       uuid[] not null default '{}',
  status          text not null check (status in ('pending', 'sent', 'dead')),
  attempts        integer not null default 0,
  next_attempt_at timestamptz not null,
  lease_until     timestamptz,
  last_error      text,
  trace_id        text,
  created_at      timestamptz not null,
  sent_at         timestamptz
);
create index outbox_due_idx on outbox (next_attempt_at) where status = 'pending';

-- Nonces of action links already used: a link acts once.
create table used_action_tokens (
  nonce   text primary key,
  used_at timestamptz not null
);
