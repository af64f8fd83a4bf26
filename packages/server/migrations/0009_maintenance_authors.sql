-- Maintenance windows become editable through the API: who planned a window and
-- when it last changed are shown beside it.
alter table maintenance_windows
  add column created_by text,
  add column updated_at timestamptz;
