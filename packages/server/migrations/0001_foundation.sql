-- 0001 foundation: accounts, teams, service catalog, sessions, API keys, audit log.
-- Timestamps are written by the application from its injected clock; the defaults
-- only cover rows written by hand.

-- Process-wide settings shared by every Operable process (e.g. the generated
-- signing key when OPERABLE_SECRET is not set).
create table settings (
  key        text primary key,
  value      jsonb not null,
  updated_at timestamptz not null default now()
);

create table users (
  id            uuid primary key default gen_random_uuid(),
  name          text not null,
  email         text not null,
  time_zone     text not null default 'UTC',
  -- {"days":[1..7],"start":"HH:MM","end":"HH:MM"} in the person's time zone
  working_hours jsonb not null,
  role          text not null check (role in ('admin', 'responder', 'viewer')),
  -- null until the person sets a password through a one-time link
  password_hash text,
  created_at    timestamptz not null default now(),
  updated_at    timestamptz not null default now()
);
create unique index users_email_key on users (lower(email));

create table teams (
  id          uuid primary key default gen_random_uuid(),
  name        text not null,
  description text not null default '',
  created_at  timestamptz not null default now(),
  updated_at  timestamptz not null default now()
);
create unique index teams_name_key on teams (lower(name));

create table team_members (
  team_id  uuid not null references teams (id) on delete cascade,
  user_id  uuid not null references users (id) on delete cascade,
  added_at timestamptz not null default now(),
  primary key (team_id, user_id)
);
create index team_members_user_idx on team_members (user_id);

create table services (
  id               uuid primary key default gen_random_uuid(),
  name             text not null,
  description      text not null default '',
  -- a team that still owns services cannot be deleted
  team_id          uuid not null references teams (id) on delete restrict,
  runbook_markdown text not null default '',
  runbook_url      text,
  tags             text[] not null default '{}',
  created_at       timestamptz not null default now(),
  updated_at       timestamptz not null default now()
);
create unique index services_name_key on services (lower(name));
create index services_team_idx on services (team_id);

-- Only the SHA-256 of a session token is stored; the token lives in the cookie.
create table sessions (
  id           text primary key,
  user_id      uuid not null references users (id) on delete cascade,
  csrf_token   text not null,
  created_at   timestamptz not null default now(),
  last_seen_at timestamptz not null default now(),
  expires_at   timestamptz not null,
  user_agent   text,
  address      text
);
create index sessions_user_idx on sessions (user_id);
create index sessions_expiry_idx on sessions (expires_at);

-- API keys act for their owner with the weaker of the key's and the owner's role.
create table api_keys (
  id           uuid primary key default gen_random_uuid(),
  name         text not null,
  prefix       text not null,
  token_hash   text not null unique,
  role         text not null check (role in ('admin', 'responder', 'viewer')),
  owner_id     uuid not null references users (id) on delete cascade,
  created_at   timestamptz not null default now(),
  last_used_at timestamptz,
  revoked_at   timestamptz
);
create index api_keys_owner_idx on api_keys (owner_id);

-- Failed sign-ins, keyed by 'account:<email>' and 'address:<ip>', counted over a
-- sliding window to rate-limit guessing across every process.
create table sign_in_failures (
  key text not null,
  at  timestamptz not null
);
create index sign_in_failures_key_idx on sign_in_failures (key, at);

-- Every mutation writes one row here in the same transaction as the change.
create table audit_log (
  id          bigint generated always as identity primary key,
  at          timestamptz not null default now(),
  actor_type  text not null check (actor_type in ('user', 'api_key', 'system')),
  actor_id    text,
  actor_label text not null,
  action      text not null,
  entity_type text not null,
  entity_id   text,
  before      jsonb,
  after       jsonb,
  request_id  text
);
create index audit_log_entity_idx on audit_log (entity_type, entity_id, id);
create index audit_log_actor_idx on audit_log (actor_id, id);
create index audit_log_action_idx on audit_log (action, id);
create index audit_log_at_idx on audit_log (at);

-- Run-time severity of log events that an admin changed from the default.
create table log_event_levels (
  event_id   text primary key,
  level      text not null,
  updated_at timestamptz not null default now()
);
