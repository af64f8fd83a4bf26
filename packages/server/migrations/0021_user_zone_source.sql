-- 0021 where a person's time zone came from, so the web app may set it from the
-- browser once, silently, for accounts that still carry the default and never chose.

alter table users
  -- 'default': created without a zone (UTC); 'browser': set from the person's browser
  -- at sign-in; 'chosen': picked by the person or an admin
  add column time_zone_source text not null default 'default'
    check (time_zone_source in ('default', 'browser', 'chosen'));

-- Accounts made before this column: a zone other than UTC was picked by someone.
update users set time_zone_source = 'chosen' where time_zone <> 'UTC';

comment on column users.time_zone_source is 'default | browser | chosen: only a default zone is replaced by the browser''s';
