import { appendLog } from '../alerts/index.js';
import { inTransaction, type Db } from '../db/index.js';
import { claimDueMessages, deliver, markDead, markRetry, markSent, notificationPlan, type ClaimedMessage, type DeliveryResult } from '../notify/index.js';
import type { EngineContext, EngineModule } from './index.js';
import { alertUrgencyStatus, insertNotifications, notificationFor, pullForward, setBundleStatus, triedContactMethods } from './repository.js';

const BATCH = 20;
/** Backoff between attempts; after the last, the next contact method takes over. */
export const RETRY_DELAYS_SECONDS = [10, 30, 60];

/**
 * Sends due outbox messages. The claim commits before the network call; the result
 * is recorded after it. A crash in between leaves the lease to expire and another
 * process sends again with the same message id, which receivers can recognise.
 */
export const dispatchModule: EngineModule = {
  name: 'dispatch',
  async tick(ctx) {
    const claimed = await claimDueMessages(ctx.database.db, ctx.clock.now(), ctx.outboxLeaseSeconds, BATCH);
    await Promise.all(
      claimed.map(async (m) => {
        const result = await deliver(ctx.channels, m.target, m.message, ctx.clock.now());
        await inTransaction(ctx.database.db, (db) => record(ctx, db, m, result));
      }),
    );
    return claimed.length;
  },
};

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
