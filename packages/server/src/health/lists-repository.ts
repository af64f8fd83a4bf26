import { sql } from 'kysely';
import type { Db } from '../db/index.js';

/** The team action list, toil log and risk backlog. */

const actionColumns = [
  'a.id',
  'a.team_id',
  'a.title',
  'a.priority',
  'a.status',
  'a.service_id',
  's.name as service_name',
  'a.alert_key',
  'a.owner_id',
  'u.name as owner_name',
  'a.created_by',
  'a.created_at',
  'a.updated_at',
] as const;

export function actionItemsQuery(db: Db) {
  return db
    .selectFrom('health_action_items as a')
    .leftJoin('services as s', 's.id', 'a.service_id')
    .leftJoin('users as u', 'u.id', 'a.owner_id')
    .select(actionColumns);
}
export type ActionItemRow = Awaited<ReturnType<ReturnType<typeof actionItemsQuery>['executeTakeFirstOrThrow']>>;

export async function listActionItems(db: Db, teamId: string): Promise<ActionItemRow[]> {
  // Open first, top priority first, newest first.
  return actionItemsQuery(db)
    .where('a.team_id', '=', teamId)
    .orderBy(sql`case a.status when 'open' then 0 else 1 end`)
    .orderBy(sql`case a.priority when 'top' then 0 when 'high' then 1 when 'normal' then 2 else 3 end`)
    .orderBy('a.created_at', 'desc')
    .limit(500)
    .execute();
}

export async function findActionItem(db: Db, id: string) {
  return actionItemsQuery(db).where('a.id', '=', id).executeTakeFirst();
}

export async function findOpenSourceItem(db: Db, teamId: string, serviceId: string, alertKey: string | null) {
  return actionItemsQuery(db)
    .where('a.team_id', '=', teamId)
    .where('a.service_id', '=', serviceId)
    .where(sql<boolean>`coalesce(a.alert_key, '') = ${alertKey ?? ''}`)
    .where('a.status', '=', 'open')
    .executeTakeFirst();
}

/** Inserts unless an open item for the same noisy source exists (then returns nothing). */
export async function insertActionItem(
  db: Db,
  v: { team_id: string; title: string; priority: 'top' | 'high' | 'normal' | 'low'; service_id: string | null; alert_key: string | null; owner_id: string | null; created_by: string; now: Date },
): Promise<string | undefined> {
  const { now, ...values } = v;
  const row = await db
    .insertInto('health_action_items')
    .values({ ...values, created_at: now, updated_at: now })
    .onConflict((oc) =>
      // The partial index's predicate as literal SQL: a bound parameter could not prove it when the statement is prepared.
      oc.expression(sql`team_id, service_id, coalesce(alert_key, '')`).where(sql<boolean>`status = 'open'`).where('service_id', 'is not', null).doNothing(),
    )
    .returning('id')
    .executeTakeFirst();
  return row?.id;
}

export async function updateActionItemRow(
  db: Db,
  id: string,
  set: Partial<{ title: string; priority: 'top' | 'high' | 'normal' | 'low'; status: 'open' | 'done' | 'dropped'; owner_id: string | null }>,
  now: Date,
) {
  await db.updateTable('health_action_items').set({ ...set, updated_at: now }).where('id', '=', id).execute();
}

export async function serviceTeam(db: Db, serviceId: string) {
  return db.selectFrom('services').select(['id', 'name', 'team_id']).where('id', '=', serviceId).executeTakeFirst();
}

export async function userExists(db: Db, id: string): Promise<boolean> {
  return !!(await db.selectFrom('users').select('id').where('id', '=', id).executeTakeFirst());
}

export async function existingServiceIds(db: Db, ids: readonly string[]): Promise<Set<string>> {
  if (!ids.length) return new Set();
  const rows = await db.selectFrom('services').select('id').where('id', 'in', ids).execute();
  return new Set(rows.map((r) => r.id));
}

export async function existingActionItemIds(db: Db, teamId: string, ids: readonly string[]): Promise<Set<string>> {
  if (!ids.length) return new Set();
  const rows = await db.selectFrom('health_action_items').select('id').where('team_id', '=', teamId).where('id', 'in', ids).execute();
  return new Set(rows.map((r) => r.id));
}

// Toil

export function toilQuery(db: Db) {
  return db
    .selectFrom('toil_entries as t')
    .leftJoin('users as u', 'u.id', 't.user_id')
    .leftJoin('services as s', 's.id', 't.service_id')
    .select(['t.id', 't.team_id', 't.user_id', 'u.name as user_name', 't.service_id', 's.name as service_name', 't.what', 't.category', 't.minutes', 't.done_on', 't.created_at']);
}
export type ToilRow = Awaited<ReturnType<ReturnType<typeof toilQuery>['executeTakeFirstOrThrow']>>;

export async function insertToil(
  db: Db,
  v: { team_id: string; user_id: string | null; service_id: string | null; what: string; category: string; minutes: number; done_on: string; created_at: Date },
): Promise<string> {
  const row = await db.insertInto('toil_entries').values(v).returning('id').executeTakeFirstOrThrow();
  return row.id;
}

export async function findToil(db: Db, id: string) {
  return toilQuery(db).where('t.id', '=', id).executeTakeFirst();
}

export async function deleteToilRow(db: Db, id: string) {
  await db.deleteFrom('toil_entries').where('id', '=', id).execute();
}

export async function teamToilEntries(db: Db, teamId: string, fromDay: string, toDay: string): Promise<ToilRow[]> {
  return toilQuery(db).where('t.team_id', '=', teamId).where('t.done_on', '>=', fromDay).where('t.done_on', '<=', toDay).orderBy('t.done_on', 'desc').orderBy('t.created_at', 'desc').execute();
}

export async function personToilEntries(db: Db, userId: string, fromDay: string, toDay: string): Promise<ToilRow[]> {
  return toilQuery(db).where('t.user_id', '=', userId).where('t.done_on', '>=', fromDay).where('t.done_on', '<=', toDay).orderBy('t.done_on', 'desc').execute();
}

export async function personWorkingHours(db: Db, userId: string) {
  return db
    .selectFrom('users')
    .select(['id', 'time_zone', sql<{ days?: number[]; start?: string; end?: string } | null>`working_hours`.as('working_hours')])
    .where('id', '=', userId)
    .executeTakeFirst();
}

/** The team's members with their working-hours setting (for the toil share). */
export async function memberWorkingHours(db: Db, teamId: string) {
  return db
    .selectFrom('team_members as m')
    .innerJoin('users as u', 'u.id', 'm.user_id')
    .select(['u.id', sql<{ days?: number[]; start?: string; end?: string } | null>`u.working_hours`.as('working_hours')])
    .where('m.team_id', '=', teamId)
    .execute();
}

export async function actorTeams(db: Db, userId: string): Promise<string[]> {
  const rows = await db.selectFrom('team_members').select('team_id').where('user_id', '=', userId).execute();
  return rows.map((r) => r.team_id);
}

// Risks

export function risksQuery(db: Db) {
  return db
    .selectFrom('risks as r')
    .leftJoin('users as u', 'u.id', 'r.owner_id')
    .select([
      'r.id',
      'r.team_id',
      'r.title',
      'r.description',
      'r.kind',
      'r.impact',
      'r.likelihood',
      'r.score',
      'r.effort',
      'r.owner_id',
      'u.name as owner_name',
      'r.status',
      'r.service_ids',
      'r.action_item_ids',
      'r.created_at',
      'r.updated_at',
    ]);
}
export type RiskRow = Awaited<ReturnType<ReturnType<typeof risksQuery>['executeTakeFirstOrThrow']>>;

export async function teamRisks(db: Db, teamId: string): Promise<RiskRow[]> {
  return risksQuery(db).where('r.team_id', '=', teamId).orderBy('r.score', 'desc').orderBy('r.created_at').limit(1000).execute();
}

export async function findRisk(db: Db, id: string) {
  return risksQuery(db).where('r.id', '=', id).executeTakeFirst();
}

type RiskValues = {
  title: string;
  description: string;
  kind: 'operational' | 'security';
  impact: number;
  likelihood: number;
  effort: string;
  owner_id: string | null;
  status: 'open' | 'mitigating' | 'accepted' | 'closed';
  service_ids: string[];
  action_item_ids: string[];
};

export async function insertRisk(db: Db, teamId: string, v: RiskValues, now: Date): Promise<string> {
  const row = await db.insertInto('risks').values({ team_id: teamId, ...v, created_at: now, updated_at: now }).returning('id').executeTakeFirstOrThrow();
  return row.id;
}

export async function updateRiskRow(db: Db, id: string, v: Partial<RiskValues>, now: Date) {
  await db.updateTable('risks').set({ ...v, updated_at: now }).where('id', '=', id).execute();
}
