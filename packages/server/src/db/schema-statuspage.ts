import type { ColumnType, Generated } from 'kysely';

/** Kysely's view of the status page tables (migrations 0030-0034); part of `DB` in schema.ts. */
type Timestamp = ColumnType<Date, Date | string, Date | string>;
type Json = ColumnType<unknown, string, string>;
/** `date` columns come back as strings (YYYY-MM-DD) through to_char in the repository. */
type DateColumn = ColumnType<string, string, string>;

export interface StatuspageSettingsTable {
  id: Generated<boolean>;
  page_id: string;
  name: Generated<string>;
  logo_url: string | null;
  brand_color: Generated<string>;
  header_color: Generated<string>;
  contact_email: string | null;
  contact_url: string | null;
  contact_text: Generated<string>;
  time_zone: Generated<string>;
  page_url: string | null;
  version: ColumnType<string, string | number, string | number>;
  updated_at: Timestamp;
}

export interface StatuspageComponentsTable {
  id: Generated<string>;
  name: string;
  description: Generated<string>;
  is_group: Generated<boolean>;
  group_id: string | null;
  position: Generated<number>;
  showcase: Generated<boolean>;
  only_show_if_degraded: Generated<boolean>;
  start_date: DateColumn | null;
  status: Generated<string>;
  manual_status: string | null;
  auto_status: Generated<string>;
  status_since: Timestamp;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface StatuspageComponentSourcesTable {
  component_id: string;
  kind: 'service' | 'check';
  source_id: string;
  failing_status: Generated<string>;
}

export interface StatuspageComponentDaysTable {
  component_id: string;
  day: DateColumn;
  degraded_seconds: Generated<number>;
  partial_seconds: Generated<number>;
  major_seconds: Generated<number>;
  maintenance_seconds: Generated<number>;
}

export interface StatuspageIncidentsTable {
  id: Generated<string>;
  kind: 'incident' | 'maintenance';
  name: string;
  status: string;
  impact: string;
  component_ids: Generated<string[]>;
  internal_incident_id: string | null;
  next_update_at: Timestamp | null;
  started_at: Timestamp;
  monitoring_at: Timestamp | null;
  resolved_at: Timestamp | null;
  scheduled_for: Timestamp | null;
  scheduled_until: Timestamp | null;
  auto_transition: Generated<boolean>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface StatuspageIncidentUpdatesTable {
  id: Generated<string>;
  incident_id: string;
  status: string;
  body: string;
  affected_components: Json;
  deliver_notifications: Generated<boolean>;
  display_at: Timestamp;
  created_by: string | null;
  fanned_out_at: Timestamp | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface StatuspageTemplatesTable {
  id: Generated<string>;
  name: string;
  kind: 'incident' | 'maintenance';
  status: string;
  title: Generated<string>;
  body: string;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface StatuspageSubscribersTable {
  id: Generated<string>;
  kind: 'email' | 'webhook';
  address: string;
  secret: string | null;
  component_ids: Generated<string[]>;
  confirmed_at: Timestamp | null;
  unsubscribed_at: Timestamp | null;
  created_at: Timestamp;
}

export interface StatuspageDeliveriesTable {
  update_id: string;
  subscriber_id: string;
  outbox_id: string;
  created_at: Timestamp;
}

export interface StatuspageDB {
  statuspage_subscribers: StatuspageSubscribersTable;
  statuspage_deliveries: StatuspageDeliveriesTable;
  statuspage_settings: StatuspageSettingsTable;
  statuspage_components: StatuspageComponentsTable;
  statuspage_component_sources: StatuspageComponentSourcesTable;
  statuspage_component_days: StatuspageComponentDaysTable;
  statuspage_incidents: StatuspageIncidentsTable;
  statuspage_incident_updates: StatuspageIncidentUpdatesTable;
  statuspage_templates: StatuspageTemplatesTable;
}
