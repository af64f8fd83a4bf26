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
  updated_at: Timestamp;
}

export interface HealthTables {
  health_notifications: HealthNotificationsTable;
  health_page_events: HealthPageEventsTable;
  health_team_settings: HealthTeamSettingsTable;
}
