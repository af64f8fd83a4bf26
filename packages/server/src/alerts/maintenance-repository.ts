import { sql, type Insertable, type Selectable, type Updateable } from 'kysely';
import type { Db, MaintenanceWindowsTable } from '../db/index.js';
import type { MaintenanceWindow } from './rules/index.js';

export type MaintenanceWindowRow = Selectable<MaintenanceWindowsTable>;

export interface MaintenanceFilter {
  id?: string;
  /** Windows covering this service, those covering every service included. */
  serviceId?: string;
  /** One-off windows ended before this instant are left out. */
  notEndedBefore?: Date;
}

export async function findMaintenanceRows(db: Db, f: MaintenanceFilter = {}): Promise<MaintenanceWindowRow[]> {
  let q = db.selectFrom('maintenance_windows').selectAll().orderBy('starts_at', 'asc').orderBy('created_at', 'asc').orderBy('id');
  if (f.id) q = q.where('id', '=', f.id);
  if (f.serviceId) q = q.where(sql<boolean>`(service_ids is null or ${f.serviceId}::uuid = any(service_ids))`);
  if (f.notEndedBefore) q = q.where((eb) => eb.or([eb('kind', '=', 'recurring'), eb('ends_at', '>', f.notEndedBefore!)]));
  return q.execute();
}

export async function lockMaintenanceRow(db: Db, id: string): Promise<MaintenanceWindowRow | undefined> {
  return db.selectFrom('maintenance_windows').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
}

export async function insertMaintenanceRow(db: Db, row: Insertable<MaintenanceWindowsTable>): Promise<string> {
  const { id } = await db.insertInto('maintenance_windows').values(row).returning('id').executeTakeFirstOrThrow();
  return id;
}

export async function updateMaintenanceRow(db: Db, id: string, patch: Updateable<MaintenanceWindowsTable>): Promise<void> {
  await db.updateTable('maintenance_windows').set(patch).where('id', '=', id).execute();
}

export async function deleteMaintenanceRow(db: Db, id: string): Promise<void> {
  await db.deleteFrom('maintenance_windows').where('id', '=', id).execute();
}

/** The named services that exist, with the team that owns each. */
export async function servicesWithTeams(db: Db, ids: readonly string[]): Promise<{ id: string; name: string; team_id: string }[]> {
  if (!ids.length) return [];
  return db.selectFrom('services').select(['id', 'name', 'team_id']).where('id', 'in', [...ids]).execute();
}

/** A stored window as the rules read it; timestamps may arrive as text (json reads). */
export function windowOf(row: {
  id: string;
  kind: 'once' | 'recurring';
  service_ids: string[] | null;
  starts_at: Date | string | null;
  ends_at: Date | string | null;
  time_zone: string | null;
  days: number[] | null;
  start_time: string | null;
  duration_minutes: number | null;
}): MaintenanceWindow {
  const serviceIds = row.service_ids ?? 'all';
  return row.kind === 'once'
    ? { id: row.id, kind: 'once', serviceIds, startsAt: new Date(row.starts_at!), endsAt: new Date(row.ends_at!) }
    : { id: row.id, kind: 'recurring', serviceIds, timeZone: row.time_zone!, days: row.days!, start: row.start_time!, durationMinutes: row.duration_minutes! };
}
