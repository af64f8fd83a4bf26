import type { TimelineEntry } from '@operable/shared';
import { requireRole } from '../lib/authorize.js';
import type { Ctx } from '../lib/context.js';
import { notFound } from '../lib/errors.js';
import { alertsSince, changeEventsSince, serviceExists, toAlert } from './repository.js';

const WEEK_MS = 7 * 86_400_000;

/**
 * What happened on a service, newest first: alerts (a storm shows as its leader)
 * and change events, so "what changed just before this broke?" has an answer.
 */
export async function serviceTimeline(ctx: Ctx, serviceId: string, q: { since?: string; limit: number }): Promise<TimelineEntry[]> {
  requireRole(ctx.actor, 'viewer');
  if (!(await serviceExists(ctx.db, serviceId))) throw notFound('Service', serviceId);
  const since = q.since ? new Date(q.since) : new Date(ctx.clock.now().getTime() - WEEK_MS);
  const [alerts, changes] = await Promise.all([alertsSince(ctx.db, serviceId, since, q.limit), changeEventsSince(ctx.db, serviceId, since, q.limit)]);
  const entries: TimelineEntry[] = [
    ...alerts.map((a) => ({ kind: 'alert' as const, at: a.created_at.toISOString(), alert: toAlert(a) })),
    ...changes.map((c) => ({
      kind: 'change' as const,
      at: c.at.toISOString(),
      change: { id: c.id, summary: c.summary, source: c.source, details: c.details as Record<string, unknown>, links: c.links as { href: string; text?: string }[] },
    })),
  ];
  return entries.sort((a, b) => b.at.localeCompare(a.at)).slice(0, q.limit);
}
