-- A service's alerts_version now changes with everything an ingest batch plans
-- from, whoever changes it, so a process may plan from what it remembers of a
-- service and let the version guard of its write say when that memory is stale:
-- an open alert resolved, a maintenance window planned or changed, the policy or
-- storm window of the service changed. (Alerts opened by another writer already
-- bump it; a key opened before the memory was taken hits the unique index.)

-- Row by row, and only for rows that close: ingest updates alerts in every batch,
-- and a statement trigger with transition tables doubled its cost at 64 senders.
-- Once per service and transaction (a transaction-local marker): others see all
-- of it at commit, and resolving a storm of 10,000 took 0.7 s bumping each time.
create function alerts_resolved_bump() returns trigger language plpgsql as $$
declare
  marker text := 'operable.bumped_' || replace(new.service_id::text, '-', '_');
begin
  if current_setting(marker, true) is distinct from 'yes' then
    update services set alerts_version = alerts_version + 1 where id = new.service_id;
    perform set_config(marker, 'yes', true);
  end if;
  return null;
end $$;

create trigger alerts_resolved_bump after update of status on alerts
  for each row when (old.status <> 'resolved' and new.status = 'resolved')
  execute function alerts_resolved_bump();

-- Windows are few and change rarely; which services a change touches is not worth working out.
create function maintenance_changed_bump() returns trigger language plpgsql as $$
begin
  update services set alerts_version = alerts_version + 1;
  return null;
end $$;

create trigger maintenance_changed_bump after insert or update or delete on maintenance_windows
  for each statement execute function maintenance_changed_bump();

create function service_paging_settings_bump() returns trigger language plpgsql as $$
begin
  new.alerts_version := old.alerts_version + 1;
  return new;
end $$;

create trigger service_paging_settings_bump before update on services
  for each row
  when (old.escalation_policy_id is distinct from new.escalation_policy_id
        or old.storm_window_seconds is distinct from new.storm_window_seconds)
  execute function service_paging_settings_bump();
