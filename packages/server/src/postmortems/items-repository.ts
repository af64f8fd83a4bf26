import type { Insertable, Selectable, Updateable } from 'kysely';
import type { Db } from '../db/index.js';
import type { PostmortemActionItemsTable, PostmortemFollowUpsTable } from '../db/index.js';

/** SQL of action items and follow-up reviews. */

export type ActionItemRow = Selectable<PostmortemActionItemsTable>;
export type FollowUpRow = Selectable<PostmortemFollowUpsTable>;

export async function findActionItems(db: Db, postmortemIds: readonly string[]): Promise<ActionItemRow[]> {
  if (!postmortemIds.length) return [];
  return db.selectFrom('postmortem_action_items').selectAll().where('postmortem_id', 'in', [...postmortemIds]).orderBy('created_at').orderBy('id').execute();
}

export async function findActionItem(db: Db, postmortemId: string, itemId: string, lock = false): Promise<ActionItemRow | undefined> {
  let q = db.selectFrom('postmortem_action_items').selectAll().where('postmortem_id', '=', postmortemId).where('id', '=', itemId);
  if (lock) q = q.forUpdate();
  return q.executeTakeFirst();
}

export async function insertActionItem(db: Db, row: Insertable<PostmortemActionItemsTable>): Promise<ActionItemRow> {
  return db.insertInto('postmortem_action_items').values(row).returningAll().executeTakeFirstOrThrow();
}

export async function updateActionItemRow(db: Db, itemId: string, changes: Updateable<PostmortemActionItemsTable>): Promise<ActionItemRow> {
  return db.updateTable('postmortem_action_items').set(changes).where('id', '=', itemId).returningAll().executeTakeFirstOrThrow();
}

export async function deleteActionItemRow(db: Db, itemId: string): Promise<void> {
  await db.deleteFrom('postmortem_action_items').where('id', '=', itemId).execute();
}

/** Open action items across post-mortems, for a team page or a person's list. */
export async function findOpenActionItems(db: Db, f: { teamId?: string; ownerId?: string }) {
  let q = db
    .selectFrom('postmortem_action_items as a')
    .innerJoin('postmortems as p', 'p.id', 'a.postmortem_id')
    .innerJoin('incidents as i', 'i.id', 'p.incident_id')
    .selectAll('a')
    .select(['p.title as postmortem_title', 'i.number as incident_number'])
    .where('a.status', 'in', ['open', 'in_progress']);
  if (f.teamId) q = q.where('p.team_id', '=', f.teamId);
  if (f.ownerId) q = q.where('a.owner_id', '=', f.ownerId);
  return q.orderBy('a.due_on').orderBy('a.created_at').limit(500).execute();
}

export async function findFollowUps(db: Db, postmortemIds: readonly string[]): Promise<FollowUpRow[]> {
  if (!postmortemIds.length) return [];
  return db.selectFrom('postmortem_follow_ups').selectAll().where('postmortem_id', 'in', [...postmortemIds]).orderBy('created_at').orderBy('id').execute();
}

/** Schedules the follow-up unless one is open already (a meeting recorded twice). */
export async function insertFollowUp(db: Db, postmortemId: string, dueAt: Date, now: Date): Promise<void> {
  await db
    .insertInto('postmortem_follow_ups')
    .values({ postmortem_id: postmortemId, due_at: dueAt, created_at: now })
    .onConflict((oc) => oc.column('postmortem_id').where('completed_at', 'is', null).doNothing())
    .execute();
}

/** Completes an open follow-up; false when it is not open (completed meanwhile). */
export async function completeFollowUpRow(db: Db, postmortemId: string, followUpId: string, change: { outcome: unknown; notes: string; by: string | null; now: Date }): Promise<boolean> {
  const r = await db
    .updateTable('postmortem_follow_ups')
    .set({ completed_at: change.now, completed_by: change.by, outcome: JSON.stringify(change.outcome), notes: change.notes })
    .where('id', '=', followUpId)
    .where('postmortem_id', '=', postmortemId)
    .where('completed_at', 'is', null)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}
