import { sql, type Insertable, type Selectable } from 'kysely';
import type {
  Db,
  ScheduleLayersTable,
  ScheduleOverridesTable,
  ScheduleRole,
  ScheduleShadowsTable,
  SchedulesTable,
  ScheduleSwapRequestsTable,
} from '../db/index.js';
import type { LayerSpec, OverrideSpec, ScheduleSpec, WindowSpec } from './oncall.js';

export type ScheduleRow = Selectable<SchedulesTable>;
export type LayerRow = Selectable<ScheduleLayersTable>;
export type OverrideRow = Selectable<ScheduleOverridesTable>;
export type SwapRow = Selectable<ScheduleSwapRequestsTable>;
export type ShadowRow = Selectable<ScheduleShadowsTable>;

/** A schedule as the calculator needs it, with the stored row beside it. */
export interface LoadedSchedule {
  row: ScheduleRow;
  layers: LayerRow[];
  spec: ScheduleSpec;
}

export async function findScheduleRows(db: Db, ids?: readonly string[]): Promise<ScheduleRow[]> {
  let q = db.selectFrom('schedules').selectAll().orderBy('name').orderBy('id');
  if (ids) {
    if (!ids.length) return [];
    q = q.where('id', 'in', ids);
  }
  return q.execute();
}

export async function lockScheduleRow(db: Db, id: string): Promise<ScheduleRow | undefined> {
  return db.selectFrom('schedules').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
}

export async function findScheduleByName(db: Db, name: string): Promise<ScheduleRow | undefined> {
  return db.selectFrom('schedules').selectAll().where(sql`lower(name)`, '=', name.toLowerCase()).executeTakeFirst();
}

export async function insertSchedule(db: Db, row: Insertable<SchedulesTable>): Promise<string> {
  const { id } = await db.insertInto('schedules').values(row).returning('id').executeTakeFirstOrThrow();
  return id;
}

export async function updateScheduleRow(db: Db, id: string, patch: Partial<Omit<ScheduleRow, 'id' | 'created_at'>>): Promise<void> {
  await db.updateTable('schedules').set(patch).where('id', '=', id).execute();
}

export async function deleteScheduleRow(db: Db, id: string): Promise<void> {
  await db.deleteFrom('schedules').where('id', '=', id).execute();
}

export type NewLayer = Omit<Insertable<ScheduleLayersTable>, 'schedule_id' | 'position' | 'restriction'> & { restriction: WindowSpec[] | null };

/** Layers are replaced as a whole, numbered bottom (0) to top in the order given. */
export async function replaceLayers(db: Db, scheduleId: string, layers: readonly NewLayer[]): Promise<void> {
  await db.deleteFrom('schedule_layers').where('schedule_id', '=', scheduleId).execute();
  if (!layers.length) return;
  await db
    .insertInto('schedule_layers')
    .values(
      layers.map((l, position) => ({
        ...l,
        schedule_id: scheduleId,
        position,
        restriction: l.restriction ? JSON.stringify(l.restriction) : null,
      })),
    )
    .execute();
}

export async function findLayers(db: Db, scheduleIds: readonly string[]): Promise<LayerRow[]> {
  if (!scheduleIds.length) return [];
  return db.selectFrom('schedule_layers').selectAll().where('schedule_id', 'in', scheduleIds).orderBy('schedule_id').orderBy('position').execute();
}

/** Overrides of the given schedules that touch [from, to). */
export async function findOverrides(db: Db, scheduleIds: readonly string[], from: Date, to: Date): Promise<OverrideRow[]> {
  if (!scheduleIds.length) return [];
  return db
    .selectFrom('schedule_overrides')
    .selectAll()
    .where('schedule_id', 'in', scheduleIds)
    .where('end_at', '>', from)
    .where('start_at', '<', to)
    .orderBy('start_at')
    .orderBy('created_at')
    .execute();
}

export async function findOverride(db: Db, scheduleId: string, id: string): Promise<OverrideRow | undefined> {
  return db.selectFrom('schedule_overrides').selectAll().where('schedule_id', '=', scheduleId).where('id', '=', id).executeTakeFirst();
}

export async function insertOverrides(db: Db, rows: Insertable<ScheduleOverridesTable>[]): Promise<OverrideRow[]> {
  if (!rows.length) return [];
  return db.insertInto('schedule_overrides').values(rows).returningAll().execute();
}

export async function deleteOverrides(db: Db, ids: readonly string[]): Promise<void> {
  if (!ids.length) return;
  await db.deleteFrom('schedule_overrides').where('id', 'in', ids).execute();
}

/**
 * Loads schedules with their layers and the overrides touching [from, to), as
 * calculator input. One query per table whatever the number of schedules.
 */
export async function loadSchedules(db: Db, ids: readonly string[] | undefined, from: Date, to: Date): Promise<LoadedSchedule[]> {
  const rows = await findScheduleRows(db, ids);
  const scheduleIds = rows.map((r) => r.id);
  const [layers, overrides] = await Promise.all([findLayers(db, scheduleIds), findOverrides(db, scheduleIds, from, to)]);
  return rows.map((row) => {
    const own = layers.filter((l) => l.schedule_id === row.id);
    return {
      row,
      layers: own,
      spec: {
        timeZone: row.time_zone,
        layers: own.map(layerSpec),
        overrides: overrides.filter((o) => o.schedule_id === row.id).map(overrideSpec),
      },
    };
  });
}

export function layerSpec(l: LayerRow): LayerSpec {
  return {
    id: l.id,
    position: l.position,
    role: l.role,
    participantIds: l.participant_ids,
    shiftUnit: l.shift_unit,
    shiftLength: l.shift_length,
    handoffWeekday: l.handoff_weekday,
    handoffTime: l.handoff_time,
    startDate: l.start_date,
    restriction: (l.restriction as WindowSpec[] | null) ?? null,
  };
}

export function overrideSpec(o: OverrideRow): OverrideSpec {
  return { id: o.id, role: o.role, userId: o.user_id, start: o.start_at.getTime(), end: o.end_at.getTime(), createdAt: o.created_at.getTime() };
}

/** Schedules a service's escalation policy targets, or a policy's own. */
export async function scheduleIdsOfPolicy(db: Db, policyId: string): Promise<string[]> {
  const rows = await db.selectFrom('escalation_steps').select('targets').where('policy_id', '=', policyId).orderBy('position').execute();
  const ids = rows.flatMap((r) => (r.targets as { type: string; scheduleId?: string }[]).flatMap((t) => (t.scheduleId ? [t.scheduleId] : [])));
  return [...new Set(ids)];
}

export async function policyOfService(db: Db, serviceId: string): Promise<string | null | undefined> {
  const row = await db.selectFrom('services').select('escalation_policy_id').where('id', '=', serviceId).executeTakeFirst();
  return row ? row.escalation_policy_id : undefined;
}

/** Policies whose steps name this schedule (a schedule in use cannot be deleted). */
export async function policiesUsingSchedule(db: Db, scheduleId: string): Promise<{ id: string; name: string }[]> {
  return db
    .selectFrom('escalation_steps as s')
    .innerJoin('escalation_policies as p', 'p.id', 's.policy_id')
    .select(['p.id', 'p.name'])
    .where(sql<boolean>`exists (select 1 from jsonb_array_elements(s.targets) t where t->>'scheduleId' = ${scheduleId})`)
    .groupBy(['p.id', 'p.name'])
    .orderBy('p.name')
    .execute();
}





// Swap requests

export async function insertSwap(db: Db, row: Insertable<ScheduleSwapRequestsTable>): Promise<SwapRow> {
  return db.insertInto('schedule_swap_requests').values(row).returningAll().executeTakeFirstOrThrow();
}

export async function findSwaps(db: Db, where: { id?: string; userId?: string; scheduleId?: string }): Promise<SwapRow[]> {
  let q = db.selectFrom('schedule_swap_requests').selectAll().orderBy('created_at', 'desc');
  if (where.id) q = q.where('id', '=', where.id);
  if (where.scheduleId) q = q.where('schedule_id', '=', where.scheduleId);
  if (where.userId) q = q.where((eb) => eb.or([eb('requester_id', '=', where.userId!), eb('responder_id', '=', where.userId!)]));
  return q.limit(200).execute();
}

/** Moves a pending request on; undefined when it was no longer pending (someone else decided first). */
export async function decideSwap(
  db: Db,
  id: string,
  status: 'accepted' | 'declined' | 'cancelled',
  at: Date,
  overrideId: string | null,
): Promise<SwapRow | undefined> {
  return db
    .updateTable('schedule_swap_requests')
    .set({ status, decided_at: at, override_id: overrideId })
    .where('id', '=', id)
    .where('status', '=', 'pending')
    .returningAll()
    .executeTakeFirst();
}

// Shadows

export async function findShadows(db: Db, scheduleIds: readonly string[], at?: Date): Promise<ShadowRow[]> {
  if (!scheduleIds.length) return [];
  let q = db.selectFrom('schedule_shadows').selectAll().where('schedule_id', 'in', scheduleIds).orderBy('start_at');
  if (at) q = q.where('start_at', '<=', at).where((eb) => eb.or([eb('end_at', 'is', null), eb('end_at', '>', at)]));
  return q.execute();
}

export async function insertShadow(db: Db, row: Insertable<ScheduleShadowsTable>): Promise<ShadowRow> {
  return db.insertInto('schedule_shadows').values(row).returningAll().executeTakeFirstOrThrow();
}

export async function deleteShadow(db: Db, scheduleId: string, id: string): Promise<ShadowRow | undefined> {
  return db.deleteFrom('schedule_shadows').where('schedule_id', '=', scheduleId).where('id', '=', id).returningAll().executeTakeFirst();
}

// Handoff notes

export async function findHandoffNote(db: Db, scheduleId: string, role: ScheduleRole, userId: string, shiftStart: Date) {
  return db
    .selectFrom('handoff_notes')
    .selectAll()
    .where('schedule_id', '=', scheduleId)
    .where('role', '=', role)
    .where('user_id', '=', userId)
    .where('shift_start', '=', shiftStart)
    .executeTakeFirst();
}

export async function upsertHandoffNote(db: Db, row: { schedule_id: string; role: ScheduleRole; user_id: string; shift_start: Date; body: string; updated_at: Date }): Promise<void> {
  await db
    .insertInto('handoff_notes')
    .values(row)
    .onConflict((oc) => oc.columns(['schedule_id', 'role', 'user_id', 'shift_start']).doUpdateSet({ body: row.body, updated_at: row.updated_at }))
    .execute();
}
