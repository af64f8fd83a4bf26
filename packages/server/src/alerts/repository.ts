import type { Alert, AlertLogEntry } from '@operable/shared';
import { sql } from 'kysely';
import type { AlertRow, Db } from '../db/index.js';
import type { TriggerEvent } from './events.js';

export const ENGINE_CHANNEL = 'operable_engine';

export const findOpenAlertByKey = (db: Db, serviceId: string, dedupKey: string) =>
  db.selectFrom('alerts').selectAll().where('service_id', '=', serviceId).where('dedup_key', '=', dedupKey).where('status', '<>', 'resolved').executeTakeFirst();


export const findAlertByNumber = (db: Db, number: number) => db.selectFrom('alerts').selectAll().where('number', '=', number).executeTakeFirst();

/**
 * Conditional transition: only the caller that finds the alert in an expected state
 * changes it, so two acknowledgements race safely and the loser changes nothing.
 */
export async function transition(
  db: Db,
  where: { id?: string; leaderId?: string },
  to: 'acknowledged' | 'resolved' | 'triggered',
  by: string | null,
  now: Date,
): Promise<{ id: string; number: number }[]> {
  const from = to === 'acknowledged' ? ['triggered'] : to === 'resolved' ? ['triggered', 'acknowledged'] : ['acknowledged'];
  let q = db
    .updateTable('alerts')
    .set(
      to === 'acknowledged'
        ? { status: to, acknowledged_at: now, acknowledged_by: by }
        : to === 'resolved'
          ? { status: to, resolved_at: now, resolved_by: by }
          : { status: to, acknowledged_at: null, acknowledged_by: null },
    )
    .where('status', 'in', from as AlertRow['status'][]);
  if (where.id) q = q.where('id', '=', where.id);
  if (where.leaderId) q = q.where('group_leader_id', '=', where.leaderId);
  const rows = await q.returning(['id', 'number']).execute();
  return rows.map((r) => ({ id: r.id, number: Number(r.number) }));
}

/**
 * A storm group whose leader closed while members are still open stays one group:
 * the oldest open member leads it from now on, with the group's size, its
 * escalation (where it is: no new page) and the pages still waiting to go out.
 * The closed leader becomes a member. Null when no member is open.
 */
export async function handOverGroup(db: Db, leaderId: string): Promise<{ id: string; number: number } | null> {
  const heir = await db
    .selectFrom('alerts')
    .select(['id', 'number'])
    .where('group_leader_id', '=', leaderId)
    .where('status', '<>', 'resolved')
    .orderBy('created_at')
    .orderBy('number')
    .limit(1)
    .executeTakeFirst();
  if (!heir) return null;
  const { group_size } = await db.selectFrom('alerts').select('group_size').where('id', '=', leaderId).executeTakeFirstOrThrow();
  await db.updateTable('alerts').set({ group_leader_id: null, group_size }).where('id', '=', heir.id).execute();
  await db
    .updateTable('alerts')
    .set({ group_leader_id: heir.id, group_size: 1 })
    .where((eb) => eb.or([eb('group_leader_id', '=', leaderId), eb('id', '=', leaderId)]))
    .execute();
  // A member has no escalation of its own unless someone escalated it by hand; then it keeps that one.
  await db
    .updateTable('escalations')
    .set({ alert_id: heir.id })
    .where('alert_id', '=', leaderId)
    .where(({ not, exists, selectFrom }) => not(exists(selectFrom('escalations').select('alert_id').where('alert_id', '=', heir.id))))
    .execute();
  await sql`
    update notifications n set alert_id = ${heir.id}
    where n.alert_id = ${leaderId} and n.status = 'pending'
      and not exists (select 1 from notifications o where o.alert_id = ${heir.id}
                      and o.contact_method_id = n.contact_method_id and o.step_index is not distinct from n.step_index)`.execute(db);
  return { id: heir.id, number: Number(heir.number) };
}

export async function appendLog(
  db: Db,
  entries: { alertId: string; at: Date; event: string; actor?: string | null; channel?: string | null; target?: string | null; result?: string | null; details?: unknown }[],
): Promise<void> {
  if (!entries.length) return;
  await db
    .insertInto('alert_log')
    .values(
      entries.map((e) => ({
        alert_id: e.alertId,
        at: e.at,
        event: e.event,
        actor: e.actor ?? null,
        channel: e.channel ?? null,
        target: e.target ?? null,
        result: e.result ?? null,
        details: e.details === undefined ? null : JSON.stringify(e.details),
      })),
    )
    .execute();
}

/** Delivered at commit to every process LISTENing, this one included. */
export async function wakeEngine(db: Db): Promise<void> {
  await sql`select pg_notify(${ENGINE_CHANNEL}, '')`.execute(db);
}

/** Escalation stops and pending notifications are cancelled once someone has it. */
export async function stopPaging(db: Db, alertIds: string[], now: Date): Promise<void> {
  if (!alertIds.length) return;
  await db.updateTable('escalations').set({ status: 'stopped', next_at: null, updated_at: now }).where('alert_id', 'in', alertIds).where('status', '=', 'active').execute();
  await db.updateTable('notifications').set({ status: 'cancelled' }).where('alert_id', 'in', alertIds).where('status', '=', 'pending').execute();
}

type ListedAlert = AlertRow & { service_name: string };

export async function listAlertRows(
  db: Db,
  q: { statuses?: AlertRow['status'][]; serviceId?: string; urgency?: 'high' | 'low'; before?: number; limit: number; mine?: { userId: string | null; teamIds: string[] } },
): Promise<ListedAlert[]> {
  let query = db
    .selectFrom('alerts')
    .innerJoin('services', 'services.id', 'alerts.service_id')
    .selectAll('alerts')
    .select('services.name as service_name')
    .orderBy('alerts.number', 'desc')
    .limit(q.limit);
  if (q.statuses?.length) query = query.where('alerts.status', 'in', q.statuses);
  if (q.serviceId) query = query.where('alerts.service_id', '=', q.serviceId);
  if (q.urgency) query = query.where('alerts.urgency', '=', q.urgency);
  if (q.before) query = query.where('alerts.number', '<', q.before);
  const mine = q.mine;
  if (mine) {
    // Yours: it paged you, or its service belongs to one of your teams.
    query = query.where((eb) => {
      const either = [];
      if (mine.userId) either.push(eb.exists(eb.selectFrom('notifications').select('notifications.id').whereRef('notifications.alert_id', '=', 'alerts.id').where('notifications.user_id', '=', mine.userId)));
      if (mine.teamIds.length) either.push(eb('services.team_id', 'in', mine.teamIds));
      return either.length ? eb.or(either) : eb.val(false);
    });
  }
  return query.execute();
}

export async function findAlertWithService(db: Db, id: string) {
  return db
    .selectFrom('alerts')
    .innerJoin('services', 'services.id', 'alerts.service_id')
    .selectAll('alerts')
    .select(['services.name as service_name', 'services.runbook_url', 'services.runbook_markdown', 'services.team_id'])
    .where('alerts.id', '=', id)
    .executeTakeFirst();
}

export const readLog = (db: Db, alertId: string) =>
  db.selectFrom('alert_log').selectAll().where('alert_id', '=', alertId).orderBy('id').execute();

export function toAlert(row: ListedAlert): Alert {
  return {
    id: row.id,
    number: Number(row.number),
    serviceId: row.service_id,
    serviceName: row.service_name,
    integrationId: row.integration_id,
    dedupKey: row.dedup_key,
    status: row.status,
    urgency: row.urgency,
    summary: row.summary,
    source: row.source,
    severity: row.severity,
    details: row.details as Record<string, unknown>,
    links: row.links as Alert['links'],
    occurrences: row.occurrences,
    groupLeaderId: row.group_leader_id,
    groupSize: row.group_size,
    suppressedBy: row.suppressed_by,
    createdAt: row.created_at.toISOString(),
    lastSeenAt: row.last_seen_at.toISOString(),
    acknowledgedAt: row.acknowledged_at?.toISOString() ?? null,
    acknowledgedBy: row.acknowledged_by,
    resolvedAt: row.resolved_at?.toISOString() ?? null,
    resolvedBy: row.resolved_by,
  };
}

export function toLogEntry(row: { id: number; at: Date; event: string; actor: string | null; channel: string | null; target: string | null; result: string | null; details: unknown }): AlertLogEntry {
  return { id: String(row.id), at: row.at.toISOString(), event: row.event, actor: row.actor, channel: row.channel, target: row.target, result: row.result, details: row.details ?? null };
}

/** A link's nonce can be spent once; false when it already was. */
export async function spendNonce(db: Db, nonce: string, now: Date): Promise<boolean> {
  const r = await db
    .insertInto('used_action_tokens')
    .values({ nonce, used_at: now })
    .onConflict((oc) => oc.column('nonce').doNothing())
    .executeTakeFirst();
  return Number(r.numInsertedOrUpdatedRows ?? 0) === 1;
}

/**
 * Fires the next step now. An escalation stopped by an acknowledgement resumes
 * where it was (the step after the last one fired); an exhausted one starts over.
 * False when the alert never had an escalation.
 */
export async function escalateNow(db: Db, alertId: string, now: Date): Promise<boolean> {
  const row = await db.selectFrom('escalations').select(['status']).where('alert_id', '=', alertId).executeTakeFirst();
  if (!row) return false;
  await db
    .updateTable('escalations')
    .set((eb) =>
      row.status === 'exhausted'
        ? { status: 'active', step_index: 0, cycle: 0, next_at: now, generation: eb('generation', '+', 1), updated_at: now }
        : { status: 'active', next_at: now, updated_at: now },
    )
    .where('alert_id', '=', alertId)
    .execute();
  await wakeEngine(db);
  return true;
}

export async function serviceEscalationPolicy(db: Db, serviceId: string): Promise<string | null> {
  return (await db.selectFrom('services').select('escalation_policy_id').where('id', '=', serviceId).executeTakeFirst())?.escalation_policy_id ?? null;
}

/** The person a verified phone number belongs to, for SMS replies. */
/** Everyone who verified this number for SMS or voice (a shared on-call phone has several). */
export async function usersByVerifiedPhone(db: Db, phone: string): Promise<string[]> {
  const rows = await db
    .selectFrom('contact_methods')
    .select('user_id')
    .distinct()
    .where('address', '=', phone)
    .where('type', 'in', ['sms', 'voice'])
    .where('verified_at', 'is not', null)
    .orderBy('user_id')
    .execute();
  return rows.map((r) => r.user_id);
}

/**
 * The first of `userIds` a message about the alert, or the storm group it joined,
 * was handed to delivery for (queued, sent, or sent and failed): whoever holds its
 * reply code. Pending and cancelled notifications never left.
 */
export async function firstPagedUser(db: Db, alertIds: string[], userIds: string[]): Promise<string | null> {
  if (!alertIds.length || !userIds.length) return null;
  const row = await db
    .selectFrom('notifications')
    .select('user_id')
    .where('alert_id', 'in', alertIds)
    .where('user_id', 'in', userIds)
    .where('status', 'in', ['queued', 'sent', 'failed'])
    .orderBy('created_at')
    .limit(1)
    .executeTakeFirst();
  return row?.user_id ?? null;
}

export async function serviceExists(db: Db, id: string): Promise<boolean> {
  return !!(await db.selectFrom('services').select('id').where('id', '=', id).executeTakeFirst());
}


/** Restarts a direct page from its first step as a new generation; false when the alert has none. */
export async function restartDirectPage(db: Db, alertId: string, now: Date): Promise<boolean> {
  const r = await db
    .updateTable('escalations')
    .set((eb) => ({ step_index: 0, cycle: 0, next_at: now, status: 'active', awaiting_user_ids: [], generation: eb('generation', '+', 1), updated_at: now }))
    .where('alert_id', '=', alertId)
    .where('direct_targets', 'is not', null)
    .executeTakeFirst();
  if (Number(r.numUpdatedRows) > 0) await wakeEngine(db);
  return Number(r.numUpdatedRows) > 0;
}

/**
 * Starts an alert's escalation by its service's policy, or restarts it from the
 * first step as a new generation. A restart keeps what the escalation pages (its
 * policy or its direct targets). New alerts start theirs in the ingest write.
 */
export async function startEscalation(db: Db, alertId: string, policyId: string | null, now: Date): Promise<void> {
  await db
    .insertInto('escalations')
    .values({ alert_id: alertId, policy_id: policyId, step_index: 0, cycle: 0, next_at: now, status: 'active', updated_at: now })
    .onConflict((oc) =>
      oc.column('alert_id').doUpdateSet((eb) => ({
        step_index: 0,
        cycle: 0,
        next_at: now,
        status: 'active',
        awaiting_user_ids: [],
        generation: eb('escalations.generation', '+', 1),
        updated_at: now,
      })),
    )
    .execute();
  await wakeEngine(db);
}

/** Who of the last fired step still has to acknowledge (empty: one acknowledgement is enough). */
export async function awaitingAcknowledgements(db: Db, alertId: string): Promise<string[]> {
  const row = await db.selectFrom('escalations').select(['awaiting_user_ids', 'status']).where('alert_id', '=', alertId).forUpdate().executeTakeFirst();
  return row && row.status === 'active' ? row.awaiting_user_ids : [];
}

/** Records one person's acknowledgement of an all-must-acknowledge step; returns who is left. */
export async function acknowledgeOne(db: Db, alertId: string, userId: string): Promise<string[]> {
  const row = await db
    .updateTable('escalations')
    .set({ awaiting_user_ids: sql<string[]>`array_remove(awaiting_user_ids, ${userId}::uuid)` })
    .where('alert_id', '=', alertId)
    .returning('awaiting_user_ids')
    .executeTakeFirst();
  await db.updateTable('notifications').set({ status: 'cancelled', reason: 'acknowledged by this person' }).where('alert_id', '=', alertId).where('user_id', '=', userId).where('status', '=', 'pending').execute();
  return row?.awaiting_user_ids ?? [];
}

export async function changeEventsSince(db: Db, serviceId: string, since: Date, limit: number) {
  return db.selectFrom('change_events').selectAll().where('service_id', '=', serviceId).where('at', '>=', since).orderBy('at', 'desc').limit(limit).execute();
}

export async function alertsSince(db: Db, serviceId: string, since: Date, limit: number): Promise<ListedAlert[]> {
  return db
    .selectFrom('alerts')
    .innerJoin('services', 'services.id', 'alerts.service_id')
    .selectAll('alerts')
    .select('services.name as service_name')
    .where('alerts.service_id', '=', serviceId)
    .where('alerts.created_at', '>=', since)
    .where('alerts.group_leader_id', 'is', null)
    .orderBy('alerts.created_at', 'desc')
    .limit(limit)
    .execute();
}
