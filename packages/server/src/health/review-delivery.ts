import { randomUUID } from 'node:crypto';
import { inTransaction, type Database } from '../db/index.js';
import type { Clock } from '../lib/clock.js';
import { SYSTEM_ACTOR, type Ctx, type Settings } from '../lib/context.js';
import type { Logger } from '../lib/logger.js';
import { enqueueMessage } from '../notify/index.js';
import { localTime, safeZone } from './metrics/index.js';
import { getWeeklyReview } from './review.js';
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

/**
 * Delivers the weekly reviews that are due, by email and webhook, each exactly once
 * across engine processes: the (team, week) row is claimed in the transaction that
 * puts the messages into the outbox, so a second process finds it taken, and a
 * crash before the commit leaves it for the next round.
 */
export async function deliverDueReviews(env: { database: Database; clock: Clock; log: Logger; settings: Settings }): Promise<number> {
  const now = env.clock.now();
  const teams = (await reviewSchedules(env.database.db)).filter((t) => t.report_enabled && (t.report_emails.length > 0 || !!t.report_webhook_url));
  let sent = 0;
  const doneByWeek = new Map<string, Set<string>>();
  for (const team of teams) {
    const week = dueReviewWeek(now, safeZone(team.time_zone), team.report_weekday, team.report_time);
    if (!week) continue;
    const key = `team:${team.id}`;
    if (!doneByWeek.has(week)) doneByWeek.set(week, await deliveredReviews(env.database.db, week));
    if (doneByWeek.get(week)!.has(key)) continue;
    sent += await inTransaction(env.database.db, async (db) => {
      if (!(await claimReviewDelivery(db, key, week, now))) return 0;
      const ctx: Ctx = { actor: { ...SYSTEM_ACTOR, label: 'weekly review' }, db, clock: env.clock, log: env.log, requestId: `review-${team.id}-${week}`, settings: env.settings };
      const review = await getWeeklyReview(ctx, { kind: 'team', id: team.id }, { week });
      const targets = [
        ...team.report_emails.map((address) => ({ type: 'email' as const, address })),
        ...(team.report_webhook_url
          ? [isSlack(team.report_webhook_url) ? { type: 'slack' as const, address: team.report_webhook_url } : { type: 'webhook' as const, address: team.report_webhook_url, ...(team.report_webhook_secret ? { secret: team.report_webhook_secret } : {}) }]
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
      await setReviewMessages(db, key, week, targets.length);
      env.log.event('HEALTH_REVIEW_SENT', { teamId: team.id, week, messages: targets.length });
      return targets.length;
    });
  }
  return sent;
}
