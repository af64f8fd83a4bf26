-- 0008 storm leaders: every ingest batch asks for a service's open group leaders in
-- its storm window. Through alerts_service_idx that read walked every alert of the
-- window, followers included (thousands in a storm); this index holds leaders only.
create index alerts_open_leaders_idx on alerts (service_id, created_at)
  where group_leader_id is null and suppressed_by is null and status <> 'resolved';
