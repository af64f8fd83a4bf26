import type { ColumnType, Generated } from 'kysely';

/** Kysely's view of the schedule tables (migrations 0005, 0006); part of `DB` in schema.ts. */
type Timestamp = ColumnType<Date, Date | string, Date | string>;
type Json = ColumnType<unknown, string, string>;

export type ScheduleRole = 'primary' | 'secondary';

export interface SchedulesTable {
  id: Generated<string>;
  name: string;
  description: string;
  team_id: string | null;
  time_zone: string;
  primary_ack_minutes: number;
  secondary_ack_minutes: number;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface ScheduleLayersTable {
  id: Generated<string>;
  schedule_id: string;
  position: number;
  name: string;
  role: ScheduleRole;
  participant_ids: string[];
  shift_unit: 'hour' | 'day' | 'week';
  shift_length: number;
  handoff_weekday: number;
  handoff_time: string;
  start_date: string;
  restriction: ColumnType<unknown, string | null, string | null>;
}

export interface ScheduleOverridesTable {
  id: Generated<string>;
  schedule_id: string;
  role: ScheduleRole;
  user_id: string;
  start_at: Timestamp;
  end_at: Timestamp;
  reason: string;
  source: 'manual' | 'swap' | 'recovery';
  created_by: string | null;
  created_at: Timestamp;
}

export interface ScheduleSwapRequestsTable {
  id: Generated<string>;
  schedule_id: string;
  role: ScheduleRole;
  requester_id: string;
  responder_id: string;
  start_at: Timestamp;
  end_at: Timestamp;
  message: string;
  status: 'pending' | 'accepted' | 'declined' | 'cancelled';
  override_id: string | null;
  decided_at: Timestamp | null;
  created_at: Timestamp;
}

export interface ScheduleShadowsTable {
  id: Generated<string>;
  schedule_id: string;
  user_id: string;
  shadowed_user_id: string | null;
  start_at: Timestamp;
  end_at: Timestamp | null;
  created_at: Timestamp;
}

export interface HandoffNotesTable {
  id: Generated<string>;
  schedule_id: string;
  role: ScheduleRole;
  user_id: string;
  shift_start: Timestamp;
  body: string;
  updated_at: Timestamp;
}

export interface HandoffReportsTable {
  id: Generated<string>;
  schedule_id: string;
  role: ScheduleRole;
  changeover_at: Timestamp;
  outgoing_user_id: string | null;
  incoming_user_id: string | null;
  report: Json;
  created_at: Timestamp;
}

export interface ScheduleCursorsTable {
  schedule_id: string;
  kind: string;
  checked_until: Timestamp;
}

export interface ScheduleNoticesTable {
  schedule_id: string;
  kind: string;
  key: string;
  sent_at: Timestamp;
}

export interface EngineCursorsTable {
  name: string;
  checked_until: Timestamp;
}

export interface RecoveryTimeOffTable {
  id: Generated<string>;
  user_id: string;
  team_id: string | null;
  reason: 'sleep_hours' | 'weekend' | 'holiday';
  alert_id: string | null;
  day: string;
  status: 'granted' | 'declined';
  override_ids: ColumnType<string[], string[] | undefined, string[]>;
  created_at: Timestamp;
  decided_at: Timestamp | null;
}

export interface CalendarFeedsTable {
  id: Generated<string>;
  kind: 'user' | 'schedule';
  subject_id: string;
  token_hash: string;
  created_by: string | null;
  created_at: Timestamp;
  revoked_at: Timestamp | null;
}

export interface InboxItemsTable {
  id: Generated<string>;
  user_id: string;
  kind: string;
  title: string;
  body: Json;
  created_at: Timestamp;
  read_at: Timestamp | null;
}
