import { sql, type Insertable, type Selectable } from 'kysely';
import type { Db, StatuspageSubscribersTable } from '../db/index.js';

export type SubscriberRow = Selectable<StatuspageSubscribersTable>;

export async function findSubscribers(db: Db, id?: string): Promise<SubscriberRow[]> {
  let q = db.selectFrom('statuspage_subscribers').selectAll().where('unsubscribed_at', 'is', null).orderBy('created_at', 'desc').orderBy('id');
  if (id) q = q.where('id', '=', id);
  return q.execute();
}

export async function findLiveSubscriber(db: Db, kind: 'email' | 'webhook', address: string): Promise<SubscriberRow | undefined> {
  return db
    .selectFrom('statuspage_subscribers')
    .selectAll()
    .where('kind', '=', kind)
    .where(sql`lower(address)`, '=', address.toLowerCase())
    .where('unsubscribed_at', 'is', null)
    .executeTakeFirst();
}

export async function insertSubscriber(db: Db, row: Insertable<StatuspageSubscribersTable>): Promise<string> {
  const { id } = await db.insertInto('statuspage_subscribers').values(row).returning('id').executeTakeFirstOrThrow();
  return id;
}

export async function updateSubscriberComponents(db: Db, id: string, componentIds: string[]) {
  await db.updateTable('statuspage_subscribers').set({ component_ids: componentIds }).where('id', '=', id).execute();
}

/** Confirms a pending email subscriber; false if it is gone or was confirmed already. */
export async function confirmSubscriberRow(db: Db, id: string, at: Date): Promise<boolean> {
  const r = await db
    .updateTable('statuspage_subscribers')
    .set({ confirmed_at: at })
    .where('id', '=', id)
    .where('confirmed_at', 'is', null)
    .where('unsubscribed_at', 'is', null)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) > 0;
}

export async function unsubscribeRow(db: Db, id: string, at: Date): Promise<boolean> {
  const r = await db.updateTable('statuspage_subscribers').set({ unsubscribed_at: at }).where('id', '=', id).where('unsubscribed_at', 'is', null).executeTakeFirst();
  return Number(r.numUpdatedRows) > 0;
}

/** The oldest update still to fan out, locked so that one engine works on it at a time. */
export async function claimUpdateToFanOut(db: Db) {
  return db
    .selectFrom('statuspage_incident_updates as u')
    .innerJoin('statuspage_incidents as i', 'i.id', 'u.incident_id')
    .select(['u.id', 'u.incident_id', 'u.status', 'u.body', 'u.display_at', 'i.name', 'i.kind', 'i.component_ids', 'i.impact', 'i.next_update_at'])
    .where('u.fanned_out_at', 'is', null)
    .orderBy('u.created_at')
    .limit(1)
    .forUpdate('u')
    .skipLocked()
    .executeTakeFirst();
}

/**
 * Confirmed, live subscribers of the update's components (or of their groups, or of
 * the whole page) who have not been handed this update yet. Components of the
 * incident expand to their groups: a subscriber to a group hears about its members.
 */
export async function pendingRecipients(db: Db, updateId: string, componentIds: string[], limit: number): Promise<SubscriberRow[]> {
  const r = await sql<SubscriberRow>`
    select s.* from statuspage_subscribers s
    where s.confirmed_at is not null and s.unsubscribed_at is null
      and (cardinality(s.component_ids) = 0 or s.component_ids && (
            select coalesce(array_agg(x), '{}') from (
              select unnest(${componentIds}::uuid[]) as x
              union select group_id from statuspage_components where id = any(${componentIds}::uuid[]) and group_id is not null) ids))
      and not exists (select 1 from statuspage_deliveries d where d.update_id = ${updateId} and d.subscriber_id = s.id)
    order by s.created_at, s.id
    limit ${limit}`.execute(db);
  return r.rows;
}

export async function insertDelivery(db: Db, row: { update_id: string; subscriber_id: string; outbox_id: string; created_at: Date }): Promise<boolean> {
  const r = await db.insertInto('statuspage_deliveries').values(row).onConflict((oc) => oc.columns(['update_id', 'subscriber_id']).doNothing()).executeTakeFirst();
  return Number(r.numInsertedOrUpdatedRows ?? 0) > 0;
}

export async function markFannedOut(db: Db, updateId: string, at: Date) {
  await db.updateTable('statuspage_incident_updates').set({ fanned_out_at: at }).where('id', '=', updateId).execute();
}

/** How many messages to subscribers the outbox holds for sending from now on: the rate limit's queue. */
export async function queuedSubscriberMessages(db: Db, now: Date): Promise<{ n: number; last: Date | null }> {
  const r = await sql<{ n: number; last: Date | null }>`
    select count(*)::int as n, max(o.next_attempt_at) as last from outbox o
    join statuspage_deliveries d on d.outbox_id = o.id
    where o.status = 'pending' and o.next_attempt_at > ${now}`.execute(db);
  return r.rows[0]!;
}
