-- 0042 weekly operational review: one delivery per team and week, whichever engine
-- process gets there first (the primary key settles it), and the webhook's signing key.

create table health_review_deliveries (
  -- 'team:<uuid>' (an 'org' review may follow)
  scope_key   text not null,
  -- Monday of the reviewed week, a local date in the team's zone
  week_start  text not null check (week_start ~ '^\d{4}-\d{2}-\d{2}$'),
  created_at  timestamptz not null,
  -- how many messages went into the outbox (emails + webhook)
  messages    integer not null default 0,
  primary key (scope_key, week_start)
);
comment on table health_review_deliveries is 'Weekly reviews already delivered: the key makes delivery happen once across engine processes.';

alter table health_team_settings
  -- HMAC key for a generic webhook (Slack incoming webhooks carry their own secret in the URL)
  add column report_webhook_secret text;
