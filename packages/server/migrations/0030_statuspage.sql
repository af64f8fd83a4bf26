-- 0030 the public status page: page settings, components (one level of groups),
-- what each component follows, public incidents and scheduled maintenance with their
-- updates, update templates, and the daily status history behind the 90-day bars.

-- The one status page. `version` goes up in every transaction that changes anything
-- the public sees, so every process knows when its precomputed documents are stale.
create table statuspage_settings (
  id              boolean primary key default true check (id),
  -- opaque id the Statuspage v2 JSON calls page.id
  page_id         text not null,
  name            text not null default 'Status',
  -- absolute http(s) URL of a logo image, or null for the name alone
  logo_url        text,
  -- CSS hex colours (#rrggbb): the accent, and the background of the header band
  brand_color     text not null default '#1f6feb',
  header_color    text not null default '#0d1117',
  contact_email   text,
  contact_url     text,
  contact_text    text not null default '',
  time_zone       text not null default 'UTC',
  -- where the public page lives (page.url, feed links), e.g. a static host; null: <public URL>/status
  page_url        text,
  version         bigint not null default 1,
  updated_at      timestamptz not null
);
insert into statuspage_settings (page_id, updated_at)
values (substr(replace(gen_random_uuid()::text, '-', ''), 1, 12), now());

-- A component, or a group of components (is_group, Statuspage's "group": true).
-- Groups hold components only (one level); the verbs enforce it.
create table statuspage_components (
  id                    uuid primary key default gen_random_uuid(),
  name                  text not null,
  description           text not null default '',
  is_group              boolean not null default false,
  group_id              uuid references statuspage_components (id) on delete set null,
  position              integer not null default 0,
  showcase              boolean not null default true,
  only_show_if_degraded boolean not null default false,
  start_date            date,
  -- what the page shows: manual_status if set, else under_maintenance while a
  -- maintenance covering it is in progress, else auto_status
  status                text not null default 'operational',
  -- set by a person (component edit or incident update); overrides what it follows
  manual_status         text,
  -- the worst of what it follows (services' open alerts, later checks); operational when it follows nothing
  auto_status           text not null default 'operational',
  -- when `status` last changed: the open span of the daily history
  status_since          timestamptz not null,
  created_at            timestamptz not null,
  updated_at            timestamptz not null,
  constraint statuspage_component_status check (status in ('operational', 'degraded_performance', 'partial_outage', 'major_outage', 'under_maintenance')),
  constraint statuspage_component_manual check (manual_status is null or manual_status in ('operational', 'degraded_performance', 'partial_outage', 'major_outage', 'under_maintenance')),
  constraint statuspage_component_auto check (auto_status in ('operational', 'degraded_performance', 'partial_outage', 'major_outage'))
);
create index statuspage_components_group_idx on statuspage_components (group_id);

-- What a component's automatic status follows. `kind` names the source (a service's
-- open alerts now, a synthetic check later); no foreign key on source_id because
-- kinds live in different tables: a source that no longer exists is simply ignored.
create table statuspage_component_sources (
  component_id   uuid not null references statuspage_components (id) on delete cascade,
  kind           text not null check (kind in ('service', 'check')),
  source_id      uuid not null,
  -- the status the component takes while this source is failing (an open high-urgency alert)
  failing_status text not null default 'partial_outage' check (failing_status in ('degraded_performance', 'partial_outage', 'major_outage')),
  primary key (component_id, kind, source_id)
);
create index statuspage_component_sources_source_idx on statuspage_component_sources (kind, source_id);

-- Seconds spent in each non-operational status per component and local day (page
-- time zone): the 90-day bars. Closed spans are added when the status changes; the
-- open span (status_since → now) is added when the page is rendered.
create table statuspage_component_days (
  component_id        uuid not null references statuspage_components (id) on delete cascade,
  day                 date not null,
  degraded_seconds    integer not null default 0,
  partial_seconds     integer not null default 0,
  major_seconds       integer not null default 0,
  maintenance_seconds integer not null default 0,
  primary key (component_id, day)
);

-- Public incidents (kind incident) and scheduled maintenance (kind maintenance).
create table statuspage_incidents (
  id                   uuid primary key default gen_random_uuid(),
  kind                 text not null check (kind in ('incident', 'maintenance')),
  name                 text not null,
  status               text not null check (status in ('investigating', 'identified', 'monitoring', 'resolved', 'postmortem', 'scheduled', 'in_progress', 'verifying', 'completed')),
  impact               text not null check (impact in ('none', 'minor', 'major', 'critical', 'maintenance')),
  component_ids        uuid[] not null default '{}',
  -- an internal incident this one was opened from (no foreign key: that domain may be absent)
  internal_incident_id uuid,
  -- when the next update is promised, shown while the incident is open
  next_update_at       timestamptz,
  started_at           timestamptz not null,
  monitoring_at        timestamptz,
  resolved_at          timestamptz,
  scheduled_for        timestamptz,
  scheduled_until      timestamptz,
  -- maintenance only: the engine moves it to in_progress at scheduled_for and to completed at scheduled_until
  auto_transition      boolean not null default true,
  created_at           timestamptz not null,
  updated_at           timestamptz not null
);
create index statuspage_incidents_recent_idx on statuspage_incidents (kind, created_at desc);

create table statuspage_incident_updates (
  id                    uuid primary key default gen_random_uuid(),
  incident_id           uuid not null references statuspage_incidents (id) on delete cascade,
  status                text not null,
  body                  text not null,
  -- [{code, name, old_status, new_status}] as the Statuspage v2 JSON has it
  affected_components   jsonb not null default '[]',
  deliver_notifications boolean not null default true,
  display_at            timestamptz not null,
  created_by            text,
  created_at            timestamptz not null,
  updated_at            timestamptz not null
);
create index statuspage_incident_updates_incident_idx on statuspage_incident_updates (incident_id, display_at);

-- Canned updates ("We are investigating…"): declarative, no ETAs, a next-update time.
create table statuspage_templates (
  id         uuid primary key default gen_random_uuid(),
  name       text not null,
  kind       text not null check (kind in ('incident', 'maintenance')),
  status     text not null,
  title      text not null default '',
  body       text not null,
  created_at timestamptz not null,
  updated_at timestamptz not null
);
create unique index statuspage_templates_name_key on statuspage_templates (lower(name));

comment on table statuspage_settings is 'The one public status page: name, logo, colours, contact, and the version every change bumps';
comment on table statuspage_components is 'Status page components and one level of groups, with manual and automatic status';
comment on table statuspage_component_sources is 'Services (and later checks) a component''s automatic status follows';
comment on table statuspage_component_days is 'Per component and day: seconds in each non-operational status, for the 90-day bars';
comment on table statuspage_incidents is 'Public incidents and scheduled maintenance';
comment on table statuspage_incident_updates is 'Timeline of a public incident or maintenance';
comment on table statuspage_templates is 'Reusable update texts for incidents and maintenance';
