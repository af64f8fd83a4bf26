import type { Service, Team } from '@operable/shared';
import { sql } from 'kysely';
import type { Db } from '../db/index.js';
import type { ServiceRow, ServicesTable, TeamRow, TeamsTable } from '../db/index.js';
import type { Insertable, Updateable } from 'kysely';

// Teams ------------------------------------------------------------------

export async function findTeams(db: Db, id?: string): Promise<Team[]> {
  let q = db.selectFrom('teams').selectAll().orderBy('name');
  if (id) q = q.where('id', '=', id);
  const teams = await q.execute();
  if (!teams.length) return [];
  const members = await db
    .selectFrom('team_members')
    .innerJoin('users', 'users.id', 'team_members.user_id')
    .select(['team_members.team_id', 'users.id as userId', 'users.name', 'users.email'])
    .where(
      'team_members.team_id',
      'in',
      teams.map((t) => t.id),
    )
    .orderBy('users.name')
    .execute();
  return teams.map((t) => toTeam(t, members.filter((m) => m.team_id === t.id)));
}

export async function findTeamByName(db: Db, name: string): Promise<TeamRow | undefined> {
  return db.selectFrom('teams').selectAll().where(sql`lower(name)`, '=', name.toLowerCase()).executeTakeFirst();
}

export async function insertTeam(db: Db, row: Insertable<TeamsTable>): Promise<string> {
  const { id } = await db.insertInto('teams').values(row).returning('id').executeTakeFirstOrThrow();
  return id;
}

export async function updateTeamRow(db: Db, id: string, patch: Updateable<TeamsTable>) {
  await db.updateTable('teams').set(patch).where('id', '=', id).execute();
}

export async function deleteTeamRow(db: Db, id: string) {
  await db.deleteFrom('teams').where('id', '=', id).execute();
}

export async function countTeamServices(db: Db, teamId: string): Promise<number> {
  const r = await db
    .selectFrom('services')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('team_id', '=', teamId)
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

export async function insertMembers(db: Db, teamId: string, userIds: string[], at: Date): Promise<number> {
  if (!userIds.length) return 0;
  const r = await db
    .insertInto('team_members')
    .values(userIds.map((user_id) => ({ team_id: teamId, user_id, added_at: at })))
    .onConflict((oc) => oc.columns(['team_id', 'user_id']).doNothing())
    .executeTakeFirst();
  return Number(r.numInsertedOrUpdatedRows ?? 0);
}

export async function deleteMember(db: Db, teamId: string, userId: string): Promise<boolean> {
  const r = await db.deleteFrom('team_members').where('team_id', '=', teamId).where('user_id', '=', userId).executeTakeFirst();
  return Number(r.numDeletedRows) > 0;
}


function toTeam(row: TeamRow, members: { userId: string; name: string; email: string }[]): Team {
  return {
    id: row.id,
    name: row.name,
    description: row.description,
    members: members.map(({ userId, name, email }) => ({ userId, name, email })),
    sleepStart: row.sleep_start,
    sleepEnd: row.sleep_end,
    recoveryAfterMinutes: row.recovery_after_minutes,
    recoveryNextDayOverride: row.recovery_next_day_override,
    holidays: Array.isArray(row.holidays) ? row.holidays : [],
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
  };
}

// Services ---------------------------------------------------------------

export interface ServiceFilter {
  id?: string;
  teamId?: string;
  tag?: string;
  q?: string;
}

export async function findServices(db: Db, f: ServiceFilter = {}): Promise<Service[]> {
  let q = db
    .selectFrom('services')
    .innerJoin('teams', 'teams.id', 'services.team_id')
    .selectAll('services')
    .select('teams.name as team_name')
    .orderBy('services.name');
  if (f.id) q = q.where('services.id', '=', f.id);
  if (f.teamId) q = q.where('services.team_id', '=', f.teamId);
  if (f.tag) q = q.where(sql<boolean>`${f.tag} = any(services.tags)`);
  if (f.q) {
    const pattern = `%${f.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    q = q.where((eb) => eb.or([eb('services.name', 'ilike', pattern), eb('services.description', 'ilike', pattern)]));
  }
  return (await q.execute()).map(toService);
}

export async function findServiceByName(db: Db, name: string): Promise<ServiceRow | undefined> {
  return db.selectFrom('services').selectAll().where(sql`lower(name)`, '=', name.toLowerCase()).executeTakeFirst();
}

export async function insertService(db: Db, row: Insertable<ServicesTable>): Promise<string> {
  const { id } = await db.insertInto('services').values(row).returning('id').executeTakeFirstOrThrow();
  return id;
}

export async function updateServiceRow(db: Db, id: string, patch: Partial<Omit<ServiceRow, 'id' | 'created_at'>>) {
  await db.updateTable('services').set(patch).where('id', '=', id).execute();
}

/** Escalation policies belong to the escalation domain; the catalog only checks one exists. */
export async function escalationPolicyExists(db: Db, id: string): Promise<boolean> {
  return !!(await db.selectFrom('escalation_policies').select('id').where('id', '=', id).executeTakeFirst());
}

export async function deleteServiceRow(db: Db, id: string) {
  await db.deleteFrom('services').where('id', '=', id).execute();
}

function toService(row: ServiceRow & { team_name: string }): Service {
  return {
    id: row.id,
    name: row.name,
    description: row.description,
    teamId: row.team_id,
    teamName: row.team_name,
    runbookMarkdown: row.runbook_markdown,
    runbookUrl: row.runbook_url,
    tags: row.tags,
    escalationPolicyId: row.escalation_policy_id,
    ackTimeoutMinutes: row.ack_timeout_minutes,
    stormWindowSeconds: row.storm_window_seconds,
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
  };
}

/** Names of the given teams; unknown ids (and nulls, for "no team") are absent. */
export async function teamNames(db: Db, ids: readonly (string | null)[]): Promise<Map<string, string>> {
  const wanted = [...new Set(ids.filter((id): id is string => id !== null))];
  if (!wanted.length) return new Map();
  const rows = await db.selectFrom('teams').select(['id', 'name']).where('id', 'in', wanted).execute();
  return new Map(rows.map((r) => [r.id, r.name]));
}
