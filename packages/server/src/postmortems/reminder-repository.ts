import type { WorkingHours } from '@operable/shared';
import type { Db } from '../db/index.js';
import type { PostmortemRow } from './repository.js';

/** SQL the reminder scan needs beyond the post-mortem's own tables. */

export async function findOpenPostmortems(db: Db, limit: number): Promise<PostmortemRow[]> {
  return db.selectFrom('postmortems').selectAll().where('state', '<>', 'closed').orderBy('created_at').orderBy('id').limit(limit).execute();
}

/** Where and when to reach each person: account email, time zone and working hours (reminders wait for working hours). */
export async function peopleHours(db: Db, userIds: readonly string[]): Promise<Map<string, { email: string; timeZone: string; workingHours: WorkingHours }>> {
  if (!userIds.length) return new Map();
  const rows = await db.selectFrom('users').select(['id', 'email', 'time_zone', 'working_hours']).where('id', 'in', [...new Set(userIds)]).execute();
  return new Map(rows.map((r) => [r.id, { email: r.email, timeZone: r.time_zone, workingHours: r.working_hours as WorkingHours }]));
}
