import type { ColumnType, Generated } from 'kysely';

/** Kysely's view of the health tables (migrations 0040–0044). */
type Timestamp = ColumnType<Date, Date | string, Date | string>;
type Defaulted<T> = ColumnType<T, T | undefined, T>;

export interface HealthNotificationsTable {
  id: Generated<number>;
  outbox_id: string;
  alert_id: string;
  user_id: string;
  service_id: string;
  team_id: string;
  alert_key: string;
  channel: string;
  at: Timestamp;
  level: Defaulted<number>;
  is_drill: Defaulted<boolean>;
}

export interface HealthPageEventsTable {
  alert_id: string;
  incident_id: ColumnType<string | null, string | null | undefined, string | null>;
  team_id: string;
  service_id: string;
  dedup_key: string;
  first_page_at: Timestamp;
  is_drill: Defaulted<boolean>;
}

export interface HealthTeamSettingsTable {
  team_id: string;
  time_zone: Defaulted<string>;
  ack_primary_minutes: Defaulted<number>;
  ack_secondary_minutes: Defaulted<number>;
  report_weekday: Defaulted<number>;
  report_time: Defaulted<string>;
  report_enabled: Defaulted<boolean>;
  report_emails: ColumnType<string[], string[] | undefined, string[]>;
  report_webhook_url: ColumnType<string | null, string | null | undefined, string | null>;
  report_webhook_secret: ColumnType<string | null, string | null | undefined, string | null>;
  updated_at: Timestamp;
}

/** The organisation's review schedule: one row (id always true). */
export interface HealthOrgSettingsTable {
  id: Defaulted<boolean>;
  time_zone: Defaulted<string>;
  report_weekday: Defaulted<number>;
  report_time: Defaulted<string>;
  report_enabled: Defaulted<boolean>;
  report_emails: ColumnType<string[], string[] | undefined, string[]>;
  report_webhook_url: ColumnType<string | null, string | null | undefined, string | null>;
  report_webhook_secret: ColumnType<string | null, string | null | undefined, string | null>;
  updated_at: Timestamp;
}

export interface HealthReviewDeliveriesTable {
  scope_key: string;
  week_start: string;
  created_at: Timestamp;
  messages: Defaulted<number>;
}

export interface HealthTables extends HealthListTables {
  health_notifications: HealthNotificationsTable;
  health_page_events: HealthPageEventsTable;
  health_team_settings: HealthTeamSettingsTable;
  health_org_settings: HealthOrgSettingsTable;
  health_review_deliveries: HealthReviewDeliveriesTable;
}

export interface HealthActionItemsTable {
  id: Generated<string>;
  team_id: string;
  title: string;
  priority: Defaulted<'top' | 'high' | 'normal' | 'low'>;
  status: Defaulted<'open' | 'done' | 'dropped'>;
  service_id: ColumnType<string | null, string | null | undefined, string | null>;
  alert_key: ColumnType<string | null, string | null | undefined, string | null>;
  owner_id: ColumnType<string | null, string | null | undefined, string | null>;
  created_by: string;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface ToilEntriesTable {
  id: Generated<string>;
  team_id: string;
  user_id: string | null;
  service_id: string | null;
  what: string;
  category: Defaulted<string>;
  minutes: number;
  done_on: string;
  created_at: Timestamp;
}

export interface RisksTable {
  id: Generated<string>;
  team_id: string;
  title: string;
  description: Defaulted<string>;
  kind: Defaulted<'operational' | 'security'>;
  impact: number;
  likelihood: number;
  score: ColumnType<number, never, never>;
  effort: string;
  owner_id: string | null;
  status: Defaulted<'open' | 'mitigating' | 'accepted' | 'closed'>;
  service_ids: ColumnType<string[], string[] | undefined, string[]>;
  action_item_ids: ColumnType<string[], string[] | undefined, string[]>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface HealthListTables {
  health_action_items: HealthActionItemsTable;
  toil_entries: ToilEntriesTable;
  risks: RisksTable;
}
