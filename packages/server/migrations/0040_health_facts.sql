-- 0040 operational health: the facts the HumanOps numbers are computed from, and each
-- team's health settings. The engine's health scan copies every delivered personal
-- notification out of the outbox once (outbox × alerts is an array join, too slow to
-- repeat over a year of history); the health views then read narrow rows through
-- (team, time), (person, time) and (service, time) indexes.

-- One delivered notification to one person about one alert (a bundle of alerts is
-- one row per alert). Every channel is kept; the metrics decide what interrupts.
create table health_notifications (
  id         bigint generated always as identity primary key,
  outbox_id  uuid not null,
  alert_id   uuid not null references alerts (id) on delete cascade,
  user_id    uuid not null references users (id) on delete cascade,
  service_id uuid not null references services (id) on delete cascade,
  -- the team that owned the service when the page went out: history stays with it
  team_id    uuid not null references teams (id) on delete cascade,
  -- the alert's dedup key, copied so the views never join a year of alerts
  alert_key  text not null,
  channel    text not null,
  at         timestamptz not null,
  -- escalation level paged: 1 primary, 2 and up secondary
  level      integer not null default 1,
  -- drills are reported apart and never counted
  is_drill   boolean not null default false,
  unique (outbox_id, alert_id, user_id)
);
comment on table health_notifications is 'Delivered personal notifications copied from the outbox by the health scan; the source of interruptions.';
create index health_notifications_team_idx on health_notifications (team_id, at);
create index health_notifications_user_idx on health_notifications (user_id, at);
create index health_notifications_service_idx on health_notifications (service_id, at);

-- The rollup behind pager load: one row per alert that interrupted someone, at its
-- first interrupting notification. A team's twelve weeks are one index range.
create table health_page_events (
  alert_id      uuid primary key references alerts (id) on delete cascade,
  -- alerts of one incident are one page event (filled once incidents exist)
  incident_id   uuid,
  team_id       uuid not null references teams (id) on delete cascade,
  service_id    uuid not null references services (id) on delete cascade,
  dedup_key     text not null,
  first_page_at timestamptz not null,
  is_drill      boolean not null default false
);
comment on table health_page_events is 'One row per page event (alert that caused an interrupting notification), rolled up by the health scan for pager load.';
create index health_page_events_team_idx on health_page_events (team_id, first_page_at) include (is_drill, incident_id);
create index health_page_events_service_idx on health_page_events (service_id, first_page_at);

-- A team's zone (its weeks run Monday 00:00 there), ack targets and weekly review schedule.
create table health_team_settings (
  team_id               uuid primary key references teams (id) on delete cascade,
  time_zone             text not null default 'UTC',
  ack_primary_minutes   integer not null default 5 check (ack_primary_minutes between 1 and 1440),
  ack_secondary_minutes integer not null default 30 check (ack_secondary_minutes between 1 and 1440),
  -- weekly operational review: ISO weekday (1 Monday … 7 Sunday) and local time
  report_weekday        integer not null default 2 check (report_weekday between 1 and 7),
  report_time           text not null default '09:00' check (report_time ~ '^([01][0-9]|2[0-3]):[0-5][0-9]$'),
  report_enabled        boolean not null default true,
  report_emails         text[] not null default '{}',
  report_webhook_url    text,
  updated_at            timestamptz not null default now()
);
comment on table health_team_settings is 'Per-team health settings: zone of its weeks, ack-SLA targets, weekly review schedule and recipients.';
