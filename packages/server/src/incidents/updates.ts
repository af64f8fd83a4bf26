import { randomUUID } from 'node:crypto';
import type { IncidentUpdate, PostUpdate } from '@operable/shared';
import { severityName } from '@operable/shared';
import type { z } from 'zod';
import { SYSTEM_ACTOR, type Ctx } from '../lib/context.js';
import { transitionAlert } from '../alerts/index.js';
import { enqueueMessage } from '../notify/index.js';
import { invalid } from '../lib/errors.js';
import { incidentLabel, loadForChange, recordChange, who } from './access.js';
import { changeSeverity, changeStatus } from './change.js';
import { insertUpdate, severityDefinitions, subscribersFor, templates } from './extras-repository.js';
import { openReminderAlerts, servicesOf, updateIncidentRow, type IncidentRow } from './repository.js';
import { fillTemplate, nextUpdateDue } from './rules.js';
import { toUpdate } from './views.js';

/**
 * A status update: markdown (typed or from an admin's template), optionally with a
 * new status or severity, and the time the next one is due (the severity's default,
 * 30 min for SEV1–2, unless set). Posting it answers any open reminder page, and
 * subscribers hear of it by email, webhook or Slack (never a page).
 */
export async function postUpdate(ctx: Ctx, ref: string, input: z.output<typeof PostUpdate>): Promise<IncidentUpdate> {
  let incident = await loadForChange(ctx, ref);
  if (input.severity !== undefined) incident = await changeSeverity(ctx, incident, input.severity);
  if (input.status !== undefined) incident = await changeStatus(ctx, incident, input.status);
  const now = ctx.clock.now();
  const defaults = await severityDefinitions(ctx.db);
  const resolved = incident.status === 'resolved';
  const nextUpdateAt = resolved ? null : nextUpdateDue(now, defaults.find((d) => d.level === incident.severity)?.default_update_minutes ?? null, input.nextUpdateInMinutes);
  const services = await servicesOf(ctx.db, [incident.id]);
  let body = input.body;
  if (!body) {
    if (!input.templateId) throw invalid([{ field: 'body', message: 'Write the update or pick a template' }]);
    const [template] = await templates(ctx.db, input.templateId);
    if (!template) throw invalid([{ field: 'templateId', message: 'No such template' }]);
    body = fillTemplate(template.body, {
      title: incident.title,
      number: `#${incident.number}`,
      severity: severityName(incident.severity),
      status: incident.status,
      services: services.map((s) => s.name).join(', ') || 'none named',
      next_update: nextUpdateAt ? `${nextUpdateAt.toISOString().slice(11, 16)} UTC` : 'when there is news',
    });
  }
  if (incident.drill && !/^\s*\**\[?DRILL/i.test(body)) body = `**[DRILL]** ${body}`;
  const update = await insertUpdate(ctx.db, {
    incident_id: incident.id,
    at: now,
    author_id: ctx.actor.userId,
    author_label: who(ctx),
    status: incident.status,
    severity: incident.severity,
    body,
    template_id: input.templateId ?? null,
    next_update_at: nextUpdateAt,
  });
  incident = await updateIncidentRow(ctx.db, incident.id, { next_update_at: nextUpdateAt, updated_at: now });
  await recordChange(
    ctx,
    incident,
    { kind: 'update_posted', text: body, data: { updateId: update.id, nextUpdateAt: nextUpdateAt?.toISOString() ?? null, status: incident.status, severity: incident.severity } },
    { action: 'incident.post_update', after: { updateId: update.id, nextUpdateAt } },
  );
  // The reminder asked for exactly this: its page is done.
  const system = { ...ctx, actor: { ...SYSTEM_ACTOR, label: `${who(ctx)} (update posted)` } };
  for (const alertId of await openReminderAlerts(ctx.db, incident.id)) await transitionAlert(system, alertId, 'resolve', 'incident', 'alone');
  await notifySubscribers(ctx, incident, body, nextUpdateAt, services.map((s) => s.id));
  return toUpdate(update);
}

async function notifySubscribers(ctx: Ctx, incident: IncidentRow, body: string, nextUpdateAt: Date | null, serviceIds: string[]) {
  const subscribers = await subscribersFor(ctx.db, incident.id, serviceIds);
  const title = `${incidentLabel(incident)} ${severityName(incident.severity)} ${incident.status}: ${incident.title}`;
  const text = `${body}\n\n${nextUpdateAt ? `Next update by ${nextUpdateAt.toISOString().slice(0, 16).replace('T', ' ')} UTC.` : 'No further update is planned.'}\n${ctx.settings.publicUrl}/incidents/${incident.number}`;
  const now = ctx.clock.now();
  // One message per address, however many subscriptions (incident and service) name it.
  const seen = new Set<string>();
  for (const s of subscribers) {
    if (seen.has(`${s.channel}:${s.address}`)) continue;
    seen.add(`${s.channel}:${s.address}`);
    const id = randomUUID();
    await enqueueMessage(ctx.db, {
      target: { type: s.channel, address: s.address, ...(s.secret ? { secret: s.secret } : {}) },
      message: { id, kind: 'notice', title, text, urgency: 'low', alerts: [], actions: { open: `${ctx.settings.publicUrl}/incidents/${incident.number}` }, traceId: ctx.requestId },
      traceId: ctx.requestId,
      now,
    });
  }
}
