-- 0020 incidents: the place where an incident is run. An incident gathers alerts and
-- services, people in roles, a timeline of everything that happened (written in the
-- same transaction as each change), a checklist, status updates with the time of the
-- next one, commands run from the CLI, compensating actions, subscribers, and after
-- resolve a wellbeing check-in for the people who handled it.
-- Timestamps are written by the application from its injected clock.

-- What SEV1..SEV4 mean here; admins edit the wording and the default time to the
-- next status update (null: no default, the author sets one or none).
create table severity_definitions (
  level                  smallint primary key check (level between 1 and 4),
  name                   text not null,
  description            text not null,
  default_update_minutes integer check (default_update_minutes between 1 and 1440),
  updated_at             timestamptz not null default now(),
  updated_by             uuid references users (id) on delete set null
);
comment on table severity_definitions is 'What each severity means, edited by admins; default_update_minutes sets the next-update time of a status update';
insert into severity_definitions (level, name, description, default_update_minutes) values
  (1, 'SEV1', 'Critical: the product is down or data is at risk for many customers. All hands, public communication.', 30),
  (2, 'SEV2', 'Major: a core feature is broken or badly degraded for many customers.', 30),
  (3, 'SEV3', 'Minor: a feature is degraded for some customers; a workaround exists.', 60),
  (4, 'SEV4', 'Low: little customer impact; handle during working hours.', null);

create table incidents (
  id              uuid primary key default gen_random_uuid(),
  -- short number people say and type ("#42", `operable exec --incident 42`)
  number          bigint generated always as identity unique,
  title           text not null,
  severity        smallint not null check (severity between 1 and 4),
  status          text not null check (status in ('investigating', 'identified', 'monitoring', 'resolved')),
  -- a war game: real pages, every message marked DRILL, excluded from health numbers
  drill           boolean not null default false,
  summary         text not null default '',
  -- triage fields from "you build it, you run it"
  assess          text not null default '',
  blast_radius    text not null default '',
  compensate      text not null default '',
  war_room_url    text,
  slack_channel_id   text,
  slack_channel_name text,
  -- when the next status update is due; the reminder fires once per value
  next_update_at  timestamptz,
  reminded_for    timestamptz,
  declared_at     timestamptz not null,
  resolved_at     timestamptz,
  created_by      uuid references users (id) on delete set null,
  created_at      timestamptz not null default now(),
  updated_at      timestamptz not null default now()
);
comment on table incidents is 'One incident; reminded_for = the next_update_at a reminder was already sent for';
create index incidents_status_idx on incidents (status, declared_at desc);
-- the reminder module claims incidents whose next update is overdue
create index incidents_next_update_idx on incidents (next_update_at) where status <> 'resolved' and next_update_at is not null;

-- Alerts of an incident. kind 'linked': part of the incident (its services count);
-- 'page': an alert raised to page someone into a role; 'reminder': a missed-update
-- reminder page. Pages and reminders are kept so drills can be left out of health numbers.
create table incident_alerts (
  incident_id uuid not null references incidents (id) on delete cascade,
  alert_id    uuid not null references alerts (id) on delete cascade,
  kind        text not null default 'linked' check (kind in ('linked', 'page', 'reminder')),
  linked_at   timestamptz not null,
  linked_by   uuid references users (id) on delete set null,
  primary key (incident_id, alert_id)
);
comment on table incident_alerts is 'Alerts linked to an incident, and the alerts it raised to page people (kind page/reminder)';
create index incident_alerts_alert_idx on incident_alerts (alert_id);

-- source 'alert': came with a linked alert (goes when its last alert is unlinked);
-- 'manual': added by hand (stays until removed by hand).
create table incident_services (
  incident_id uuid not null references incidents (id) on delete cascade,
  service_id  uuid not null references services (id) on delete cascade,
  source      text not null check (source in ('alert', 'manual')),
  added_at    timestamptz not null,
  primary key (incident_id, service_id)
);
comment on table incident_services is 'Services an incident touches: from its alerts plus those added by hand';
create index incident_services_service_idx on incident_services (service_id);

-- Who holds which role; a row ends when the role is handed over or removed, so the
-- rows are the history ("Ana handed commander to Ben at 03:12").
create table incident_roles (
  id            uuid primary key default gen_random_uuid(),
  incident_id   uuid not null references incidents (id) on delete cascade,
  role          text not null check (role in ('commander', 'communicator', 'scribe', 'responder')),
  user_id       uuid not null references users (id) on delete cascade,
  assigned_at   timestamptz not null,
  assigned_by   uuid references users (id) on delete set null,
  -- the page that called them in, when they were paged into the role
  page_alert_id uuid references alerts (id) on delete set null,
  ended_at      timestamptz,
  handed_to     uuid references users (id) on delete set null
);
comment on table incident_roles is 'Role assignments and their history; at most one current commander/communicator/scribe';
create unique index incident_roles_single_idx on incident_roles (incident_id, role) where ended_at is null and role <> 'responder';
create unique index incident_roles_person_idx on incident_roles (incident_id, role, user_id) where ended_at is null;
create index incident_roles_user_idx on incident_roles (user_id);

-- Everything that happened, who and when. key_moment marks the inflection points that
-- feed MTTA/MTTR and the post-mortem draft (at most one entry per kind and incident).
create table incident_timeline (
  id          bigint generated always as identity primary key,
  incident_id uuid not null references incidents (id) on delete cascade,
  at          timestamptz not null,
  kind        text not null,
  actor_id    uuid references users (id) on delete set null,
  actor_label text not null,
  -- one readable sentence, or markdown for notes and updates
  text        text not null,
  data        jsonb not null default '{}',
  key_moment  text check (key_moment in ('detected', 'acknowledged', 'mitigated', 'resolved')),
  -- entries mirrored from a linked alert's log (acks, pages delivered): its alert_log id
  alert_log_id bigint
);
comment on table incident_timeline is 'The incident log: written with each change in its transaction; kinds listed in shared TIMELINE_KINDS';
create index incident_timeline_incident_idx on incident_timeline (incident_id, at, id);
create unique index incident_timeline_key_moment_idx on incident_timeline (incident_id, key_moment) where key_moment is not null;
create unique index incident_timeline_alert_log_idx on incident_timeline (incident_id, alert_log_id) where alert_log_id is not null;

create table incident_checklist_items (
  id          uuid primary key default gen_random_uuid(),
  incident_id uuid not null references incidents (id) on delete cascade,
  position    integer not null,
  text        text not null,
  -- the service whose runbook it came from; null when added by hand
  service_id  uuid references services (id) on delete set null,
  done_at     timestamptz,
  done_by     uuid references users (id) on delete set null
);
comment on table incident_checklist_items is 'The response checklist, copied from the services'' runbooks at declaration; ticks record who and when';
create index incident_checklist_incident_idx on incident_checklist_items (incident_id, position);

-- Templates an admin edits; body is markdown with {{title}}, {{severity}}, {{status}},
-- {{number}}, {{services}}, {{next_update}} placeholders.
create table update_templates (
  id         uuid primary key default gen_random_uuid(),
  name       text not null,
  body       text not null,
  created_at timestamptz not null,
  updated_at timestamptz not null,
  updated_by uuid references users (id) on delete set null
);
comment on table update_templates is 'Status update templates admins edit';
create unique index update_templates_name_key on update_templates (lower(name));
insert into update_templates (name, body, created_at, updated_at) values
  ('Investigating', 'We are investigating {{title}} ({{severity}}). Affected: {{services}}. Next update by {{next_update}}.', now(), now()),
  ('Identified', 'We have identified the cause of {{title}} and are working on a fix. Next update by {{next_update}}.', now(), now()),
  ('Monitoring', 'A fix for {{title}} is in place and we are watching the results. Next update by {{next_update}}.', now(), now()),
  ('Resolved', '{{title}} is resolved. A post-mortem will follow.', now(), now());

create table incident_updates (
  id             uuid primary key default gen_random_uuid(),
  incident_id    uuid not null references incidents (id) on delete cascade,
  at             timestamptz not null,
  author_id      uuid references users (id) on delete set null,
  author_label   text not null,
  status         text not null,
  severity       smallint not null,
  body           text not null,
  template_id    uuid references update_templates (id) on delete set null,
  next_update_at timestamptz
);
comment on table incident_updates is 'Internal status updates; each says when the next is due';
create index incident_updates_incident_idx on incident_updates (incident_id, at);

-- Admin regex list applied to command output and command lines before they are stored.
create table command_redactions (
  id          uuid primary key default gen_random_uuid(),
  pattern     text not null,
  description text not null default '',
  created_at  timestamptz not null,
  created_by  uuid references users (id) on delete set null
);
comment on table command_redactions is 'Regular expressions (JavaScript syntax, flag g) whose matches are replaced by [REDACTED] in recorded commands';

create table incident_commands (
  id           uuid primary key default gen_random_uuid(),
  incident_id  uuid not null references incidents (id) on delete cascade,
  -- the CLI's id for the run, so a queued command sent twice is recorded once
  client_id    text not null,
  command      text not null,
  os_user      text not null,
  actor_id     uuid references users (id) on delete set null,
  host         text not null,
  cwd          text not null,
  started_at   timestamptz not null,
  ended_at     timestamptz not null,
  exit_code    integer,
  output_tail  text not null,
  truncated    boolean not null default false,
  recorded_at  timestamptz not null
);
comment on table incident_commands is 'Commands run with `operable exec --incident N`: who, where, when, result, redacted output tail';
create unique index incident_commands_client_key on incident_commands (incident_id, client_id);

-- Internal stakeholders: news of an incident (or of every incident of a service) by
-- email, signed webhook or Slack incoming webhook. Never a page.
create table incident_subscribers (
  id          uuid primary key default gen_random_uuid(),
  incident_id uuid references incidents (id) on delete cascade,
  service_id  uuid references services (id) on delete cascade,
  channel     text not null check (channel in ('email', 'webhook', 'slack')),
  address     text not null,
  -- HMAC key for webhook subscribers, shown once at creation
  secret      text,
  created_at  timestamptz not null,
  created_by  uuid references users (id) on delete set null,
  check ((incident_id is null) <> (service_id is null))
);
comment on table incident_subscribers is 'Who hears of status updates without being paged; for one incident or all of a service';
create index incident_subscribers_incident_idx on incident_subscribers (incident_id);
create index incident_subscribers_service_idx on incident_subscribers (service_id);

-- Per service: "turn off feature flag X", "roll back". A link is opened by a person;
-- a webhook is POSTed signed (HMAC as outbound webhooks) to an address the outbound
-- policy allows, after a confirm step.
create table compensating_actions (
  id          uuid primary key default gen_random_uuid(),
  service_id  uuid not null references services (id) on delete cascade,
  name        text not null,
  description text not null default '',
  kind        text not null check (kind in ('link', 'webhook')),
  url         text not null,
  secret      text,
  created_at  timestamptz not null,
  updated_at  timestamptz not null,
  created_by  uuid references users (id) on delete set null
);
comment on table compensating_actions is 'Compensating actions a service offers its incidents (link or signed webhook)';
create index compensating_actions_service_idx on compensating_actions (service_id);

create table compensating_action_runs (
  id          uuid primary key default gen_random_uuid(),
  incident_id uuid not null references incidents (id) on delete cascade,
  action_id   uuid references compensating_actions (id) on delete set null,
  action_name text not null,
  run_by      uuid references users (id) on delete set null,
  started_at  timestamptz not null,
  ended_at    timestamptz,
  outcome     text not null check (outcome in ('running', 'succeeded', 'failed', 'opened')),
  http_status integer,
  error       text
);
comment on table compensating_action_runs is 'Each use of a compensating action and its result';
create index compensating_action_runs_incident_idx on compensating_action_runs (incident_id, started_at);

-- After resolve: one check-in per responder. When anonymous, answers count only in
-- the team trend and are never shown against the person.
create table wellbeing_checkins (
  id                 uuid primary key default gen_random_uuid(),
  incident_id        uuid not null references incidents (id) on delete cascade,
  user_id            uuid not null references users (id) on delete cascade,
  team_id            uuid references teams (id) on delete set null,
  requested_at       timestamptz not null,
  answered_at        timestamptz,
  stress             smallint check (stress between 1 and 5),
  sleep_lost_minutes integer check (sleep_lost_minutes between 0 and 1440),
  comment            text,
  anonymous          boolean not null default false,
  -- the incident ran through the person's sleep hours; teammates were nudged
  touched_sleep      boolean not null default false,
  unique (incident_id, user_id)
);
comment on table wellbeing_checkins is 'Wellbeing check-ins after an incident; anonymous answers feed only team trends';
create index wellbeing_checkins_team_idx on wellbeing_checkins (team_id, answered_at);
