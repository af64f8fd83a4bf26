-- 0005 schedules and humane on-call: schedules with layered rotations, overrides,
-- swap requests, shadows, handoff notes and reports, recovery time off, calendar
-- feeds, an in-app inbox, and the cursors the engine's schedule modules advance.

create table schedules (
  id                    uuid primary key default gen_random_uuid(),
  name                  text not null,
  description           text not null default '',
  team_id               uuid references teams (id) on delete set null,
  time_zone             text not null,
  -- how quickly each role is expected to acknowledge; escalation and reports use them
  primary_ack_minutes   integer not null default 5 check (primary_ack_minutes between 1 and 1440),
  secondary_ack_minutes integer not null default 30 check (secondary_ack_minutes between 1 and 1440),
  created_at            timestamptz not null default now(),
  updated_at            timestamptz not null default now()
);
create unique index schedules_name_key on schedules (lower(name));

-- A layer is one rotation. Higher positions win where they have someone on call.
create table schedule_layers (
  id               uuid primary key default gen_random_uuid(),
  schedule_id      uuid not null references schedules (id) on delete cascade,
  position         integer not null,
  name             text not null,
  role             text not null check (role in ('primary', 'secondary')),
  -- user ids in rotation order; a person may appear more than once
  participant_ids  uuid[] not null,
  shift_unit       text not null check (shift_unit in ('hour', 'day', 'week')),
  shift_length     integer not null check (shift_length between 1 and 365),
  -- ISO weekday of the handoff for weekly rotations (2 = Tuesday)
  handoff_weekday  integer not null default 2 check (handoff_weekday between 1 and 7),
  handoff_time     text not null default '10:00',
  -- local date (schedule zone) the rotation starts; YYYY-MM-DD
  start_date       text not null,
  -- null = always; else [{"days":[1..7],"start":"HH:MM","end":"HH:MM"}] in the schedule zone
  restriction      jsonb,
  unique (schedule_id, position)
);

create table schedule_overrides (
  id               uuid primary key default gen_random_uuid(),
  schedule_id      uuid not null references schedules (id) on delete cascade,
  role             text not null check (role in ('primary', 'secondary')),
  user_id          uuid not null references users (id) on delete cascade,
  start_at         timestamptz not null,
  end_at           timestamptz not null check (end_at > start_at),
  reason           text not null default '',
  source           text not null default 'manual' check (source in ('manual', 'swap', 'recovery')),
  created_by       uuid references users (id) on delete set null,
  created_at       timestamptz not null default now()
);
create index schedule_overrides_span_idx on schedule_overrides (schedule_id, end_at);

create table schedule_swap_requests (
  id               uuid primary key default gen_random_uuid(),
  schedule_id      uuid not null references schedules (id) on delete cascade,
  role             text not null check (role in ('primary', 'secondary')),
  requester_id     uuid not null references users (id) on delete cascade,
  -- the person asked to cover the span
  responder_id     uuid not null references users (id) on delete cascade,
  start_at         timestamptz not null,
  end_at           timestamptz not null check (end_at > start_at),
  message          text not null default '',
  status           text not null default 'pending' check (status in ('pending', 'accepted', 'declined', 'cancelled')),
  override_id      uuid references schedule_overrides (id) on delete set null,
  decided_at       timestamptz,
  created_at       timestamptz not null default now()
);
create index schedule_swap_requests_user_idx on schedule_swap_requests (responder_id, status);

-- A shadow gets copies of the pages of a schedule (or of one person on it) and is
-- never the one paged.
create table schedule_shadows (
  id               uuid primary key default gen_random_uuid(),
  schedule_id      uuid not null references schedules (id) on delete cascade,
  user_id          uuid not null references users (id) on delete cascade,
  shadowed_user_id uuid references users (id) on delete cascade,
  start_at         timestamptz not null,
  end_at           timestamptz,
  created_at       timestamptz not null default now()
);

-- The outgoing person's notes for the next one, editable during their shift.
create table handoff_notes (
  id               uuid primary key default gen_random_uuid(),
  schedule_id      uuid not null references schedules (id) on delete cascade,
  role             text not null check (role in ('primary', 'secondary')),
  user_id          uuid not null references users (id) on delete cascade,
  shift_start      timestamptz not null,
  body             text not null,
  updated_at       timestamptz not null default now(),
  unique (schedule_id, role, user_id, shift_start)
);

-- One row per changeover reported, so a report goes out once whichever engine runs.
create table handoff_reports (
  id               uuid primary key default gen_random_uuid(),
  schedule_id      uuid not null references schedules (id) on delete cascade,
  role             text not null check (role in ('primary', 'secondary')),
  changeover_at    timestamptz not null,
  outgoing_user_id uuid references users (id) on delete set null,
  incoming_user_id uuid references users (id) on delete set null,
  report           jsonb not null,
  created_at       timestamptz not null default now(),
  unique (schedule_id, role, changeover_at)
);

-- How far each schedule module has looked ahead or behind, per schedule; claimed
-- with SKIP LOCKED like every other engine row.
create table schedule_cursors (
  schedule_id      uuid not null references schedules (id) on delete cascade,
  kind             text not null,
  checked_until    timestamptz not null,
  primary key (schedule_id, kind)
);

-- Reminders and pre-flight warnings already sent (idempotence across engines).
create table schedule_notices (
  schedule_id      uuid not null references schedules (id) on delete cascade,
  kind             text not null,
  key              text not null,
  sent_at          timestamptz not null default now(),
  primary key (schedule_id, kind, key)
);

-- Sleep window, weekend/holiday threshold and the next-day override, per team.
alter table teams
  add column sleep_start text not null default '22:00',
  add column sleep_end text not null default '08:00',
  add column recovery_after_minutes integer not null default 60 check (recovery_after_minutes between 1 and 1440),
  add column recovery_next_day_override boolean not null default true,
  -- local dates ("YYYY-MM-DD") that count like weekends for recovery and fairness
  add column holidays jsonb not null default '[]';

-- Recovery time off: its own category, granted without approval; the person may decline.
create table recovery_time_off (
  id               uuid primary key default gen_random_uuid(),
  user_id          uuid not null references users (id) on delete cascade,
  team_id          uuid references teams (id) on delete set null,
  reason           text not null check (reason in ('sleep_hours', 'weekend', 'holiday')),
  alert_id         uuid references alerts (id) on delete set null,
  -- the local date (person's zone) the time off is for
  day              text not null,
  status           text not null default 'granted' check (status in ('granted', 'declined')),
  override_ids     uuid[] not null default '{}',
  created_at       timestamptz not null default now(),
  decided_at       timestamptz,
  unique (user_id, day)
);

-- Secret calendar URLs; only a hash of the token is kept.
create table calendar_feeds (
  id               uuid primary key default gen_random_uuid(),
  kind             text not null check (kind in ('user', 'schedule')),
  subject_id       uuid not null,
  token_hash       text not null unique,
  created_by       uuid references users (id) on delete set null,
  created_at       timestamptz not null default now(),
  revoked_at       timestamptz
);
create index calendar_feeds_subject_idx on calendar_feeds (kind, subject_id);

-- In-app messages: handoff reports, swap requests and their answers, warnings.
create table inbox_items (
  id               uuid primary key default gen_random_uuid(),
  user_id          uuid not null references users (id) on delete cascade,
  kind             text not null,
  title            text not null,
  body             jsonb not null,
  created_at       timestamptz not null default now(),
  read_at          timestamptz
);
create index inbox_items_user_idx on inbox_items (user_id, created_at desc);
