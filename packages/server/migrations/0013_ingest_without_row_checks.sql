-- A foreign key checks each inserted row with a query of its own (and a lock on the
-- row it points at): an Alertmanager body of 100 alerts cost 500 such checks, 60-90 %
-- of its write, and a batch of single events five per event. The ingest write
-- (alerts/trigger-repository.ts) guarantees what these checked: it bumps the version
-- of every service it writes for (so the service exists and stays until commit), it
-- locks the integrations it names FOR KEY SHARE (a deleted one leaves the alert without
-- one), a group leader is an alert of the same service, and log lines are written with
-- or after their alert. What the keys did on delete, the triggers below do, once per
-- statement. Alerts are only ever deleted with their service.
alter table alerts
  drop constraint alerts_service_id_fkey,
  drop constraint alerts_integration_id_fkey,
  drop constraint alerts_group_leader_id_fkey;
alter table alert_log drop constraint alert_log_alert_id_fkey;

create function services_deleted_alerts() returns trigger language plpgsql as $$
begin
  delete from alerts where service_id in (select id from gone);
  return null;
end $$;
create trigger services_deleted_alerts after delete on services
  referencing old table as gone for each statement execute function services_deleted_alerts();

create function integrations_deleted_alerts() returns trigger language plpgsql as $$
begin
  update alerts set integration_id = null where integration_id in (select id from gone);
  return null;
end $$;
create trigger integrations_deleted_alerts after delete on integrations
  referencing old table as gone for each statement execute function integrations_deleted_alerts();

create function alerts_deleted_dependents() returns trigger language plpgsql as $$
begin
  delete from alert_log where alert_id in (select id from gone);
  update alerts set group_leader_id = null where group_leader_id in (select id from gone);
  return null;
end $$;
create trigger alerts_deleted_dependents after delete on alerts
  referencing old table as gone for each statement execute function alerts_deleted_dependents();
