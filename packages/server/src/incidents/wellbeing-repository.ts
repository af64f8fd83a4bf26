import type { Insertable, Updateable } from 'kysely';
import type { Db } from '../db/index.js';
import type { WellbeingCheckinsTable } from '../db/index.js';

/** People with their zone and teams (with each team's sleep window), for the check-in after resolve. */
export async function peopleWithTeams(db: Db, userIds: readonly string[]) {
  if (!userIds.length) return [];
  return db
    .selectFrom('users as u')
    .leftJoin('team_members as m', 'm.user_id', 'u.id')
    .leftJoin('teams as t', 't.id', 'm.team_id')
    .select(['u.id', 'u.name', 'u.time_zone', 't.id as team_id', 't.sleep_start', 't.sleep_end'])
    .where('u.id', 'in', [...userIds])
    .orderBy('t.name')
    .execute();
}

export async function teamMemberIds(db: Db, teamId: string): Promise<string[]> {
  return (await db.selectFrom('team_members').select('user_id').where('team_id', '=', teamId).execute()).map((r) => r.user_id);
}

export async function insertCheckins(db: Db, rows: Insertable<WellbeingCheckinsTable>[]) {
  if (!rows.length) return [];
  return db.insertInto('wellbeing_checkins').values(rows).onConflict((oc) => oc.columns(['incident_id', 'user_id']).doNothing()).returningAll().execute();
}

export async function findCheckin(db: Db, id: string) {
  return db.selectFrom('wellbeing_checkins').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function answerCheckinRow(db: Db, id: string, patch: Updateable<WellbeingCheckinsTable>) {
  return db.updateTable('wellbeing_checkins').set(patch).where('id', '=', id).returningAll().executeTakeFirstOrThrow();
}

export async function checkinsOfUser(db: Db, userId: string) {
  return db
    .selectFrom('wellbeing_checkins as w')
    .innerJoin('incidents as i', 'i.id', 'w.incident_id')
    .selectAll('w')
    .select(['i.number', 'i.title'])
    .where('w.user_id', '=', userId)
    .orderBy('w.requested_at', 'desc')
    .limit(100)
    .execute();
}

export async function answeredCheckinsOfTeam(db: Db, teamId: string, since: Date) {
  return db
    .selectFrom('wellbeing_checkins as w')
    .innerJoin('incidents as i', 'i.id', 'w.incident_id')
    .innerJoin('users as u', 'u.id', 'w.user_id')
    .select(['w.answered_at', 'w.stress', 'w.sleep_lost_minutes', 'w.comment', 'w.anonymous', 'w.user_id', 'u.name', 'i.number'])
    .where('w.team_id', '=', teamId)
    .where('w.answered_at', '>=', since)
    .orderBy('w.answered_at')
    .execute();
}
