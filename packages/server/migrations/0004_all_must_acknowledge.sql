-- 0004 "everyone must acknowledge": the people of the last fired step who still
-- have to acknowledge before the alert counts as acknowledged. Empty when that
-- step did not require everyone (one acknowledgement is enough).
alter table escalations
  add column awaiting_user_ids uuid[] not null default '{}';
