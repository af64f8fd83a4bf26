-- 0004 "everyone must acknowledge": the people of the last fired step who still
-- have to acknowledge before the alert counts as acknowledged. Empty when that
-- step did not require everyone (one acknowledgement is enough).
alter table escalations
  add column awaiting_user_ids uuid[] not null default '{}';

-- Each (re)start of an escalation (a stale acknowledgement, escalate-now after it
-- ran out) is a new generation, so its steps notify again instead of being taken
-- for repeats of the first run's notifications.
alter table escalations
  add column generation integer not null default 0;
alter table notifications
  add column generation integer not null default 0;
alter table notifications
  drop constraint notifications_alert_id_contact_method_id_step_index_key;
alter table notifications
  add constraint notifications_once unique (alert_id, contact_method_id, generation, step_index);
