-- Outbox leases are renewed while a send is in flight, so a lease can be short and
-- the sends of a process that died are retried within seconds.
-- lease_token: written by each claim; only the holder of that token renews the
-- lease, so a process never extends a lease another process took over after it
-- lapsed. Cleared when the attempt is recorded.
alter table outbox add column lease_token uuid;
