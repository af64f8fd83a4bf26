-- 0008 ingest concurrency. Storm leaders: every ingest batch asks for a service's open group leaders in
-- its storm window. Through alerts_service_idx that read walked every alert of the
-- window, followers included (thousands in a storm); this index holds leaders only.
create index alerts_open_leaders_idx on alerts (service_id, created_at)
  where group_leader_id is null and suppressed_by is null and status <> 'resolved';

-- Optimistic concurrency for ingest: a batch reads a service's paging context with
-- this version and writes only if it is unchanged, bumping it in the same statement.
-- One reader-writer pair replaces BEGIN, a lock, and COMMIT round trips.
alter table services add column alerts_version bigint not null default 0;
