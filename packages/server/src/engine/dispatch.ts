import { randomUUID } from 'node:crypto';
import { appendLog } from '../alerts/index.js';
import { inTransaction, isDatabaseUnavailable, type Db } from '../db/index.js';
import { claimDueMessages, deliver, markDead, markRetry, markSent, notificationPlan, renewLeases, type ClaimedMessage, type DeliveryResult } from '../notify/index.js';
import type { EngineContext, EngineModule } from './index.js';
import { alertUrgencyStatus, insertNotifications, notificationFor, pullForward, setBundleStatus, triedContactMethods } from './repository.js';

const BATCH = 20;
/** Backoff between attempts; after the last, the next contact method takes over. */
export const RETRY_DELAYS_SECONDS = [10, 30, 60];

/**
 * Sends due outbox messages. The claim commits before the network call; the result
 * is recorded after it. While the sends run, the lease is renewed every third of
 * its length, so a slow channel keeps its messages however long it takes, and the
 * lease itself can be short: a crash leaves it to expire within seconds, and
 * another process sends again with the same message id, which receivers can
 * recognise.
 */
export const dispatchModule: EngineModule = {
  name: 'dispatch',
  async tick(ctx) {
    const token = randomUUID();
    const claimed = await claimDueMessages(ctx.database.db, ctx.clock.now(), ctx.outboxLeaseSeconds, BATCH, token);
    if (!claimed.length) return 0;
    const inFlight = new Set(claimed.map((m) => m.id));
    const stopRenewing = holdLeases(ctx, inFlight, token);
    // Every send is waited for, even after one fails to record: leases are renewed until none is in flight.
    const outcomes = await Promise.allSettled(
      claimed.map(async (m) => {
        const result = await deliver(ctx.channels, m.target, m.message, ctx.clock.now());
        await inTransaction(ctx.database.db, (db) => record(ctx, db, m, result));
        inFlight.delete(m.id);
      }),
    );
    stopRenewing();
    const failed = outcomes.find((o) => o.status === 'rejected');
    if (failed) throw failed.reason;
    return claimed.length;
  },
};

/**
 * Renews the leases of `inFlight` (held by `token`) every third of the lease. A
 * renewal that fails (the database is out of reach) is logged and tried again at
 * the next beat; two missed beats in a row still leave a third of the lease.
 */
function holdLeases(ctx: EngineContext, inFlight: ReadonlySet<string>, token: string): () => void {
  const leaseMs = ctx.outboxLeaseSeconds * 1000;
  return ctx.clock.every(leaseMs / 3, () => {
    // The new end is read now: a fake clock moves on once this returns.
    const until = new Date(ctx.clock.now().getTime() + leaseMs);
    return renewLeases(ctx.database.db, [...inFlight], token, until).catch((error: unknown) =>
      isDatabaseUnavailable(error)
        ? ctx.log.event('DB_UNAVAILABLE', { module: 'dispatch', work: 'lease renewal', reason: error.reason })
        : ctx.log.event('ENGINE_MODULE_FAILED', { module: 'dispatch', work: 'lease renewal', err: { message: (error as Error).message, stack: (error as Error).stack } }),
    );
  });
}

async function record(ctx: EngineContext, db: Db, m: ClaimedMessage, result: DeliveryResult): Promise<void> {
  const now = ctx.clock.now();
  const target = describeTarget(m);
  const log = (event: string, res: string, details?: unknown) =>
    appendLog(db, m.alertIds.map((alertId) => ({ alertId, at: now, event, actor: 'engine', channel: m.target.type, target, result: res, details })));

  if (result.ok) {
    await markSent(db, m.id, now);
    await setBundleStatus(db, m.notificationId, m.alertIds, 'sent');
    await log('notified', 'delivered', { messageId: m.id, attempt: m.attempts + 1, ...(result.providerId ? { providerId: result.providerId } : {}) });
    ctx.log.event('NOTIFICATION_SENT', { messageId: m.id, channel: m.target.type, traceId: m.traceId });
    return;
  }

  const delay = RETRY_DELAYS_SECONDS[m.attempts];
  if (result.retryable && delay !== undefined && (result.retryAfterSeconds ?? 0) <= 120) {
    const wait = Math.max(delay, result.retryAfterSeconds ?? 0);
    await markRetry(db, m.id, result.error, new Date(now.getTime() + wait * 1000));
    await log('notify_failed', 'retrying', { messageId: m.id, attempt: m.attempts + 1, error: result.error, retryInSeconds: wait });
    ctx.log.event('NOTIFICATION_RETRY', { messageId: m.id, channel: m.target.type, error: result.error, detail: result.detail, traceId: m.traceId });
    return;
  }

  await markDead(db, m.id, result.error);
  await setBundleStatus(db, m.notificationId, m.alertIds, 'failed');
  await log('notify_failed', 'gave up', { messageId: m.id, attempt: m.attempts + 1, error: result.error });
  // `detail` (what the receiver said, which address was refused) goes to the server log only, never the alert log.
  ctx.log.event('NOTIFICATION_FAILED', { messageId: m.id, channel: m.target.type, error: result.error, detail: result.detail, traceId: m.traceId });
  await fallThrough(db, m, now);
}

/** The person's next contact method that this alert has not tried yet, right away. */
async function fallThrough(db: Db, m: ClaimedMessage, now: Date): Promise<void> {
  if (!m.notificationId) return;
  const failed = await notificationFor(db, m.notificationId);
  if (!failed) return;
  const tried = await triedContactMethods(db, failed.alert_id, failed.user_id);
  const alert = await alertUrgencyStatus(db, failed.alert_id);
  if (!alert || alert.status !== 'triggered') return;
  const next = (await notificationPlan(db, failed.user_id, alert.urgency)).find((p) => !tried.has(p.contactMethodId));
  if (!next) {
    await appendLog(db, [{ alertId: failed.alert_id, at: now, event: 'unreachable', actor: 'engine', details: { userId: failed.user_id, reason: 'every contact method failed' } }]);
    return;
  }
  const reason = 'fall-through after a failed delivery';
  if (!(await pullForward(db, failed.alert_id, next.contactMethodId, now, reason))) {
    await insertNotifications(db, [{ alertId: failed.alert_id, userId: failed.user_id, contactMethodId: next.contactMethodId, dueAt: now, stepIndex: failed.step_index ?? 0, generation: failed.generation, reason }], now);
  }
  await appendLog(db, [{ alertId: failed.alert_id, at: now, event: 'fall_through', actor: 'engine', channel: next.type, details: { userId: failed.user_id } }]);
}

/** Enough to recognise the target in the log without spilling secrets (webhook URLs are secrets). */
function describeTarget(m: ClaimedMessage): string {
  const a = m.target.address;
  if (/^https?:\/\//.test(a)) return new URL(a).host;
  if (m.target.type === 'sms' || m.target.type === 'voice') return `${a.slice(0, -4).replace(/\d/g, '•')}${a.slice(-4)}`;
  return a;
}
