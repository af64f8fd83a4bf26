import type { Insertable, Selectable } from 'kysely';
import type { Db } from '../db/index.js';
import type { IncidentRolesTable } from '../db/index.js';

/** SQL of role assignments (current and history) and of how far a page into a role got. */

export type RoleRow = Selectable<IncidentRolesTable>;
export type RoleName = RoleRow['role'];

export async function rolesOf(db: Db, incidentIds: readonly string[], currentOnly: boolean) {
  if (!incidentIds.length) return [];
  let q = db
    .selectFrom('incident_roles as r')
    .innerJoin('users as u', 'u.id', 'r.user_id')
    .leftJoin('users as by', 'by.id', 'r.assigned_by')
    .leftJoin('users as to', 'to.id', 'r.handed_to')
    .leftJoin('alerts as a', 'a.id', 'r.page_alert_id')
    .select([
      'r.id',
      'r.incident_id',
      'r.role',
      'r.user_id',
      'u.name as user_name',
      'r.assigned_at',
      'r.assigned_by',
      'by.name as assigned_by_name',
      'r.ended_at',
      'r.handed_to',
      'to.name as handed_to_name',
      'r.page_alert_id',
      'a.number as page_number',
      'a.status as page_status',
      'a.created_at as paged_at',
      'a.acknowledged_at as page_acknowledged_at',
    ])
    .select((eb) =>
      eb
        .selectFrom('alert_log')
        .select((e) => e.fn.min('alert_log.at').as('at'))
        .whereRef('alert_log.alert_id', '=', 'r.page_alert_id')
        .where('alert_log.event', '=', 'notified')
        .as('page_notified_at'),
    )
    .where('r.incident_id', 'in', [...incidentIds])
    .orderBy('r.assigned_at')
    // A hand-over ends one row and starts the next at the same instant: the ended one first (nulls sort last).
    .orderBy('r.ended_at')
    .orderBy('r.id');
  if (currentOnly) q = q.where('r.ended_at', 'is', null);
  return q.execute();
}

export async function currentHolders(db: Db, incidentId: string): Promise<{ id: string; role: RoleName; userId: string }[]> {
  const rows = await db.selectFrom('incident_roles').select(['id', 'role', 'user_id']).where('incident_id', '=', incidentId).where('ended_at', 'is', null).execute();
  return rows.map((r) => ({ id: r.id, role: r.role, userId: r.user_id }));
}

/** Everyone who ever held a role in the incident (for the wellbeing check-in). */
export async function everyoneInvolved(db: Db, incidentId: string): Promise<string[]> {
  const rows = await db.selectFrom('incident_roles').select('user_id').distinct().where('incident_id', '=', incidentId).execute();
  return rows.map((r) => r.user_id);
}

export async function insertRole(db: Db, row: Insertable<IncidentRolesTable>): Promise<RoleRow> {
  return db.insertInto('incident_roles').values(row).returningAll().executeTakeFirstOrThrow();
}

export async function endRole(db: Db, id: string, now: Date, handedTo: string | null) {
  await db.updateTable('incident_roles').set({ ended_at: now, handed_to: handedTo }).where('id', '=', id).where('ended_at', 'is', null).execute();
}

export async function setRolePage(db: Db, id: string, alertId: string) {
  await db.updateTable('incident_roles').set({ page_alert_id: alertId }).where('id', '=', id).execute();
}
