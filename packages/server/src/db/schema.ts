import type { ColumnType, Generated, Insertable, Selectable } from 'kysely';
import type {
  SchedulesTable,
  ScheduleLayersTable,
  ScheduleOverridesTable,
  ScheduleSwapRequestsTable,
  ScheduleShadowsTable,
  HandoffNotesTable,
  HandoffReportsTable,
  ScheduleCursorsTable,
  ScheduleNoticesTable,
  EngineCursorsTable,
  RecoveryTimeOffTable,
  CalendarFeedsTable,
  InboxItemsTable,
} from './schema-schedules.js';
import type { SlosTable, SloBucketsTable } from './schema-slo.js';
import type { IncidentTables } from './schema-incidents.js';
import type { PostmortemTables } from './schema-postmortems.js';
import type { StatuspageDB } from './schema-statuspage.js';
import type { ChecksTable, CheckResultsTable, CheckRollupsTable, CheckRollupCursorsTable } from './schema-checks.js';
import type { HealthTables } from './schema-health.js';

/** Kysely's view of the tables; mirrors migrations/*.sql. */
type Timestamp = ColumnType<Date, Date | string, Date | string>;
type Json = ColumnType<unknown, string, string>;

export interface SettingsTable {
  key: string;
  value: Json;
  updated_at: Timestamp;
}

export interface UsersTable {
  id: Generated<string>;
  name: string;
  email: string;
  time_zone: string;
  time_zone_source: Generated<'default' | 'browser' | 'chosen'>;
  working_hours: Json;
  role: 'admin' | 'responder' | 'viewer';
  password_hash: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface TeamsTable {
  id: Generated<string>;
  name: string;
  description: string;
  sleep_start: ColumnType<string, string | undefined, string>;
  sleep_end: ColumnType<string, string | undefined, string>;
  recovery_after_minutes: ColumnType<number, number | undefined, number>;
  recovery_next_day_override: ColumnType<boolean, boolean | undefined, boolean>;
  holidays: ColumnType<string[], string | undefined, string>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface TeamMembersTable {
  team_id: string;
  user_id: string;
  added_at: Timestamp;
}

export interface ServicesTable {
  id: Generated<string>;
  name: string;
  description: string;
  team_id: string;
  runbook_markdown: string;
  runbook_url: string | null;
  tags: string[];
  escalation_policy_id: ColumnType<string | null, string | null | undefined, string | null>;
  ack_timeout_minutes: ColumnType<number | null, number | null | undefined, number | null>;
  storm_window_seconds: ColumnType<number, number | undefined, number>;
  /** Bumped by every ingest write for the service (optimistic concurrency). */
  alerts_version: ColumnType<number, number | undefined, number>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface SessionsTable {
  id: string;
  user_id: string;
  csrf_token: string;
  created_at: Timestamp;
  last_seen_at: Timestamp;
  expires_at: Timestamp;
  user_agent: string | null;
  address: string | null;
}

export interface ApiKeysTable {
  id: Generated<string>;
  name: string;
  prefix: string;
  token_hash: string;
  role: 'admin' | 'responder' | 'viewer';
  owner_id: string;
  created_at: Timestamp;
  last_used_at: Timestamp | null;
  revoked_at: Timestamp | null;
}

export interface SignInFailuresTable {
  key: string;
  at: Timestamp;
}

export interface AuditLogTable {
  id: Generated<number>;
  at: Timestamp;
  actor_type: 'user' | 'api_key' | 'system';
  actor_id: string | null;
  actor_label: string;
  action: string;
  entity_type: string;
  entity_id: string | null;
  before: Json | null;
  after: Json | null;
  request_id: string | null;
}

export interface LogEventLevelsTable {
  event_id: string;
  level: string;
  updated_at: Timestamp;
}

export interface SchemaMigrationsTable {
  version: string;
  checksum: string;
  applied_at: Timestamp;
}

export interface EscalationPoliciesTable {
  id: Generated<string>;
  name: string;
  description: string;
  team_id: string | null;
  repeat_count: number;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface EscalationStepsTable {
  id: Generated<string>;
  policy_id: string;
  position: number;
  delay_minutes: number;
  require_all_ack: boolean;
  targets: Json;
}

export type IntegrationKind = 'pagerduty' | 'alertmanager' | 'grafana' | 'opsgenie' | 'generic' | 'heartbeat';

export interface IntegrationsTable {
  id: Generated<string>;
  service_id: string;
  name: string;
  kind: IntegrationKind;
  key: string;
  rate_limit_per_minute: number;
  heartbeat_interval_minutes: number | null;
  heartbeat_last_at: Timestamp | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export type AlertStatus = 'triggered' | 'acknowledged' | 'resolved';

export interface AlertsTable {
  id: Generated<string>;
  number: Generated<number>;
  service_id: string;
  integration_id: string | null;
  dedup_key: string;
  status: AlertStatus;
  urgency: 'high' | 'low';
  summary: string;
  source: string | null;
  severity: string | null;
  details: Json;
  links: Json;
  occurrences: ColumnType<number, number | undefined, number>;
  group_leader_id: string | null;
  group_size: ColumnType<number, number | undefined, number>;
  suppressed_by: string | null;
  trace_id: string | null;
  created_at: Timestamp;
  last_seen_at: Timestamp;
  acknowledged_at: Timestamp | null;
  acknowledged_by: string | null;
  resolved_at: Timestamp | null;
  resolved_by: string | null;
}

export interface AlertLogTable {
  id: Generated<number>;
  alert_id: string;
  at: Timestamp;
  event: string;
  actor: string | null;
  channel: string | null;
  target: string | null;
  result: string | null;
  details: Json | null;
}

export interface ChangeEventsTable {
  id: Generated<string>;
  service_id: string;
  integration_id: string | null;
  summary: string;
  source: string | null;
  at: Timestamp;
  details: Json;
  links: Json;
  created_at: Timestamp;
}

export interface MaintenanceWindowsTable {
  id: Generated<string>;
  name: string;
  service_ids: string[] | null;
  kind: 'once' | 'recurring';
  starts_at: Timestamp | null;
  ends_at: Timestamp | null;
  time_zone: string | null;
  days: number[] | null;
  start_time: string | null;
  duration_minutes: number | null;
  created_at: Timestamp;
  created_by: string | null;
  updated_at: Timestamp | null;
}

export type ContactType = 'email' | 'sms' | 'voice' | 'ntfy' | 'slack' | 'teams' | 'webhook';

export interface ContactMethodsTable {
  id: Generated<string>;
  user_id: string;
  type: ContactType;
  address: string;
  label: string;
  secret: string | null;
  verified_at: Timestamp | null;
  verification_hash: string | null;
  verification_expires_at: Timestamp | null;
  verification_attempts: ColumnType<number, number | undefined, number>;
  created_at: Timestamp;
}

export interface NotificationRulesTable {
  id: Generated<string>;
  user_id: string;
  contact_method_id: string;
  delay_minutes: number;
  urgency: 'high' | 'low' | 'any';
  created_at: Timestamp;
}

export interface EscalationsTable {
  alert_id: string;
  policy_id: string | null;
  /** People paged directly (instead of a policy): `[{type:'user',userId}]`. */
  direct_targets: ColumnType<unknown, string | null | undefined, string | null>;
  step_index: number;
  cycle: number;
  next_at: Timestamp | null;
  status: 'active' | 'stopped' | 'exhausted';
  awaiting_user_ids: ColumnType<string[], string[] | undefined, string[]>;
  generation: ColumnType<number, number | undefined, number>;
  updated_at: Timestamp;
}

export interface NotificationsTable {
  id: Generated<string>;
  alert_id: string;
  user_id: string;
  contact_method_id: string;
  due_at: Timestamp;
  status: 'pending' | 'queued' | 'sent' | 'failed' | 'cancelled';
  step_index: number | null;
  generation: ColumnType<number, number | undefined, number>;
  reason: string | null;
  created_at: Timestamp;
}

export interface OutboxTable {
  id: Generated<string>;
  channel: string;
  target: Json;
  message: Json;
  notification_id: string | null;
  alert_ids: ColumnType<string[], string[] | undefined, string[]>;
  status: 'pending' | 'sent' | 'dead';
  attempts: ColumnType<number, number | undefined, number>;
  next_attempt_at: Timestamp;
  lease_until: Timestamp | null;
  lease_token: string | null;
  last_error: string | null;
  trace_id: string | null;
  created_at: Timestamp;
  sent_at: Timestamp | null;
}

export interface UsedActionTokensTable {
  nonce: string;
  used_at: Timestamp;
}

export interface DB extends IncidentTables, PostmortemTables, StatuspageDB, HealthTables {
  settings: SettingsTable;
  users: UsersTable;
  teams: TeamsTable;
  team_members: TeamMembersTable;
  services: ServicesTable;
  sessions: SessionsTable;
  api_keys: ApiKeysTable;
  sign_in_failures: SignInFailuresTable;
  audit_log: AuditLogTable;
  log_event_levels: LogEventLevelsTable;
  schema_migrations: SchemaMigrationsTable;
  escalation_policies: EscalationPoliciesTable;
  escalation_steps: EscalationStepsTable;
  integrations: IntegrationsTable;
  alerts: AlertsTable;
  alert_log: AlertLogTable;
  change_events: ChangeEventsTable;
  maintenance_windows: MaintenanceWindowsTable;
  contact_methods: ContactMethodsTable;
  notification_rules: NotificationRulesTable;
  escalations: EscalationsTable;
  notifications: NotificationsTable;
  outbox: OutboxTable;
  used_action_tokens: UsedActionTokensTable;
  schedules: SchedulesTable;
  schedule_layers: ScheduleLayersTable;
  schedule_overrides: ScheduleOverridesTable;
  schedule_swap_requests: ScheduleSwapRequestsTable;
  schedule_shadows: ScheduleShadowsTable;
  handoff_notes: HandoffNotesTable;
  handoff_reports: HandoffReportsTable;
  schedule_cursors: ScheduleCursorsTable;
  schedule_notices: ScheduleNoticesTable;
  recovery_time_off: RecoveryTimeOffTable;
  calendar_feeds: CalendarFeedsTable;
  inbox_items: InboxItemsTable;
  engine_cursors: EngineCursorsTable;
  slos: SlosTable;
  slo_buckets: SloBucketsTable;
  checks: ChecksTable;
  check_results: CheckResultsTable;
  check_rollups: CheckRollupsTable;
  check_rollup_cursors: CheckRollupCursorsTable;
}

export type UserRow = Selectable<UsersTable>;
export type ServiceRow = Selectable<ServicesTable>;
export type TeamRow = Selectable<TeamsTable>;
export type ApiKeyRow = Selectable<ApiKeysTable>;
export type AuditRow = Selectable<AuditLogTable>;
export type NewAuditRow = Insertable<AuditLogTable>;
export type AlertRow = Selectable<AlertsTable>;
export type IntegrationRow = Selectable<IntegrationsTable>;
