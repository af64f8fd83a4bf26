import type { DeclareIncident, IncidentDetail } from '@operable/shared';
import { severityName } from '@operable/shared';
import type { z } from 'zod';
import { existingUserIds, userNames } from '../auth/index.js';
import { requireRole } from '../lib/authorize.js';
import type { Ctx } from '../lib/context.js';
import { invalid } from '../lib/errors.js';
import { learnName, recordChange, writeEntry, who } from './access.js';
import { insertChecklistItems, severityDefinitions } from './extras-repository.js';
import { mirrorAlertLogs } from './mirror.js';
import { getIncident } from './read.js';
import { addServices, findAlerts, findServicesById, insertIncident, linkAlerts } from './repository.js';
import { insertRole } from './roles-repository.js';
import { nextUpdateDue, parseChecklist } from './rules.js';

type Input = z.output<typeof DeclareIncident>;

/**
 * Declare an incident from alerts, by hand, or both. Any responder may declare (a
 * problem is often noticed by someone outside the owning team). The alerts' services
 * join it, plus those named; the services' runbook checklists are copied in; the
 * declarer (or the named person) becomes commander; the alerts' logs so far enter
 * the timeline (their trigger marks "detected"). One transaction, one audit row.
 */
export async function declareIncident(ctx: Ctx, input: Input): Promise<IncidentDetail> {
  requireRole(ctx.actor, 'responder');
  await learnName(ctx);
  const alertIds = [...new Set(input.alertIds)];
  const alerts = await findAlerts(ctx.db, alertIds);
  const badAlerts = input.alertIds.flatMap((id, i) => (alerts.some((a) => a.id === id) ? [] : [{ field: `alertIds.${i}`, message: 'No such alert' }]));
  const services = await findServicesById(ctx.db, input.serviceIds);
  const badServices = input.serviceIds.flatMap((id, i) => (services.some((s) => s.id === id) ? [] : [{ field: `serviceIds.${i}`, message: 'No such service' }]));
  const commanderId = input.commanderId ?? ctx.actor.userId;
  const badCommander = input.commanderId && !(await existingUserIds(ctx.db, [input.commanderId])).has(input.commanderId) ? [{ field: 'commanderId', message: 'No such user' }] : [];
  if (badAlerts.length || badServices.length || badCommander.length) throw invalid([...badAlerts, ...badServices, ...badCommander]);

  const now = ctx.clock.now();
  const defaults = await severityDefinitions(ctx.db);
  const incident = await insertIncident(ctx.db, {
    title: input.title,
    severity: input.severity,
    status: 'investigating',
    drill: input.drill,
    summary: input.summary,
    war_room_url: input.warRoomUrl ?? null,
    // The first update is due as any other: the severity's default after declaring.
    next_update_at: nextUpdateDue(now, defaults.find((d) => d.level === input.severity)?.default_update_minutes ?? null, undefined),
    declared_at: now,
    created_by: ctx.actor.userId,
    created_at: now,
    updated_at: now,
  });
  const fromAlerts = [...new Set(alerts.map((a) => a.service_id))];
  await recordChange(
    ctx,
    incident,
    {
      kind: 'declared',
      text: `${who(ctx)} declared ${input.drill ? 'a DRILL: ' : ''}${severityName(input.severity)} incident #${incident.number}: ${input.title}`,
      data: { severity: input.severity, status: 'investigating', drill: input.drill, alertIds, serviceIds: [...new Set([...fromAlerts, ...input.serviceIds])] },
      keyMoment: alerts.length ? undefined : 'detected',
    },
    { action: 'incident.declare', after: { number: incident.number, title: input.title, severity: input.severity, drill: input.drill, alertIds, serviceIds: input.serviceIds } },
  );

  await linkAlerts(ctx.db, incident.id, alertIds, 'linked', ctx.actor.userId, now);
  await addServices(ctx.db, incident.id, fromAlerts, 'alert', now);
  await addServices(ctx.db, incident.id, input.serviceIds, 'manual', now);
  for (const a of alerts) {
    await writeEntry(ctx, incident.id, { kind: 'alert_linked', text: `Alert #${a.number} linked: ${a.summary}`, data: { alertId: a.id, alertNumber: Number(a.number), summary: a.summary } });
  }
  await mirrorAlertLogs(ctx.db, ctx.clock, { incidentId: incident.id });

  const allServices = await findServicesById(ctx.db, [...new Set([...fromAlerts, ...input.serviceIds])]);
  const items = allServices
    .sort((a, b) => a.name.localeCompare(b.name))
    .flatMap((s) => parseChecklist(s.runbook_markdown).map((text) => ({ text, service_id: s.id })));
  await insertChecklistItems(ctx.db, items.map((item, position) => ({ incident_id: incident.id, position, ...item })));

  if (commanderId) {
    const names = await userNames(ctx.db, [commanderId]);
    await insertRole(ctx.db, { incident_id: incident.id, role: 'commander', user_id: commanderId, assigned_at: now, assigned_by: ctx.actor.userId });
    await writeEntry(ctx, incident.id, {
      kind: 'role_assigned',
      text: commanderId === ctx.actor.userId ? `${who(ctx)} is incident commander` : `${who(ctx)} made ${names.get(commanderId)} incident commander`,
      data: { role: 'commander', userId: commanderId, name: names.get(commanderId) },
    });
  }
  ctx.log.event('INCIDENT_DECLARED', { incidentId: incident.id, number: incident.number, severity: input.severity, drill: input.drill });
  return getIncident(ctx, incident.id);
}
