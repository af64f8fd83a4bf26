import { sql } from 'kysely';
import type { Db } from '../db/index.js';

/** Escalations whose next step is due, locked for this transaction (other processes skip them). */
export async function claimDueEscalations(db: Db, now: Date, limit: number) {
  return db
    .selectFrom('escalations')
    .innerJoin('alerts', 'alerts.id', 'escalations.alert_id')
    .innerJoin('services', 'services.id', 'alerts.service_id')
    .select([
      'escalations.alert_id',
      'escalations.policy_id',
      'escalations.direct_targets',
      'escalations.step_index',
      'escalations.cycle',
      'escalations.generation',
      'alerts.status',
      'alerts.urgency',
      'alerts.number',
    ])
    .where('escalations.status', '=', 'active')
    .where('escalations.next_at', '<=', now)
    // Ties in the order the alerts came, whatever plan the database picks: it decides how a bundle reads.
    .orderBy('escalations.next_at')
    .orderBy('alerts.created_at')
    .orderBy('alerts.number')
    .limit(limit)
    .forUpdate('escalations')
    .skipLocked()
    .execute();
}

export async function advanceEscalation(
  db: Db,
  alertId: string,
  next: { stepIndex: number; cycle: number; nextAt: Date | null; status: 'active' | 'stopped' | 'exhausted'; awaiting?: string[] },
  now: Date,
): Promise<void> {
  await db
    .updateTable('escalations')
    .set({ step_index: next.stepIndex, cycle: next.cycle, next_at: next.nextAt, status: next.status, awaiting_user_ids: next.awaiting ?? [], updated_at: now })
    .where('alert_id', '=', alertId)
    .execute();
}

/** Idempotent: a step that runs twice (crash between insert and commit) adds nothing new. */
export async function insertNotifications(
  db: Db,
  rows: { alertId: string; userId: string; contactMethodId: string; dueAt: Date; stepIndex: number; generation: number; reason: string }[],
  now: Date,
): Promise<number> {
  if (!rows.length) return 0;
  const r = await db
    .insertInto('notifications')
    .values(
      rows.map((n) => ({
        alert_id: n.alertId,
        user_id: n.userId,
        contact_method_id: n.contactMethodId,
        due_at: n.dueAt,
        status: 'pending' as const,
        step_index: n.stepIndex,
        generation: n.generation,
        reason: n.reason,
        created_at: now,
      })),
    )
    .onConflict((oc) => oc.columns(['alert_id', 'contact_method_id', 'generation', 'step_index']).doNothing())
    .executeTakeFirst();
  return Number(r.numInsertedOrUpdatedRows ?? 0);
}

export async function claimDueNotifications(db: Db, now: Date, limit: number) {
  return db
    .selectFrom('notifications as n')
    .innerJoin('alerts as a', 'a.id', 'n.alert_id')
    .innerJoin('services as s', 's.id', 'a.service_id')
    .innerJoin('contact_methods as cm', 'cm.id', 'n.contact_method_id')
    .innerJoin('users as u', 'u.id', 'n.user_id')
    .select([
      'n.id',
      'n.alert_id',
      'n.user_id',
      'n.contact_method_id',
      'n.due_at',
      'n.step_index',
      'a.status as alert_status',
      'a.urgency',
      'a.summary',
      'a.number',
      'a.group_size',
      'a.trace_id',
      's.name as service_name',
      's.runbook_url',
      'cm.type',
      'cm.address',
      'cm.secret',
      'u.time_zone',
      'u.working_hours',
    ])
    .where('n.status', '=', 'pending')
    .where('n.due_at', '<=', now)
    .orderBy('n.due_at')
    .orderBy('a.created_at')
    .orderBy('a.number')
    .orderBy('n.created_at')
    .limit(limit)
    .forUpdate('n')
    .skipLocked()
    .execute();
}

export async function setNotificationStatus(db: Db, ids: string[], status: 'queued' | 'sent' | 'failed' | 'cancelled', reason?: string) {
  if (!ids.length) return;
  await db.updateTable('notifications').set({ status, ...(reason ? { reason } : {}) }).where('id', 'in', ids).execute();
}

export async function deferNotifications(db: Db, ids: string[], dueAt: Date, reason: string) {
  if (!ids.length) return;
  await db.updateTable('notifications').set({ due_at: dueAt, reason }).where('id', 'in', ids).execute();
}

/** Sends (queued or done) to one contact method since `since`: what throttles and bundling look at. */
export async function recentSends(db: Db, contactMethodId: string, since: Date): Promise<Date[]> {
  const rows = await db
    .selectFrom('outbox')
    .innerJoin('notifications', 'notifications.id', 'outbox.notification_id')
    .select('outbox.created_at')
    .where('notifications.contact_method_id', '=', contactMethodId)
    .where('outbox.created_at', '>', since)
    .where('outbox.status', '<>', 'dead')
    .orderBy('outbox.created_at')
    .execute();
  return rows.map((r) => r.created_at);
}


export async function notificationFor(db: Db, id: string) {
  return db.selectFrom('notifications').selectAll().where('id', '=', id).executeTakeFirst();
}

/** Contact methods of this user already used for this alert (not merely planned), so a fall-through picks a new one. */
export async function triedContactMethods(db: Db, alertId: string, userId: string): Promise<Set<string>> {
  const rows = await db
    .selectFrom('notifications')
    .select('contact_method_id')
    .where('alert_id', '=', alertId)
    .where('user_id', '=', userId)
    .where('status', 'in', ['queued', 'sent', 'failed'])
    .execute();
  return new Set(rows.map((r) => r.contact_method_id));
}

/** Brings a notification already planned for later forward to now; false when none was planned. */
export async function pullForward(db: Db, alertId: string, contactMethodId: string, now: Date, reason: string): Promise<boolean> {
  const r = await db
    .updateTable('notifications')
    .set({ due_at: now, reason })
    .where('alert_id', '=', alertId)
    .where('contact_method_id', '=', contactMethodId)
    .where('status', '=', 'pending')
    .executeTakeFirst();
  return Number(r.numUpdatedRows) > 0;
}

export async function staleAcknowledgements(db: Db, now: Date, limit: number) {
  return db
    .selectFrom('alerts')
    .innerJoin('services', 'services.id', 'alerts.service_id')
    .leftJoin('escalations', 'escalations.alert_id', 'alerts.id')
    .select(['alerts.id', 'services.escalation_policy_id', 'services.ack_timeout_minutes', 'escalations.direct_targets'])
    .where('alerts.status', '=', 'acknowledged')
    .where('services.ack_timeout_minutes', 'is not', null)
    .where(sql<boolean>`alerts.acknowledged_at + make_interval(mins => services.ack_timeout_minutes) <= ${now}`)
    // Oldest first, so a storm group's leader goes back before its members (they follow it):
    // without an order, the rows come in whatever order the plan gives.
    .orderBy('alerts.acknowledged_at')
    .orderBy('alerts.created_at')
    .orderBy('alerts.number')
    .limit(limit)
    .forUpdate('alerts')
    .skipLocked()
    .execute();
}

export async function deleteUsedTokensBefore(db: Db, before: Date): Promise<number> {
  const r = await db.deleteFrom('used_action_tokens').where('used_at', '<', before).executeTakeFirst();
  return Number(r.numDeletedRows);
}

/** The notifications one outbox message carried: same contact method, same alerts, still queued. */
export async function setBundleStatus(db: Db, notificationId: string | null, alertIds: string[], status: 'sent' | 'failed') {
  if (!notificationId) return;
  const first = await db.selectFrom('notifications').select('contact_method_id').where('id', '=', notificationId).executeTakeFirst();
  if (!first || !alertIds.length) return;
  await db
    .updateTable('notifications')
    .set({ status })
    .where('contact_method_id', '=', first.contact_method_id)
    .where('alert_id', 'in', alertIds)
    .where('status', '=', 'queued')
    .execute();
}

export async function alertUrgencyStatus(db: Db, alertId: string) {
  return db.selectFrom('alerts').select(['urgency', 'status']).where('id', '=', alertId).executeTakeFirst();
}

/** Seconds the oldest due piece of work has waited: 0 when the engine keeps up. */
export async function engineLagSeconds(db: Db, now: Date): Promise<number> {
  const r = await sql<{ oldest: Date | null }>`
    select least(
      (select min(next_at) from escalations where status = 'active' and next_at <= ${now}),
      (select min(due_at) from notifications where status = 'pending' and due_at <= ${now}),
      (select min(next_attempt_at) from outbox where status = 'pending' and next_attempt_at <= ${now})
    ) as oldest`.execute(db);
  const oldest = r.rows[0]?.oldest;
  return oldest ? Math.max(0, (now.getTime() - new Date(oldest).getTime()) / 1000) : 0;
}
