import { sql } from 'kysely';
import type { Db } from '../db/index.js';
import { INTERRUPTING_CHANNELS } from './metrics/index.js';

/** Reads of the health views. Every read is one index range on (team|service|user, time). */

export type Scope = { kind: 'team'; id: string } | { kind: 'service'; id: string } | { kind: 'person'; id: string } | { kind: 'org'; id: null };

export interface TeamHealthRow {
  id: string;
  name: string;
  time_zone: string;
  ack_primary_minutes: number;
  ack_secondary_minutes: number;
}

export async function findHealthTeam(db: Db, teamId: string): Promise<TeamHealthRow | undefined> {
  return db
    .selectFrom('teams as t')
    .leftJoin('health_team_settings as h', 'h.team_id', 't.id')
    .select([
      't.id',
      't.name',
      sql<string>`coalesce(h.time_zone, 'UTC')`.as('time_zone'),
      sql<number>`coalesce(h.ack_primary_minutes, 5)`.as('ack_primary_minutes'),
      sql<number>`coalesce(h.ack_secondary_minutes, 30)`.as('ack_secondary_minutes'),
    ])
    .where('t.id', '=', teamId)
    .executeTakeFirst();
}

export async function findHealthService(db: Db, serviceId: string) {
  return db.selectFrom('services').select(['id', 'name', 'team_id']).where('id', '=', serviceId).executeTakeFirst();
}

export async function findHealthPerson(db: Db, userId: string) {
  return db.selectFrom('users').select(['id', 'name', 'time_zone']).where('id', '=', userId).executeTakeFirst();
}

export async function teamMembers(db: Db, teamId: string) {
  return db
    .selectFrom('team_members as m')
    .innerJoin('users as u', 'u.id', 'm.user_id')
    .select(['u.id', 'u.name', 'u.time_zone'])
    .where('m.team_id', '=', teamId)
    .orderBy('u.name')
    .execute();
}

export async function peopleNamed(db: Db, ids: readonly string[]) {
  if (!ids.length) return [];
  return db.selectFrom('users').select(['id', 'name', 'time_zone']).where('id', 'in', ids).execute();
}

export async function serviceNames(db: Db, ids: readonly string[]): Promise<Map<string, string>> {
  if (!ids.length) return new Map();
  const rows = await db.selectFrom('services').select(['id', 'name']).where('id', 'in', ids).execute();
  return new Map(rows.map((r) => [r.id, r.name]));
}

export async function teamScheduleIds(db: Db, teamId: string | null): Promise<string[] | undefined> {
  if (teamId === null) return undefined;
  const rows = await db.selectFrom('schedules').select('id').where('team_id', '=', teamId).execute();
  return rows.map((r) => r.id);
}

function scoped<Q extends { where: (...a: never[]) => Q }>(q: Q, column: 'team_id' | 'service_id' | 'user_id' | null, id: string | null): Q {
  if (!column || id === null) return q;
  return (q.where as unknown as (c: string, op: string, v: string) => Q)(`h.${column}`, '=', id);
}

const columnOf = (s: Scope) => (s.kind === 'team' ? 'team_id' : s.kind === 'service' ? 'service_id' : s.kind === 'person' ? 'user_id' : null);

export interface NotificationRow {
  /** Epoch ms: read as a number, not a Date (parsing thousands of timestamps was half the cost of a view). */
  at: number;
  user_id: string;
  time_zone: string;
  channel: string;
  alert_id: string;
  service_id: string;
  dedup_key: string;
  level: number;
  is_drill: boolean;
}

/** Delivered personal notifications of the scope in [from, to). */
export async function scopeNotifications(db: Db, scope: Scope, from: Date, to: Date): Promise<NotificationRow[]> {
  const q = db
    .selectFrom('health_notifications as h')
    .innerJoin('users as u', 'u.id', 'h.user_id')
    .select([epochMs('h.at').as('at'), 'h.user_id', 'u.time_zone', 'h.channel', 'h.alert_id', 'h.service_id', sql<string>`h.alert_key`.as('dedup_key'), 'h.level', 'h.is_drill'])
    .where('h.at', '>=', from)
    .where('h.at', '<', to);
  return scoped(q, columnOf(scope), scope.id).orderBy('h.at').execute();
}

/**
 * Page events per week of a team, service or the org from the rollup, counted by the
 * database: `weekStarts` are consecutive week starts (oldest first) and `end` the end
 * of the last; the answer is a count per week index, drills left out. The same
 * grouping as the pure pagerLoadByWeek (a test holds them together).
 */
export async function scopeWeeklyPageEvents(db: Db, scope: Scope, weekStarts: readonly number[], end: number): Promise<number[]> {
  const bounds = weekStarts.map((w) => new Date(w).toISOString());
  const q = db
    .selectFrom('health_page_events as h')
    .select([sql<number>`width_bucket(h.first_page_at, ${bounds}::timestamptz[])`.as('i'), sql<number>`count(*)::int`.as('n')])
    .where('h.first_page_at', '>=', new Date(weekStarts[0]!))
    .where('h.first_page_at', '<', new Date(end))
    .where('h.is_drill', '=', false)
    .groupBy(sql`1`);
  const rows = await scoped(q, columnOf(scope), scope.id).execute();
  const counts = new Array<number>(weekStarts.length).fill(0);
  for (const r of rows) if (r.i >= 1 && r.i <= counts.length) counts[r.i - 1] = Number(r.n);
  return counts;
}

/** Transitions of the given alerts (those that paged). */
export async function alertTimes(db: Db, alertIds: readonly string[]) {
  if (!alertIds.length) return [];
  return db
    .selectFrom('alerts')
    .select(['id', epochMs('created_at').as('created_at'), epochMs('acknowledged_at').as('acknowledged_at'), epochMs('resolved_at').as('resolved_at')])
    .where(sql<boolean>`id = any(${[...alertIds]}::uuid[])`)
    .execute() as Promise<{ id: string; created_at: number; acknowledged_at: number | null; resolved_at: number | null }[]>;
}

/** A timestamp column as epoch milliseconds (float8 arrives as a JS number). */
function epochMs(column: string) {
  return sql<number>`(extract(epoch from ${sql.ref(column)}) * 1000)::float8`;
}

/** The interrupting channels, for SQL filters that must agree with the pure definition. */
export const interruptingChannels = (): string[] => [...INTERRUPTING_CHANNELS];
