import type { ColumnType, Generated, Insertable, Selectable } from 'kysely';

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

export interface DB {
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
}

export type UserRow = Selectable<UsersTable>;
export type ServiceRow = Selectable<ServicesTable>;
export type TeamRow = Selectable<TeamsTable>;
export type ApiKeyRow = Selectable<ApiKeysTable>;
export type AuditRow = Selectable<AuditLogTable>;
export type NewAuditRow = Insertable<AuditLogTable>;
