-- 0031 status page subscribers: email (double opt-in, one-click unsubscribe) and
-- signed webhooks, per component or group, fed through the durable outbox.

create table statuspage_subscribers (
  id              uuid primary key default gen_random_uuid(),
  kind            text not null check (kind in ('email', 'webhook')),
  -- an email address or an http(s) URL
  address         text not null,
  -- webhooks: the HMAC key their deliveries are signed with (as other outbound webhooks)
  secret          text,
  -- components and groups it follows; empty: the whole page
  component_ids   uuid[] not null default '{}',
  -- email: set when the person follows the link in the confirmation mail; webhooks: at creation
  confirmed_at    timestamptz,
  unsubscribed_at timestamptz,
  created_at      timestamptz not null
);
-- One live subscription per address and kind.
create unique index statuspage_subscribers_address_key on statuspage_subscribers (kind, lower(address)) where unsubscribed_at is null;

-- One row per (update, subscriber) ever handed to the outbox: the unique key that
-- keeps a resumed or repeated fan-out from sending an update to anyone twice.
create table statuspage_deliveries (
  update_id     uuid not null references statuspage_incident_updates (id) on delete cascade,
  subscriber_id uuid not null references statuspage_subscribers (id) on delete cascade,
  outbox_id     uuid not null,
  created_at    timestamptz not null,
  primary key (update_id, subscriber_id)
);

-- Updates whose subscribers have all been handed to the outbox (null: fan-out still due).
alter table statuspage_incident_updates add column fanned_out_at timestamptz;
-- Updates posted before subscribers existed are not sent.
update statuspage_incident_updates set fanned_out_at = created_at;
create index statuspage_incident_updates_fanout_idx on statuspage_incident_updates (created_at) where fanned_out_at is null;

comment on table statuspage_subscribers is 'People (email, double opt-in) and systems (signed webhooks) told about status page updates';
comment on table statuspage_deliveries is 'Which update went to which subscriber: one outbox message each, never two';
