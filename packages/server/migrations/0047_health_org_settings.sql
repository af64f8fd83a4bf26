-- 0047 the organisation's weekly operational review (all teams): its zone, schedule and
-- recipients. One row at most; without it the defaults apply (UTC, Tuesday 09:00, nobody).

create table health_org_settings (
  -- always true: the table holds the one organisation's row
  id                    boolean primary key default true check (id),
  time_zone             text not null default 'UTC',
  -- ISO weekday (1 Monday … 7 Sunday) and local time of the delivery
  report_weekday        integer not null default 2 check (report_weekday between 1 and 7),
  report_time           text not null default '09:00' check (report_time ~ '^([01][0-9]|2[0-3]):[0-5][0-9]$'),
  report_enabled        boolean not null default true,
  report_emails         text[] not null default '{}',
  report_webhook_url    text,
  -- HMAC key for a generic webhook; never shown again
  report_webhook_secret text,
  updated_at            timestamptz not null
);
comment on table health_org_settings is 'The organisation''s weekly review: zone of its weeks, schedule and recipients (one row).';
