import type { Db } from '../db/index.js';

export const readLogLevels = (db: Db) => db.selectFrom('log_event_levels').select(['event_id', 'level']).execute();

export async function upsertLogLevel(db: Db, eventId: string, level: string, at: Date): Promise<void> {
  await db
    .insertInto('log_event_levels')
    .values({ event_id: eventId, level, updated_at: at })
    .onConflict((oc) => oc.column('event_id').doUpdateSet({ level, updated_at: at }))
    .execute();
}

export async function deleteLogLevel(db: Db, eventId: string): Promise<void> {
  await db.deleteFrom('log_event_levels').where('event_id', '=', eventId).execute();
}
