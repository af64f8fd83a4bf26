import { sql, type Insertable, type Selectable, type Updateable } from 'kysely';
import type { Db } from '../db/index.js';
import type {
  StatuspageComponentsTable,
  StatuspageIncidentsTable,
  StatuspageIncidentUpdatesTable,
  StatuspageSettingsTable,
  StatuspageTemplatesTable,
} from '../db/index.js';
import type { DayColumn } from './status.js';

export type SettingsRow = Selectable<StatuspageSettingsTable>;
export type ComponentRow = Selectable<StatuspageComponentsTable>;
export type IncidentRow = Selectable<StatuspageIncidentsTable>;
export type UpdateRow = Selectable<StatuspageIncidentUpdatesTable>;
export type TemplateRow = Selectable<StatuspageTemplatesTable>;
export interface SourceRow {
  component_id: string;
  kind: string;
  source_id: string;
  failing_status: string;
  name: string | null;
}

// Settings and the version ------------------------------------------------

export function readSettings(db: Db): Promise<SettingsRow> {
  return db.selectFrom('statuspage_settings').selectAll().executeTakeFirstOrThrow();
}

/**
 * Every write transaction of the status page starts here: the row lock serializes
 * status page writers (rare, so cheap), which keeps the daily history's spans exact,
 * and the new version tells every process its documents are stale.
 */
export async function bumpVersion(db: Db, at: Date): Promise<number> {
  const r = await db
    .updateTable('statuspage_settings')
    .set({ version: sql`version + 1`, updated_at: at })
    .returning('version')
    .executeTakeFirstOrThrow();
  return Number(r.version);
}

export async function readVersion(db: Db): Promise<number> {
  const r = await db.selectFrom('statuspage_settings').select('version').executeTakeFirstOrThrow();
  return Number(r.version);
}

export async function updateSettingsRow(db: Db, patch: Updateable<StatuspageSettingsTable>) {
  await db.updateTable('statuspage_settings').set(patch).execute();
}

// Components --------------------------------------------------------------

const componentColumns = [
  'id',
  'name',
  'description',
  'is_group',
  'group_id',
  'position',
  'showcase',
  'only_show_if_degraded',
  sql<string | null>`to_char(start_date, 'YYYY-MM-DD')`.as('start_date'),
  'status',
  'manual_status',
  'auto_status',
  'status_since',
  'created_at',
  'updated_at',
] as const;

export async function findComponents(db: Db, ids?: string[], forUpdate = false): Promise<ComponentRow[]> {
  if (ids && !ids.length) return [];
  let q = db.selectFrom('statuspage_components').select(componentColumns).orderBy('position').orderBy('name').orderBy('id');
  if (ids) q = q.where('id', 'in', ids);
  if (forUpdate) q = q.forUpdate();
  return (await q.execute()) as ComponentRow[];
}

export async function findSources(db: Db, componentIds?: string[]): Promise<SourceRow[]> {
  if (componentIds && !componentIds.length) return [];
  let q = db
    .selectFrom('statuspage_component_sources as s')
    .leftJoin('services', (j) => j.onRef('services.id', '=', 's.source_id').on('s.kind', '=', 'service'))
    .select(['s.component_id', 's.kind', 's.source_id', 's.failing_status', 'services.name'])
    .orderBy('services.name');
  if (componentIds) q = q.where('s.component_id', 'in', componentIds);
  return q.execute();
}

export async function insertComponent(db: Db, row: Insertable<StatuspageComponentsTable>): Promise<string> {
  const { id } = await db.insertInto('statuspage_components').values(row).returning('id').executeTakeFirstOrThrow();
  return id;
}

export async function updateComponentRow(db: Db, id: string, patch: Updateable<StatuspageComponentsTable>) {
  await db.updateTable('statuspage_components').set(patch).where('id', '=', id).execute();
}

export async function deleteComponentRow(db: Db, id: string) {
  await db.deleteFrom('statuspage_components').where('id', '=', id).execute();
}

export async function countChildren(db: Db, groupId: string): Promise<number> {
  const r = await db
    .selectFrom('statuspage_components')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('group_id', '=', groupId)
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

export async function replaceSources(db: Db, componentId: string, sources: { kind: 'service' | 'check'; id: string; failingStatus: string }[]) {
  await db.deleteFrom('statuspage_component_sources').where('component_id', '=', componentId).execute();
  if (!sources.length) return;
  await db
    .insertInto('statuspage_component_sources')
    .values(sources.map((s) => ({ component_id: componentId, kind: s.kind, source_id: s.id, failing_status: s.failingStatus })))
    .onConflict((oc) => oc.columns(['component_id', 'kind', 'source_id']).doUpdateSet({ failing_status: (eb) => eb.ref('excluded.failing_status') }))
    .execute();
}

/** The links of one kind of source: which components follow which source ids. */
export async function sourceLinks(db: Db, kind: 'service' | 'check'): Promise<{ component_id: string; source_id: string; failing_status: string }[]> {
  return db.selectFrom('statuspage_component_sources').select(['component_id', 'source_id', 'failing_status']).where('kind', '=', kind).execute();
}

export async function serviceNames(db: Db, ids: string[]): Promise<Map<string, string>> {
  if (!ids.length) return new Map();
  const rows = await db.selectFrom('services').select(['id', 'name']).where('id', 'in', ids).execute();
  return new Map(rows.map((r) => [r.id, r.name]));
}

export async function existingServiceIds(db: Db, ids: string[]): Promise<Set<string>> {
  if (!ids.length) return new Set();
  const rows = await db.selectFrom('services').select('id').where('id', 'in', ids).execute();
  return new Set(rows.map((r) => r.id));
}

/** Adds closed spans to the daily history (one statement for all pieces). */
export async function addDaySeconds(db: Db, pieces: { componentId: string; day: string; column: DayColumn; seconds: number }[]) {
  for (const column of ['degraded_seconds', 'partial_seconds', 'major_seconds', 'maintenance_seconds'] as const) {
    const rows = pieces.filter((p) => p.column === column);
    if (!rows.length) continue;
    await db
      .insertInto('statuspage_component_days')
      .values(rows.map((p) => ({ component_id: p.componentId, day: p.day, [column]: p.seconds })))
      .onConflict((oc) => oc.columns(['component_id', 'day']).doUpdateSet({ [column]: sql`statuspage_component_days.${sql.ref(column)} + excluded.${sql.ref(column)}` }))
      .execute();
  }
}

// What components follow ---------------------------------------------------

/** One row per (component, service source): whether the service has open, unsuppressed alerts of each urgency. */
export async function serviceSignals(db: Db): Promise<{ component_id: string; failing_status: string; high: boolean; low: boolean }[]> {
  const r = await sql<{ component_id: string; failing_status: string; high: boolean; low: boolean }>`
    select s.component_id, s.failing_status,
           coalesce(bool_or(a.urgency = 'high'), false) as high,
           coalesce(bool_or(a.urgency = 'low'), false) as low
    from statuspage_component_sources s
    left join alerts a on a.service_id = s.source_id and a.status <> 'resolved' and a.suppressed_by is null
    where s.kind = 'service'
    group by s.component_id, s.source_id, s.failing_status`.execute(db);
  return r.rows;
}

/** Ids of components covered by maintenance in progress or being verified. */
export async function componentsInMaintenance(db: Db): Promise<Set<string>> {
  const r = await sql<{ id: string }>`
    select distinct unnest(component_ids) as id from statuspage_incidents
    where kind = 'maintenance' and status in ('in_progress', 'verifying')`.execute(db);
  return new Set(r.rows.map((x) => x.id));
}

// Incidents and maintenance -----------------------------------------------

export interface IncidentFilter {
  id?: string;
  kind?: 'incident' | 'maintenance';
  open?: boolean;
  limit?: number;
}

const OPEN_STATUSES = ['investigating', 'identified', 'monitoring', 'scheduled', 'in_progress', 'verifying'];

export async function findIncidents(db: Db, f: IncidentFilter = {}): Promise<(IncidentRow & { updates: UpdateRow[] })[]> {
  let q = db.selectFrom('statuspage_incidents').selectAll().orderBy('created_at', 'desc').orderBy('id');
  if (f.id) q = q.where('id', '=', f.id);
  if (f.kind) q = q.where('kind', '=', f.kind);
  if (f.open !== undefined) q = q.where('status', f.open ? 'in' : 'not in', OPEN_STATUSES);
  if (f.limit) q = q.limit(f.limit);
  const incidents = await q.execute();
  if (!incidents.length) return [];
  const updates = await db
    .selectFrom('statuspage_incident_updates')
    .selectAll()
    .where(
      'incident_id',
      'in',
      incidents.map((i) => i.id),
    )
    .orderBy('display_at', 'desc')
    .orderBy('created_at', 'desc')
    .execute();
  return incidents.map((i) => ({ ...i, updates: updates.filter((u) => u.incident_id === i.id) }));
}

export async function insertIncident(db: Db, row: Insertable<StatuspageIncidentsTable>): Promise<string> {
  const { id } = await db.insertInto('statuspage_incidents').values(row).returning('id').executeTakeFirstOrThrow();
  return id;
}

export async function updateIncidentRow(db: Db, id: string, patch: Updateable<StatuspageIncidentsTable>) {
  await db.updateTable('statuspage_incidents').set(patch).where('id', '=', id).execute();
}

export async function deleteIncidentRow(db: Db, id: string) {
  await db.deleteFrom('statuspage_incidents').where('id', '=', id).execute();
}

export async function insertUpdate(db: Db, row: Insertable<StatuspageIncidentUpdatesTable>): Promise<string> {
  const { id } = await db.insertInto('statuspage_incident_updates').values(row).returning('id').executeTakeFirstOrThrow();
  return id;
}

/** Maintenance whose scheduled start or end has come and that moves on its own. */
export async function dueMaintenance(db: Db, now: Date): Promise<IncidentRow[]> {
  return db
    .selectFrom('statuspage_incidents')
    .selectAll()
    .where('kind', '=', 'maintenance')
    .where('auto_transition', '=', true)
    .where((eb) =>
      eb.or([
        eb.and([eb('status', '=', 'scheduled'), eb('scheduled_for', '<=', now)]),
        eb.and([eb('status', 'in', ['in_progress', 'verifying']), eb('scheduled_until', '<=', now)]),
      ]),
    )
    .execute();
}

// Templates ---------------------------------------------------------------

export async function findTemplates(db: Db, id?: string): Promise<TemplateRow[]> {
  let q = db.selectFrom('statuspage_templates').selectAll().orderBy('kind').orderBy('name');
  if (id) q = q.where('id', '=', id);
  return q.execute();
}

export async function findTemplateByName(db: Db, name: string): Promise<TemplateRow | undefined> {
  return db.selectFrom('statuspage_templates').selectAll().where(sql`lower(name)`, '=', name.toLowerCase()).executeTakeFirst();
}

export async function insertTemplate(db: Db, row: Insertable<StatuspageTemplatesTable>): Promise<string> {
  const { id } = await db.insertInto('statuspage_templates').values(row).returning('id').executeTakeFirstOrThrow();
  return id;
}

export async function updateTemplateRow(db: Db, id: string, patch: Updateable<StatuspageTemplatesTable>) {
  await db.updateTable('statuspage_templates').set(patch).where('id', '=', id).execute();
}

export async function deleteTemplateRow(db: Db, id: string) {
  await db.deleteFrom('statuspage_templates').where('id', '=', id).execute();
}
