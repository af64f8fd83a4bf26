import { sql } from 'kysely';
import type { Db } from '../db/index.js';
import type { Message, Target } from './channels/index.js';

export const OUTBOX_CHANNEL = 'operable_outbox';

/**
 * Queues one message for delivery in the caller's transaction: it is sent only if
 * the change that caused it commits, and it survives any crash after that.
 */
export async function enqueueMessage(
  db: Db,
  m: { target: Target; message: Message; notificationId?: string | null; alertIds?: string[]; traceId: string | null; now: Date; notBefore?: Date },
): Promise<string> {
  const { id } = await db
    .insertInto('outbox')
    .values({
      id: m.message.id,
      channel: m.target.type,
      target: JSON.stringify(m.target),
      message: JSON.stringify(m.message),
      notification_id: m.notificationId ?? null,
      alert_ids: m.alertIds ?? [],
      status: 'pending',
      next_attempt_at: m.notBefore ?? m.now,
      trace_id: m.traceId,
      created_at: m.now,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await sql`select pg_notify(${OUTBOX_CHANNEL}, '')`.execute(db);
  return id;
}

export interface ClaimedMessage {
  id: string;
  target: Target;
  message: Message;
  notificationId: string | null;
  alertIds: string[];
  attempts: number;
  traceId: string | null;
}

/**
 * Claims due messages with a lease held by `token`. The holder renews it while it
 * sends (renewLeases); a process that dies mid-send leaves the lease to run out,
 * and another process sends again with the same id, which the receiver can
 * recognise (X-Operable-Delivery, Message-ID).
 */
export async function claimDueMessages(db: Db, now: Date, leaseSeconds: number, limit: number, token: string): Promise<ClaimedMessage[]> {
  const rows = await db
    .updateTable('outbox')
    .set({ lease_until: new Date(now.getTime() + leaseSeconds * 1000), lease_token: token })
    .where('id', 'in', (eb) =>
      eb
        .selectFrom('outbox')
        .select('id')
        .where('status', '=', 'pending')
        .where('next_attempt_at', '<=', now)
        .where((w) => w.or([w('lease_until', 'is', null), w('lease_until', '<=', now)]))
        .orderBy('next_attempt_at')
        .limit(limit)
        .forUpdate()
        .skipLocked(),
    )
    .returning(['id', 'target', 'message', 'notification_id', 'alert_ids', 'attempts', 'trace_id'])
    .execute();
  return rows.map((r) => ({
    id: r.id,
    target: r.target as Target,
    message: r.message as Message,
    notificationId: r.notification_id,
    alertIds: r.alert_ids,
    attempts: r.attempts,
    traceId: r.trace_id,
  }));
}

/**
 * Extends the leases that `token` still holds on messages not yet recorded, never
 * shortening one; returns how many it extended. A lease another process took over
 * (its claim wrote its own token) or an attempt already recorded (token cleared)
 * is left alone.
 */
export async function renewLeases(db: Db, ids: string[], token: string, until: Date): Promise<number> {
  if (!ids.length) return 0;
  const r = await db
    .updateTable('outbox')
    .set({ lease_until: sql<Date>`greatest(lease_until, ${until})` })
    .where('id', 'in', ids)
    .where('lease_token', '=', token)
    .where('status', '=', 'pending')
    .executeTakeFirst();
  return Number(r.numUpdatedRows);
}

export async function markSent(db: Db, id: string, now: Date): Promise<void> {
  await db.updateTable('outbox').set({ status: 'sent', sent_at: now, lease_until: null, lease_token: null }).where('id', '=', id).execute();
}

export async function markRetry(db: Db, id: string, error: string, nextAt: Date): Promise<void> {
  await db
    .updateTable('outbox')
    .set((eb) => ({ attempts: eb('attempts', '+', 1), last_error: error.slice(0, 1000), next_attempt_at: nextAt, lease_until: null, lease_token: null }))
    .where('id', '=', id)
    .execute();
}

export async function markDead(db: Db, id: string, error: string): Promise<void> {
  await db
    .updateTable('outbox')
    .set((eb) => ({ status: 'dead', attempts: eb('attempts', '+', 1), last_error: error.slice(0, 1000), lease_until: null, lease_token: null }))
    .where('id', '=', id)
    .execute();
}

export async function outboxDepth(db: Db): Promise<{ pending: number; oldestDueAt: Date | null }> {
  const r = await db
    .selectFrom('outbox')
    .select((eb) => [eb.fn.countAll<number>().as('n'), eb.fn.min('next_attempt_at').as('oldest')])
    .where('status', '=', 'pending')
    .executeTakeFirstOrThrow();
  return { pending: Number(r.n), oldestDueAt: r.oldest ? new Date(r.oldest as Date) : null };
}
