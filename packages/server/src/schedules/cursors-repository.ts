import { sql } from 'kysely';
import type { Db } from '../db/index.js';

/**
 * The engine's per-schedule bookkeeping: cursors (how far a module has looked, and
 * a row to claim so one engine at a time works on a schedule) and notices already
 * sent (idempotence keys for reminders and warnings).
 */

/**
 * Gives every schedule without a cursor of this kind one. With `fromCreation` it
 * starts at the schedule's creation, but never before `earliest`, so a schedule
 * the engine meets for the first time (an upgrade) does not replay its past.
 */
export async function ensureCursors(db: Db, kind: string, now: Date, earliest: Date, fromCreation: boolean): Promise<void> {
  const start = fromCreation ? sql<Date>`least(greatest(s.created_at, ${earliest}::timestamptz), ${now}::timestamptz)` : sql<Date>`${earliest}::timestamptz`;
  await sql`
    insert into schedule_cursors (schedule_id, kind, checked_until)
    select s.id, ${kind}::text, ${start} from schedules s
    where not exists (select 1 from schedule_cursors c where c.schedule_id = s.id and c.kind = ${kind})
    on conflict do nothing`.execute(db);
}

/** One cursor looked at no later than `dueBy`, locked for this transaction; other engines skip it. */
export async function claimCursor(db: Db, kind: string, dueBy: Date, skip: readonly string[]): Promise<{ scheduleId: string; checkedUntil: Date } | undefined> {
  let q = db
    .selectFrom('schedule_cursors')
    .select(['schedule_id', 'checked_until'])
    .where('kind', '=', kind)
    .where('checked_until', '<=', dueBy);
  if (skip.length) q = q.where('schedule_id', 'not in', skip);
  const row = await q.orderBy('checked_until').orderBy('schedule_id').limit(1).forUpdate().skipLocked().executeTakeFirst();
  return row && { scheduleId: row.schedule_id, checkedUntil: row.checked_until };
}

export async function advanceCursor(db: Db, scheduleId: string, kind: string, to: Date): Promise<void> {
  await db.updateTable('schedule_cursors').set({ checked_until: to }).where('schedule_id', '=', scheduleId).where('kind', '=', kind).execute();
}

/** Records a notice as sent; false when it was sent before (the caller then sends nothing). */
export async function claimNotice(db: Db, scheduleId: string, kind: string, key: string, now: Date): Promise<boolean> {
  const row = await db
    .insertInto('schedule_notices')
    .values({ schedule_id: scheduleId, kind, key, sent_at: now })
    .onConflict((oc) => oc.columns(['schedule_id', 'kind', 'key']).doNothing())
    .returning('key')
    .executeTakeFirst();
  return Boolean(row);
}

/** Forgets notices of this kind whose condition no longer holds, so they are sent again if it comes back. */
export async function forgetNoticesExcept(db: Db, scheduleId: string, kind: string, keep: readonly string[]): Promise<void> {
  let q = db.deleteFrom('schedule_notices').where('schedule_id', '=', scheduleId).where('kind', '=', kind);
  if (keep.length) q = q.where('key', 'not in', keep);
  await q.execute();
}

/** Forgets notices of this kind sent before `before` (reminders of shifts long begun). */
export async function forgetNoticesBefore(db: Db, scheduleId: string, kind: string, before: Date): Promise<void> {
  await db.deleteFrom('schedule_notices').where('schedule_id', '=', scheduleId).where('kind', '=', kind).where('sent_at', '<', before).execute();
}

/** Who hears about a schedule's problems: its team's members, or the admins when it has no team (or an empty one). */
export async function scheduleWatchers(db: Db, teamId: string | null): Promise<string[]> {
  const members = teamId ? await db.selectFrom('team_members').select('user_id as id').where('team_id', '=', teamId).orderBy('user_id').execute() : [];
  const rows = members.length ? members : await db.selectFrom('users').select('id').where('role', '=', 'admin').orderBy('id').execute();
  return rows.map((r) => r.id);
}
