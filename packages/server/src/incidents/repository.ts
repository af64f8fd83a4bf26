import { sql, type Insertable, type Selectable, type Updateable } from 'kysely';
import type { Db } from '../db/index.js';
import type { IncidentsTable, IncidentTimelineTable } from '../db/index.js';

/** SQL of incidents, their services, alerts and timeline. Roles and the rest: *-repository.ts. */

export type IncidentRow = Selectable<IncidentsTable>;
export type TimelineRow = Selectable<IncidentTimelineTable>;

export async function insertIncident(db: Db, row: Insertable<IncidentsTable>): Promise<IncidentRow> {
  return db.insertInto('incidents').values(row).returningAll().executeTakeFirstOrThrow();
}

/** By id or by number; `forUpdate` locks the row so concurrent changes to one incident queue up. */
export async function findIncident(db: Db, ref: { id?: string; number?: number }, forUpdate = false): Promise<IncidentRow | undefined> {
  let q = db.selectFrom('incidents').selectAll();
  q = ref.id ? q.where('id', '=', ref.id) : q.where('number', '=', ref.number!);
  if (forUpdate) q = q.forUpdate();
  return q.executeTakeFirst();
}

export async function updateIncidentRow(db: Db, id: string, patch: Updateable<IncidentsTable>): Promise<IncidentRow> {
  return db.updateTable('incidents').set(patch).where('id', '=', id).returningAll().executeTakeFirstOrThrow();
}

export interface IncidentFilter {
  statuses?: string[];
  serviceId?: string;
  drill?: boolean;
  before?: number;
  limit: number;
}

export async function listIncidentRows(db: Db, f: IncidentFilter): Promise<IncidentRow[]> {
  let q = db.selectFrom('incidents').selectAll().orderBy('number', 'desc').limit(f.limit);
  if (f.statuses?.length) q = q.where('status', 'in', f.statuses as IncidentRow['status'][]);
  if (f.drill !== undefined) q = q.where('drill', '=', f.drill);
  if (f.before) q = q.where('number', '<', f.before);
  if (f.serviceId) {
    const serviceId = f.serviceId;
    q = q.where('id', 'in', (s) => s.selectFrom('incident_services').select('incident_id').where('service_id', '=', serviceId));
  }
  return q.execute();
}

// Services ---------------------------------------------------------------

export async function servicesOf(db: Db, incidentIds: readonly string[]) {
  if (!incidentIds.length) return [];
  return db
    .selectFrom('incident_services')
    .innerJoin('services', 'services.id', 'incident_services.service_id')
    .select(['incident_services.incident_id', 'services.id', 'services.name', 'services.team_id', 'services.runbook_markdown', 'incident_services.source'])
    .where('incident_services.incident_id', 'in', [...incidentIds])
    .orderBy('services.name')
    .execute();
}

export async function findServicesById(db: Db, ids: readonly string[]) {
  if (!ids.length) return [];
  return db.selectFrom('services').select(['id', 'name', 'team_id', 'runbook_markdown']).where('id', 'in', [...ids]).execute();
}

/** Adds services; a service already there keeps its source unless a person adds it by hand. */
export async function addServices(db: Db, incidentId: string, serviceIds: readonly string[], source: 'alert' | 'manual', now: Date): Promise<string[]> {
  if (!serviceIds.length) return [];
  const rows = await db
    .insertInto('incident_services')
    .values(serviceIds.map((service_id) => ({ incident_id: incidentId, service_id, source, added_at: now })))
    .onConflict((oc) => (source === 'manual' ? oc.columns(['incident_id', 'service_id']).doUpdateSet({ source: 'manual' }).where('incident_services.source', '=', 'alert') : oc.doNothing()))
    .returning('service_id')
    .execute();
  return rows.map((r) => r.service_id);
}

export async function removeService(db: Db, incidentId: string, serviceId: string): Promise<boolean> {
  const r = await db.deleteFrom('incident_services').where('incident_id', '=', incidentId).where('service_id', '=', serviceId).executeTakeFirst();
  return Number(r.numDeletedRows) > 0;
}

/** Services that came with alerts and no longer have a linked alert: they go with the last one. */
export async function dropOrphanAlertServices(db: Db, incidentId: string): Promise<string[]> {
  const rows = await db
    .deleteFrom('incident_services')
    .where('incident_id', '=', incidentId)
    .where('source', '=', 'alert')
    .where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom('incident_alerts')
            .innerJoin('alerts', 'alerts.id', 'incident_alerts.alert_id')
            .select(sql`1`.as('one'))
            .whereRef('incident_alerts.incident_id', '=', 'incident_services.incident_id')
            .whereRef('alerts.service_id', '=', 'incident_services.service_id')
            .where('incident_alerts.kind', '=', 'linked'),
        ),
      ),
    )
    .returning('service_id')
    .execute();
  return rows.map((r) => r.service_id);
}

// Alerts -----------------------------------------------------------------

export async function findAlerts(db: Db, ids: readonly string[]) {
  if (!ids.length) return [];
  return db
    .selectFrom('alerts')
    .innerJoin('services', 'services.id', 'alerts.service_id')
    .select(['alerts.id', 'alerts.number', 'alerts.summary', 'alerts.status', 'alerts.service_id', 'alerts.created_at', 'alerts.acknowledged_at', 'services.name as service_name', 'services.team_id'])
    .where('alerts.id', 'in', [...ids])
    .execute();
}

export async function linkAlerts(db: Db, incidentId: string, alertIds: readonly string[], kind: 'linked' | 'page' | 'reminder', by: string | null, now: Date): Promise<string[]> {
  if (!alertIds.length) return [];
  const rows = await db
    .insertInto('incident_alerts')
    .values(alertIds.map((alert_id) => ({ incident_id: incidentId, alert_id, kind, linked_at: now, linked_by: by })))
    .onConflict((oc) => oc.doNothing())
    .returning('alert_id')
    .execute();
  return rows.map((r) => r.alert_id);
}

export async function unlinkAlert(db: Db, incidentId: string, alertId: string): Promise<boolean> {
  const r = await db.deleteFrom('incident_alerts').where('incident_id', '=', incidentId).where('alert_id', '=', alertId).where('kind', '=', 'linked').executeTakeFirst();
  return Number(r.numDeletedRows) > 0;
}

export async function alertsOf(db: Db, incidentId: string) {
  return db
    .selectFrom('incident_alerts')
    .innerJoin('alerts', 'alerts.id', 'incident_alerts.alert_id')
    .innerJoin('services', 'services.id', 'alerts.service_id')
    .select(['alerts.id', 'alerts.number', 'alerts.summary', 'alerts.status', 'alerts.service_id', 'services.name as service_name', 'incident_alerts.kind', 'incident_alerts.linked_at'])
    .where('incident_alerts.incident_id', '=', incidentId)
    .orderBy('incident_alerts.linked_at')
    .execute();
}

/** Open reminder pages of an incident, resolved when the update they asked for is posted. */
export async function openReminderAlerts(db: Db, incidentId: string): Promise<string[]> {
  const rows = await db
    .selectFrom('incident_alerts')
    .innerJoin('alerts', 'alerts.id', 'incident_alerts.alert_id')
    .select('alerts.id')
    .where('incident_alerts.incident_id', '=', incidentId)
    .where('incident_alerts.kind', '=', 'reminder')
    .where('alerts.status', '<>', 'resolved')
    .execute();
  return rows.map((r) => r.id);
}

// Timeline ---------------------------------------------------------------

/** A mirrored alert-log line already there (another engine, or a person's link, got to it first) is skipped: undefined. */
export async function insertTimeline(db: Db, row: Insertable<IncidentTimelineTable>): Promise<TimelineRow | undefined> {
  let q = db.insertInto('incident_timeline').values(row);
  if (row.alert_log_id != null) q = q.onConflict((oc) => oc.columns(['incident_id', 'alert_log_id']).where('alert_log_id', 'is not', null).doNothing());
  return q.returningAll().executeTakeFirst();
}

export async function readTimeline(db: Db, incidentId: string): Promise<TimelineRow[]> {
  return db.selectFrom('incident_timeline').selectAll().where('incident_id', '=', incidentId).orderBy('at').orderBy('id').execute();
}

export async function findTimelineEntry(db: Db, incidentId: string, id: number): Promise<TimelineRow | undefined> {
  return db.selectFrom('incident_timeline').selectAll().where('incident_id', '=', incidentId).where('id', '=', id).executeTakeFirst();
}

/** Moves a key moment to `entryId` (one entry per moment and incident), or clears the entry's mark. */
export async function setKeyMoment(db: Db, incidentId: string, entryId: number, moment: TimelineRow['key_moment']) {
  if (moment) await db.updateTable('incident_timeline').set({ key_moment: null }).where('incident_id', '=', incidentId).where('key_moment', '=', moment).execute();
  await db.updateTable('incident_timeline').set({ key_moment: moment }).where('incident_id', '=', incidentId).where('id', '=', entryId).execute();
}

export async function hasKeyMoment(db: Db, incidentId: string, moment: NonNullable<TimelineRow['key_moment']>): Promise<boolean> {
  return !!(await db.selectFrom('incident_timeline').select('id').where('incident_id', '=', incidentId).where('key_moment', '=', moment).executeTakeFirst());
}

/** Unresolved incidents whose promised update is overdue and not yet reminded for; locked, skipping rows another engine holds. */
export async function claimOverdueIncidents(db: Db, now: Date, limit: number): Promise<IncidentRow[]> {
  return db
    .selectFrom('incidents')
    .selectAll()
    .where('status', '<>', 'resolved')
    .where('next_update_at', '<=', now)
    .where((e) => e.or([e('reminded_for', 'is', null), e('reminded_for', '<>', e.ref('next_update_at'))]))
    .orderBy('next_update_at')
    .limit(limit)
    .forUpdate()
    .skipLocked()
    .execute();
}

/** Locks the incidents the mirror writes to, so key moments never race a person's change. */
export async function lockIncidents(db: Db, ids: readonly string[]) {
  if (!ids.length) return;
  await db.selectFrom('incidents').select('id').where('id', 'in', [...ids]).orderBy('id').forUpdate().execute();
}
