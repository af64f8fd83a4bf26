import { randomUUID } from 'node:crypto';
import { inTransaction, type Database } from '../db/index.js';
import type { Clock } from '../lib/clock.js';
import { SYSTEM_ACTOR, type Ctx, type Settings } from '../lib/context.js';
import type { Logger } from '../lib/logger.js';
import { enqueueMessage } from '../notify/index.js';
import { localTime, safeZone } from './metrics/index.js';
import { orgSettingsValues } from './org-settings.js';
import { getWeeklyReview, type ReviewScope } from './review.js';
import { claimReviewDelivery, deliveredReviews, reviewSchedules, setReviewMessages } from './review-repository.js';
import { isSlack } from './settings.js';

/**
 * When a team's review is due: the report weekday and time of the current week, on
 * the team's wall clock. Returns the Monday (local date) of the week to review — the
 * last complete one — once that moment has passed, else null.
 */
export function dueReviewWeek(now: Date, zone: string, weekday: number, time: string): string | null {
  const monday = localTime(now, zone).startOf('week');
  const [h, m] = time.split(':').map(Number) as [number, number];
  const due = monday.plus({ days: weekday - 1 }).set({ hour: h, minute: m });
  if (now.getTime() < due.toMillis()) return null;
  return monday.minus({ weeks: 1 }).toISODate()!;
}

interface Recipients {
  /** 'team:<id>' or 'org': the delivery's claim key. */
  key: string;
  scope: ReviewScope;
  time_zone: string;
  report_weekday: number;
  report_time: string;
  report_enabled: boolean;
  report_emails: string[];
  report_webhook_url: string | null;
  report_webhook_secret: string | null;
}

/**
 * Delivers the weekly reviews that are due — each team's and the organisation's — by
 * email and webhook, each exactly once across engine processes: the (scope, week) row
 * is claimed in the transaction that puts the messages into the outbox, so a second
 * process finds it taken, and a crash before the commit leaves it for the next round.
 */
export async function deliverDueReviews(env: { database: Database; clock: Clock; log: Logger; settings: Settings }): Promise<number> {
  const now = env.clock.now();
  const teams: Recipients[] = (await reviewSchedules(env.database.db)).map((t) => ({ ...t, key: `team:${t.id}`, scope: { kind: 'team', id: t.id } }));
  const org: Recipients = { ...(await orgSettingsValues(env.database.db)), key: 'org', scope: { kind: 'org', id: null } };
  let sent = 0;
  const doneByWeek = new Map<string, Set<string>>();
  for (const r of [...teams, org]) {
    if (!r.report_enabled || (r.report_emails.length === 0 && !r.report_webhook_url)) continue;
    const week = dueReviewWeek(now, safeZone(r.time_zone), r.report_weekday, r.report_time);
    if (!week) continue;
    if (!doneByWeek.has(week)) doneByWeek.set(week, await deliveredReviews(env.database.db, week));
    if (doneByWeek.get(week)!.has(r.key)) continue;
    sent += await inTransaction(env.database.db, async (db) => {
      if (!(await claimReviewDelivery(db, r.key, week, now))) return 0;
      const ctx: Ctx = { actor: { ...SYSTEM_ACTOR, label: 'weekly review' }, db, clock: env.clock, log: env.log, requestId: `review-${r.key}-${week}`, settings: env.settings };
      const review = await getWeeklyReview(ctx, r.scope, { week });
      const targets = [
        ...r.report_emails.map((address) => ({ type: 'email' as const, address })),
        ...(r.report_webhook_url
          ? [isSlack(r.report_webhook_url) ? { type: 'slack' as const, address: r.report_webhook_url } : { type: 'webhook' as const, address: r.report_webhook_url, ...(r.report_webhook_secret ? { secret: r.report_webhook_secret } : {}) }]
          : []),
      ];
      for (const target of targets) {
        const id = randomUUID();
        await enqueueMessage(db, {
          target,
          message: { id, kind: 'notice', title: review.title, text: review.markdown, urgency: 'low', alerts: [], actions: {}, traceId: id, ...(target.type === 'email' ? { html: review.html } : {}) },
          traceId: null,
          now,
        });
      }
      await setReviewMessages(db, r.key, week, targets.length);
      env.log.event('HEALTH_REVIEW_SENT', { scope: r.key, teamId: r.scope.id, week, messages: targets.length });
      return targets.length;
    });
  }
  return sent;
}
