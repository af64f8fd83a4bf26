import { randomUUID } from 'node:crypto';
import type { WorkingHours } from '@operable/shared';
import { appendLog } from '../alerts/index.js';
import { inTransaction } from '../db/index.js';
import {
  DEFAULT_LIMITS,
  enqueueMessage,
  isWithinWorkingHours,
  listBundle,
  nextWorkingStart,
  throttleDecision,
  type ContactMethodKind,
  type PendingNotification,
} from '../notify/index.js';
import type { EngineModule } from './index.js';
import { buildMessage, loadAlertSummary } from './messages.js';
import { claimDueNotifications, deferNotifications, recentSends, setNotificationStatus } from './repository.js';

const BATCH = 200;
/** After a message, more for the same person and method wait this long and go as one. */
export const BUNDLE_WINDOW_SECONDS = 30;

type Due = Awaited<ReturnType<typeof claimDueNotifications>>[number];

/**
 * The notification cycle: turns due notifications into outbox messages, kindly.
 * Acknowledged or resolved alerts are cancelled; low urgency waits for working
 * hours; per-method throttles hold a burst; a burst right after a message is
 * bundled into one message per person and method.
 */
export const notifyModule: EngineModule = {
  name: 'notify',
  async tick(ctx) {
    return inTransaction(ctx.database.db, async (db) => {
      const now = ctx.clock.now();
      const due = await claimDueNotifications(db, now, BATCH);
      const groups = new Map<string, Due[]>();
      for (const n of due) {
        if (n.alert_status !== 'triggered') {
          await setNotificationStatus(db, [n.id], 'cancelled', `alert ${n.alert_status}`);
          continue;
        }
        if (n.urgency === 'low' && !isWithinWorkingHours(n.working_hours as WorkingHours, n.time_zone, now)) {
          const at = nextWorkingStart(n.working_hours as WorkingHours, n.time_zone, now);
          if (at) {
            await deferNotifications(db, [n.id], at, 'low urgency: waits for working hours');
            await appendLog(db, [{ alertId: n.alert_id, at: now, event: 'notification_deferred', actor: 'engine', channel: n.type, details: { until: at.toISOString(), reason: 'working hours' } }]);
            ctx.log.event('NOTIFICATION_DEFERRED', { alertId: n.alert_id, until: at.toISOString() });
            continue;
          }
        }
        const key = n.contact_method_id;
        groups.set(key, [...(groups.get(key) ?? []), n]);
      }

      for (const items of groups.values()) {
        const first = items[0]!;
        const limit = DEFAULT_LIMITS[first.type as ContactMethodKind];
        const windowStart = new Date(now.getTime() - Math.max(limit.perMinutes * 60, BUNDLE_WINDOW_SECONDS) * 1000);
        const sent = await recentSends(db, first.contact_method_id, windowStart);
        const ids = items.map((i) => i.id);
        const last = sent.at(-1);
        // Something just went out on this method: wait for the burst, then send it as one.
        if (last && now.getTime() - last.getTime() < BUNDLE_WINDOW_SECONDS * 1000) {
          await deferNotifications(db, ids, new Date(last.getTime() + BUNDLE_WINDOW_SECONDS * 1000), 'bundled with the next message');
          continue;
        }
        const throttle = throttleDecision(sent, now, limit);
        if (!throttle.allowed) {
          await deferNotifications(db, ids, throttle.retryAt, `throttled: at most ${limit.max} per ${limit.perMinutes} min`);
          await appendLog(
            db,
            items.map((i) => ({ alertId: i.alert_id, at: now, event: 'notification_throttled', actor: 'engine', channel: i.type, details: { until: throttle.retryAt.toISOString() } })),
          );
          continue;
        }
        // The message lists at most DEFAULT_BUNDLE_MAX_ITEMS alerts and counts the rest;
        // the outbox row carries every alert, so each one's log says it was notified.
        const alertIds = [...new Set(items.map((i) => i.alert_id))];
        const { listed, more } = listBundle(items.map(pending));
        const summaries = await Promise.all(listed.map((i) => loadAlertSummary(db, i.alertId)));
        const message = buildMessage(ctx, summaries, first.user_id, randomUUID(), now, more);
        await enqueueMessage(db, {
          target: { type: first.type, address: first.address, ...(first.secret ? { secret: first.secret } : {}) },
          message,
          notificationId: first.id,
          alertIds,
          traceId: first.trace_id,
          now,
        });
        await setNotificationStatus(db, ids, 'queued');
      }
      return due.length;
    });
  },
};

const pending = (n: Due): PendingNotification => ({
  id: n.id,
  personId: n.user_id,
  method: n.contact_method_id,
  dueAt: n.due_at,
  alertId: n.alert_id,
  summary: n.summary,
  urgency: n.urgency,
  alertNumber: Number(n.number),
});
