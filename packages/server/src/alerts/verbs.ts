import type { AlertDetail, AlertLogEntry, AlertPage, AlertQuery } from '@operable/shared';
import { requireRole } from '../lib/authorize.js';
import type { Ctx } from '../lib/context.js';
import { conflict, invalid, notFound } from '../lib/errors.js';
import { triggerAlert } from './trigger.js';
import {
  appendLog,
  escalateNow,
  findAlertWithService,
  listAlertRows,
  readLog,
  serviceEscalationPolicy,
  serviceExists,
  restartDirectPage,
  startEscalation,
  toAlert,
  toLogEntry,
} from './repository.js';
import { existingUserIds } from '../auth/index.js';
import { transitionAlert, type Transition } from './transitions.js';
import { alertNotifications, messageRecipients, peopleByIdOrEmail } from './people-repository.js';
import { actorEmail, entryUserId, mentionedIds, summarizeResponders } from './people.js';

type Status = 'triggered' | 'acknowledged' | 'resolved';

export async function listAlerts(ctx: Ctx, q: Omit<AlertQuery, 'before'> & { before?: number; limit: number }): Promise<AlertPage> {
  requireRole(ctx.actor, 'viewer');
  const statuses = q.status
    ? [...new Set(q.status.split(',').flatMap((s): Status[] => (s === 'open' ? ['triggered', 'acknowledged'] : [s as Status])))]
    : undefined;
  const mine = q.mine === 'true' ? { userId: ctx.actor.userId, teamIds: ctx.actor.teamIds } : undefined;
  const rows = await listAlertRows(ctx.db, { statuses, serviceId: q.serviceId, urgency: q.urgency, before: q.before, limit: q.limit, mine });
  const items = rows.map(toAlert);
  return { items, nextBefore: items.length === q.limit ? (items.at(-1)?.number ?? null) : null };
}

export async function getAlert(ctx: Ctx, id: string): Promise<AlertDetail> {
  requireRole(ctx.actor, 'viewer');
  const row = await findAlertWithService(ctx.db, id);
  if (!row) throw notFound('Alert', id);
  const log = (await readLog(ctx.db, id)).map(toLogEntry);
  const named = await namePeople(ctx, id, log, [row.acknowledged_by, row.resolved_by]);
  return { ...toAlert(row), ...named, runbookUrl: row.runbook_url, runbookMarkdown: row.runbook_markdown };
}

/** Names for everyone the log mentions, the person each entry is about, and who is on the alert. */
async function namePeople(ctx: Ctx, alertId: string, log: AlertLogEntry[], actors: (string | null)[]) {
  const { userIds, messageIds } = mentionedIds(log);
  const [recipients, notifications] = await Promise.all([messageRecipients(ctx.db, messageIds), alertNotifications(ctx.db, alertId)]);
  const withPerson = log.map((e) => ({ ...e, userId: entryUserId(e, recipients) }));
  const emails = [...log.map((e) => e.actor), ...actors].map(actorEmail).filter((e): e is string => e !== null);
  const ids = [...userIds, ...recipients.values(), ...notifications.map((n) => n.user_id)];
  const people = (await peopleByIdOrEmail(ctx.db, ids, emails)).map((p) => ({ id: p.id, name: p.name, email: p.email, timeZone: p.time_zone }));
  return { log: withPerson, people, responders: summarizeResponders(notifications, withPerson, people, ctx.clock.now()) };
}

/** People acknowledging or resolving from the UI, the API or the CLI. */
export async function actOnAlert(ctx: Ctx, id: string, action: Exclude<Transition, 'retrigger'>): Promise<AlertDetail> {
  requireRole(ctx.actor, 'responder');
  if (!(await findAlertWithService(ctx.db, id))) throw notFound('Alert', id);
  await transitionAlert(ctx, id, action, ctx.actor.kind === 'api_key' ? 'api' : 'web');
  return getAlert(ctx, id);
}

/** Move an escalation to its next step now, or start paging again for a triggered alert. */
export async function escalateAlertNow(ctx: Ctx, id: string): Promise<AlertDetail> {
  requireRole(ctx.actor, 'responder');
  const alert = await findAlertWithService(ctx.db, id);
  if (!alert) throw notFound('Alert', id);
  if (alert.status === 'resolved') throw conflict('The alert is resolved');
  const now = ctx.clock.now();
  // Someone wants more hands: an acknowledged alert goes back to triggered so the step pages.
  if (alert.status === 'acknowledged') await transitionAlert(ctx, id, 'retrigger', ctx.actor.kind === 'api_key' ? 'api' : 'web');
  if (!(await escalateNow(ctx.db, id, now)) && !(await restartDirectPage(ctx.db, id, now))) {
    const policy = await serviceEscalationPolicy(ctx.db, alert.service_id);
    if (!policy) throw conflict('The service has no escalation policy');
    await startEscalation(ctx.db, id, policy, now);
  }
  await appendLog(ctx.db, [{ alertId: id, at: now, event: 'escalate_now', actor: ctx.actor.label }]);
  return getAlert(ctx, id);
}

/** "Page this service": a person raises an alert by hand. */
export async function raiseAlert(
  ctx: Ctx,
  input: { serviceId: string; summary: string; urgency: 'high' | 'low'; details?: Record<string, unknown>; userIds?: string[] },
) {
  requireRole(ctx.actor, 'responder');
  if (!(await serviceExists(ctx.db, input.serviceId))) throw invalid([{ field: 'serviceId', message: 'No such service' }]);
  const userIds = input.userIds ? [...new Set(input.userIds)] : undefined;
  if (userIds) {
    const known = await existingUserIds(ctx.db, userIds);
    const missing = input.userIds!.flatMap((id, i) => (known.has(id) ? [] : [{ field: `userIds.${i}`, message: 'No such user' }]));
    if (missing.length) throw invalid(missing);
  }
  const r = await triggerAlert(ctx, {
    serviceId: input.serviceId,
    integrationId: null,
    directTargets: userIds?.map((userId) => ({ type: 'user' as const, userId })),
    event: { action: 'trigger', dedupKey: null, summary: input.summary, source: ctx.actor.label, severity: null, urgency: input.urgency, details: input.details ?? {}, links: [] },
  });
  return getAlert(ctx, r.alertId);
}
