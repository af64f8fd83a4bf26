import type { ColumnType, Generated } from 'kysely';

/** Kysely's view of the incident tables (migration 0020); part of `DB` in schema.ts. */
type Timestamp = ColumnType<Date, Date | string, Date | string>;
type Json = ColumnType<unknown, string, string>;

export type IncidentStatusColumn = 'investigating' | 'identified' | 'monitoring' | 'resolved';

export interface SeverityDefinitionsTable {
  level: number;
  name: string;
  description: string;
  default_update_minutes: number | null;
  updated_at: ColumnType<Date, Date | string | undefined, Date | string>;
  updated_by: string | null;
}

export interface IncidentsTable {
  id: Generated<string>;
  number: Generated<number>;
  title: string;
  severity: number;
  status: IncidentStatusColumn;
  drill: ColumnType<boolean, boolean | undefined, boolean>;
  summary: ColumnType<string, string | undefined, string>;
  assess: ColumnType<string, string | undefined, string>;
  blast_radius: ColumnType<string, string | undefined, string>;
  compensate: ColumnType<string, string | undefined, string>;
  war_room_url: string | null;
  slack_channel_id: string | null;
  slack_channel_name: string | null;
  next_update_at: Timestamp | null;
  reminded_for: Timestamp | null;
  declared_at: Timestamp;
  resolved_at: Timestamp | null;
  created_by: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface IncidentAlertsTable {
  incident_id: string;
  alert_id: string;
  kind: 'linked' | 'page' | 'reminder';
  linked_at: Timestamp;
  linked_by: string | null;
}

export interface IncidentServicesTable {
  incident_id: string;
  service_id: string;
  source: 'alert' | 'manual';
  added_at: Timestamp;
}

export interface IncidentRolesTable {
  id: Generated<string>;
  incident_id: string;
  role: 'commander' | 'communicator' | 'scribe' | 'responder';
  user_id: string;
  assigned_at: Timestamp;
  assigned_by: string | null;
  page_alert_id: string | null;
  ended_at: Timestamp | null;
  handed_to: string | null;
}

export interface IncidentTimelineTable {
  id: Generated<number>;
  incident_id: string;
  at: Timestamp;
  kind: string;
  actor_id: string | null;
  actor_label: string;
  text: string;
  data: Json;
  key_moment: 'detected' | 'acknowledged' | 'mitigated' | 'resolved' | null;
  alert_log_id: ColumnType<number | null, number | null | undefined, number | null>;
}

export interface IncidentChecklistItemsTable {
  id: Generated<string>;
  incident_id: string;
  position: number;
  text: string;
  service_id: string | null;
  done_at: Timestamp | null;
  done_by: string | null;
}

export interface UpdateTemplatesTable {
  id: Generated<string>;
  name: string;
  body: string;
  created_at: Timestamp;
  updated_at: Timestamp;
  updated_by: string | null;
}

export interface IncidentUpdatesTable {
  id: Generated<string>;
  incident_id: string;
  at: Timestamp;
  author_id: string | null;
  author_label: string;
  status: string;
  severity: number;
  body: string;
  template_id: string | null;
  next_update_at: Timestamp | null;
}

export interface CommandRedactionsTable {
  id: Generated<string>;
  pattern: string;
  description: string;
  created_at: Timestamp;
  created_by: string | null;
}

export interface IncidentCommandsTable {
  id: Generated<string>;
  incident_id: string;
  client_id: string;
  command: string;
  os_user: string;
  actor_id: string | null;
  host: string;
  cwd: string;
  started_at: Timestamp;
  ended_at: Timestamp;
  exit_code: number | null;
  output_tail: string;
  truncated: boolean;
  recorded_at: Timestamp;
}

export interface IncidentSubscribersTable {
  id: Generated<string>;
  incident_id: string | null;
  service_id: string | null;
  channel: 'email' | 'webhook' | 'slack';
  address: string;
  secret: string | null;
  created_at: Timestamp;
  created_by: string | null;
}

export interface CompensatingActionsTable {
  id: Generated<string>;
  service_id: string;
  name: string;
  description: string;
  kind: 'link' | 'webhook';
  url: string;
  secret: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
  created_by: string | null;
}

export interface CompensatingActionRunsTable {
  id: Generated<string>;
  incident_id: string;
  action_id: string | null;
  action_name: string;
  run_by: string | null;
  started_at: Timestamp;
  ended_at: Timestamp | null;
  outcome: 'running' | 'succeeded' | 'failed' | 'opened';
  http_status: number | null;
  error: string | null;
}

export interface WellbeingCheckinsTable {
  id: Generated<string>;
  incident_id: string;
  user_id: string;
  team_id: string | null;
  requested_at: Timestamp;
  answered_at: Timestamp | null;
  stress: number | null;
  sleep_lost_minutes: number | null;
  comment: string | null;
  anonymous: ColumnType<boolean, boolean | undefined, boolean>;
  touched_sleep: ColumnType<boolean, boolean | undefined, boolean>;
}

export interface IncidentTables {
  severity_definitions: SeverityDefinitionsTable;
  incidents: IncidentsTable;
  incident_alerts: IncidentAlertsTable;
  incident_services: IncidentServicesTable;
  incident_roles: IncidentRolesTable;
  incident_timeline: IncidentTimelineTable;
  incident_checklist_items: IncidentChecklistItemsTable;
  update_templates: UpdateTemplatesTable;
  incident_updates: IncidentUpdatesTable;
  command_redactions: CommandRedactionsTable;
  incident_commands: IncidentCommandsTable;
  incident_subscribers: IncidentSubscribersTable;
  compensating_actions: CompensatingActionsTable;
  compensating_action_runs: CompensatingActionRunsTable;
  wellbeing_checkins: WellbeingCheckinsTable;
}
