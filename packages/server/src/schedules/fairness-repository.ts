import type { Db } from '../db/index.js';

export interface FairnessTeam {
  id: string;
  name: string;
  holidays: string[];
  memberIds: string[];
  scheduleIds: string[];
}

/** A team with what the fairness view needs: its holidays, members and schedules. */
export async function findFairnessTeam(db: Db, teamId: string): Promise<FairnessTeam | undefined> {
  const team = await db.selectFrom('teams').select(['id', 'name', 'holidays']).where('id', '=', teamId).executeTakeFirst();
  if (!team) return undefined;
  const [members, schedules] = await Promise.all([
    db.selectFrom('team_members').select('user_id').where('team_id', '=', teamId).execute(),
    db.selectFrom('schedules').select('id').where('team_id', '=', teamId).execute(),
  ]);
  return {
    id: team.id,
    name: team.name,
    holidays: Array.isArray(team.holidays) ? team.holidays.filter((d): d is string => typeof d === 'string') : [],
    memberIds: members.map((m) => m.user_id),
    scheduleIds: schedules.map((s) => s.id),
  };
}

export async function peopleWithZones(db: Db, ids: readonly string[]): Promise<Map<string, { name: string; timeZone: string }>> {
  if (!ids.length) return new Map();
  const rows = await db.selectFrom('users').select(['id', 'name', 'time_zone']).where('id', 'in', [...new Set(ids)]).execute();
  return new Map(rows.map((r) => [r.id, { name: r.name, timeZone: r.time_zone }]));
}
