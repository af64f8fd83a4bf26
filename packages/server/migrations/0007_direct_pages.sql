-- 0007 direct pages: "page Ana" notifies people named on the alert instead of the
-- service's escalation policy. The alert still belongs to a service (for the record,
-- the timeline and reports); its escalation carries the people as its one step.
alter table escalations
  alter column policy_id drop not null,
  add column direct_targets jsonb,
  add constraint escalations_policy_or_direct check (policy_id is not null or direct_targets is not null);
