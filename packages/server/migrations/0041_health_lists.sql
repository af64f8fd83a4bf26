-- 0041 operational health lists: the team action list (a noisy source turned into
-- work with one click; the post-mortems issue's action items will take these over),
-- the toil log and the risk backlog.

create table health_action_items (
  id          uuid primary key default gen_random_uuid(),
  team_id     uuid not null references teams (id) on delete cascade,
  title       text not null check (length(title) between 1 and 200),
  -- 'top' for what a noisy source click creates: it goes before everything else
  priority    text not null default 'normal' check (priority in ('top', 'high', 'normal', 'low')),
  status      text not null default 'open' check (status in ('open', 'done', 'dropped')),
  -- the noisy source it came from (service, and alert key when it was a key)
  service_id  uuid references services (id) on delete set null,
  alert_key   text,
  owner_id    uuid references users (id) on delete set null,
  created_by  text not null,
  created_at  timestamptz not null,
  updated_at  timestamptz not null
);
comment on table health_action_items is 'Team action items from the health views (one click on a noisy source), until post-mortem action items replace them.';
-- One open item per noisy source: a second click finds the first instead of a duplicate.
create unique index health_action_items_open_source on health_action_items (team_id, service_id, coalesce(alert_key, '')) where status = 'open' and service_id is not null;
create index health_action_items_team_idx on health_action_items (team_id, status);

create table toil_entries (
  id          uuid primary key default gen_random_uuid(),
  team_id     uuid not null references teams (id) on delete cascade,
  user_id     uuid references users (id) on delete set null,
  service_id  uuid references services (id) on delete set null,
  what        text not null check (length(what) between 1 and 500),
  category    text not null default 'other' check (category in ('manual_ops', 'deploy', 'access', 'data_fix', 'alert_noise', 'other')),
  minutes     integer not null check (minutes between 1 and 1440),
  -- the local date (logger's zone) the toil was done
  done_on     text not null check (done_on ~ '^\d{4}-\d{2}-\d{2}$'),
  created_at  timestamptz not null
);
comment on table toil_entries is 'Toil log: manual, repetitive operational work, for the team toil share against the 25 % target.';
create index toil_entries_team_idx on toil_entries (team_id, done_on);

create table risks (
  id              uuid primary key default gen_random_uuid(),
  team_id         uuid not null references teams (id) on delete cascade,
  title           text not null check (length(title) between 1 and 200),
  description     text not null default '',
  kind            text not null default 'operational' check (kind in ('operational', 'security')),
  impact          integer not null check (impact between 1 and 5),
  likelihood      integer not null check (likelihood between 1 and 5),
  score           integer generated always as (impact * likelihood) stored,
  -- level of effort: S, M, L, XL, or a number of days written as e.g. '3d'
  effort          text not null check (effort ~ '^(S|M|L|XL|[1-9][0-9]{0,2}d)$'),
  owner_id        uuid references users (id) on delete set null,
  status          text not null default 'open' check (status in ('open', 'mitigating', 'accepted', 'closed')),
  service_ids     uuid[] not null default '{}',
  action_item_ids uuid[] not null default '{}',
  created_at      timestamptz not null,
  updated_at      timestamptz not null
);
comment on table risks is 'Operational and security risk backlog: score = impact × likelihood, with a level of effort.';
create index risks_team_idx on risks (team_id, status, score desc);
