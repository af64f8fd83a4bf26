-- An integration's rate limit counts alerts, and one Alertmanager body carries a
-- whole group: a storm sender at 20,000 alerts/s needs more than the old ceiling of
-- 1,000,000 a minute.
alter table integrations drop constraint integrations_rate_limit_per_minute_check;
alter table integrations add constraint integrations_rate_limit_per_minute_check
  check (rate_limit_per_minute between 1 and 100000000);
