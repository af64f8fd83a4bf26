-- 0055 post-mortems: one per resolved incident, drafted from its timeline, edited
-- as markdown sections with revision history, reviewed in a timeboxed meeting, and
-- followed up: action items with owners and due dates, reminders sent once each,
-- and a review of the items 30 days after the meeting.
-- Timestamps are written by the application from its injected clock.

create table postmortem_deadline_policies (
  severity         smallint primary key check (severity between 1 and 4),
  interviews_hours integer not null check (interviews_hours between 1 and 2160),
  meeting_hours    integer not null check (meeting_hours between 1 and 2160),
  updated_at       timestamptz not null default now(),
  updated_by       uuid references users (id) on delete set null
);
comment on table postmortem_deadline_policies is 'Per severity, hours after resolution by which interviews and the review meeting are due; admins change them';
insert into postmortem_deadline_policies (severity, interviews_hours, meeting_hours) values
  (1, 24, 72), (2, 48, 168), (3, 48, 168), (4, 48, 168);

create table postmortems (
  id                   uuid primary key default gen_random_uuid(),
  incident_id          uuid not null unique references incidents (id) on delete cascade,
  title                text not null,
  state                text not null default 'draft' check (state in ('draft', 'in_review', 'reviewed', 'closed')),
  -- the incident's severity when the post-mortem was made: deadlines and the library use it
  severity             smallint not null check (severity between 1 and 4),
  -- whose post-mortem: the team owning the incident's first service; its responders may edit
  team_id              uuid references teams (id) on delete set null,
  owner_id             uuid references users (id) on delete set null,
  facilitator_id       uuid references users (id) on delete set null,
  note_taker_id        uuid references users (id) on delete set null,
  tags                 text[] not null default '{}',
  service_ids          uuid[] not null default '{}',
  service_names        text[] not null default '{}',
  incident_started_at  timestamptz not null,
  incident_resolved_at timestamptz not null,
  interviews_due_at    timestamptz not null,
  meeting_due_at       timestamptz not null,
  interviews_done_at   timestamptz,
  meeting_scheduled_at timestamptz,
  meeting_held_at      timestamptz,
  -- the note-taker's field in meeting mode (markdown)
  meeting_notes        text not null default '',
  -- the draft's impact numbers: duration, time to acknowledge/mitigate, alerts, people paged, sleep hours lost
  impact               jsonb not null,
  -- made by the engine for a SEV1-2, or by a person
  automatic            boolean not null default false,
  created_at           timestamptz not null,
  created_by           uuid references users (id) on delete set null,
  updated_at           timestamptz not null,
  -- title, sections, tags and services, kept by the application on every change for full-text search
  search_text          text not null default '',
  search_vector        tsvector generated always as (to_tsvector('english', search_text)) stored
);
comment on table postmortems is 'One post-mortem per incident; state draft -> in_review -> reviewed -> closed';
create index postmortems_search_idx on postmortems using gin (search_vector);
create index postmortems_resolved_idx on postmortems (incident_resolved_at desc, id);
create index postmortems_team_idx on postmortems (team_id);
create index postmortems_open_idx on postmortems (state) where state <> 'closed';

-- The document: one row per section holding its current markdown and revision.
create table postmortem_sections (
  postmortem_id uuid not null references postmortems (id) on delete cascade,
  key           text not null,
  position      smallint not null,
  markdown      text not null,
  revision      integer not null default 1,
  updated_at    timestamptz not null,
  updated_by    uuid references users (id) on delete set null,
  primary key (postmortem_id, key)
);
comment on table postmortem_sections is 'Current text of each post-mortem section; revision counts saves, for edit conflicts';

create table postmortem_revisions (
  id            bigint generated always as identity primary key,
  postmortem_id uuid not null references postmortems (id) on delete cascade,
  section_key   text not null,
  revision      integer not null,
  markdown      text not null,
  author_id     uuid references users (id) on delete set null,
  author_label  text not null,
  created_at    timestamptz not null,
  unique (postmortem_id, section_key, revision)
);
comment on table postmortem_revisions is 'Every saved version of every section (revision 1 is the draft), for the history view';

-- The incident timeline as drafted, walked through in the meeting with a note per entry.
create table postmortem_timeline (
  id                 bigint generated always as identity primary key,
  postmortem_id      uuid not null references postmortems (id) on delete cascade,
  position           integer not null,
  at                 timestamptz not null,
  kind               text not null,
  actor              text,
  text               text not null,
  moment             text check (moment in ('detected', 'acknowledged', 'mitigated', 'resolved')),
  gap_before_minutes integer,
  -- "what did you see, what did you think", written in the meeting
  note               text not null default '',
  note_updated_at    timestamptz,
  unique (postmortem_id, position)
);
comment on table postmortem_timeline is 'Snapshot of the incident timeline for the meeting walk-through, with key moments, gaps and a note per entry';

create table postmortem_action_items (
  id            uuid primary key default gen_random_uuid(),
  postmortem_id uuid not null references postmortems (id) on delete cascade,
  title         text not null,
  owner_id      uuid references users (id) on delete set null,
  -- a calendar date YYYY-MM-DD (text, like schedules' dates: drivers would turn a date into a local Date)
  due_on        text check (due_on ~ '^\d{4}-\d{2}-\d{2}$'),
  type          text not null check (type in ('mitigate', 'prevent', 'detect', 'process')),
  priority      text not null check (priority in ('high', 'medium', 'low')),
  status        text not null default 'open' check (status in ('open', 'in_progress', 'done', 'wont_do')),
  tracker_url   text,
  tracker_key   text,
  created_at    timestamptz not null,
  updated_at    timestamptz not null,
  done_at       timestamptz
);
comment on table postmortem_action_items is 'Action items of a post-mortem; due_on is a date, overdue from the next day 00:00 UTC while open';
create index postmortem_action_items_pm_idx on postmortem_action_items (postmortem_id, created_at);
create index postmortem_action_items_owner_idx on postmortem_action_items (owner_id) where status in ('open', 'in_progress');

create table postmortem_follow_ups (
  id            uuid primary key default gen_random_uuid(),
  postmortem_id uuid not null references postmortems (id) on delete cascade,
  due_at        timestamptz not null,
  completed_at  timestamptz,
  completed_by  uuid references users (id) on delete set null,
  -- [{ actionItemId, title, decision: keep|close|replan, dueOn?, note }]
  outcome       jsonb,
  notes         text not null default '',
  created_at    timestamptz not null
);
comment on table postmortem_follow_ups is 'The review of the action items 30 days after the meeting, and what it decided per item';
-- one open follow-up per post-mortem
create unique index postmortem_follow_ups_open_idx on postmortem_follow_ups (postmortem_id) where completed_at is null;

create table postmortem_reminders (
  postmortem_id uuid not null references postmortems (id) on delete cascade,
  key           text not null,
  sent_at       timestamptz not null,
  primary key (postmortem_id, key)
);
comment on table postmortem_reminders is 'Reminders already sent (deadline near/passed, item overdue, follow-up due): each key once';
