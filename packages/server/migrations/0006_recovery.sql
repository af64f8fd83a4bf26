-- 0006 recovery time off: where the engine's recovery scan has got to, and an index
-- so that scan reads only the newly sent messages.

-- One row per engine module that walks a stream of past events (not per schedule,
-- unlike schedule_cursors). The row is claimed FOR UPDATE SKIP LOCKED, so one
-- engine process scans at a time and the others move on.
create table engine_cursors (
  name             text primary key,
  -- everything sent up to here has been looked at (the scan re-reads a short
  -- overlap before it, so a send that committed late is not missed)
  checked_until    timestamptz not null
);

create index outbox_sent_at_idx on outbox (sent_at) where status = 'sent';
