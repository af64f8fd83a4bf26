import type { AssignRole, IncidentDetail, IncidentRole } from '@operable/shared';
import type { z } from 'zod';
import { raiseAlert } from '../alerts/index.js';
import { userNames } from '../auth/index.js';
import type { Ctx } from '../lib/context.js';
import { conflict, invalid, notFound } from '../lib/errors.js';
import { incidentLabel, loadForChange, recordChange, who } from './access.js';
import { getIncident } from './read.js';
import { linkAlerts, servicesOf, type IncidentRow } from './repository.js';
import { currentHolders, endRole, insertRole, setRolePage } from './roles-repository.js';

const ROLE_NAMES: Record<IncidentRole, string> = { commander: 'incident commander', communicator: 'communicator', scribe: 'scribe', responder: 'a responder' };

/**
 * Put someone in a role. Commander, communicator and scribe have one holder: giving
 * the role to someone else is a hand-over, and the log says who handed to whom.
 * With `page`, the person is paged into the role through the normal paging path.
 */
export async function assignRole(ctx: Ctx, ref: string, input: z.output<typeof AssignRole>): Promise<IncidentDetail> {
  const incident = await loadForChange(ctx, ref);
  const names = await userNames(ctx.db, [input.userId]);
  const name = names.get(input.userId);
  if (!name) throw invalid([{ field: 'userId', message: 'No such user' }]);
  const now = ctx.clock.now();
  const current = await currentHolders(ctx.db, incident.id);
  const same = current.find((r) => r.role === input.role && r.userId === input.userId);
  let roleId = same?.id;
  if (!same) {
    const previous = input.role === 'responder' ? undefined : current.find((r) => r.role === input.role);
    const previousName = previous ? (await userNames(ctx.db, [previous.userId])).get(previous.userId) : undefined;
    if (previous) await endRole(ctx.db, previous.id, now, input.userId);
    roleId = (await insertRole(ctx.db, { incident_id: incident.id, role: input.role, user_id: input.userId, assigned_at: now, assigned_by: ctx.actor.userId })).id;
    const text = previous
      ? previous.userId === ctx.actor.userId
        ? `${who(ctx)} handed ${ROLE_NAMES[input.role]} to ${name}`
        : `${who(ctx)} handed ${ROLE_NAMES[input.role]} from ${previousName} to ${name}`
      : input.userId === ctx.actor.userId
        ? `${name} took the role of ${ROLE_NAMES[input.role]}`
        : `${who(ctx)} made ${name} ${ROLE_NAMES[input.role]}`;
    await recordChange(
      ctx,
      incident,
      { kind: 'role_assigned', text, data: { role: input.role, userId: input.userId, name, ...(previous ? { previousUserId: previous.userId, previousName } : {}) } },
      { action: previous ? 'incident.hand_over' : 'incident.assign_role', before: previous ? { role: input.role, userId: previous.userId } : undefined, after: { role: input.role, userId: input.userId } },
    );
  } else if (!input.page) {
    throw conflict(`${name} already holds this role`);
  }
  if (input.page) await pageIntoRole(ctx, incident, roleId!, input.role, input.userId, name);
  return getIncident(ctx, incident.id);
}

/**
 * A page through the alerts domain's own path (raiseAlert with the person as direct
 * target): their notification rules, acknowledgement, the ack timeout and escalate-now
 * apply as to any page. It goes through one of the incident's services; a drill's
 * page says DRILL in every channel because its summary does.
 */
async function pageIntoRole(ctx: Ctx, incident: IncidentRow, roleId: string, role: IncidentRole, userId: string, name: string) {
  const [service] = await servicesOf(ctx.db, [incident.id]);
  if (!service) throw conflict('The incident has no service to page through: add a service first', { fields: [{ field: 'page', message: 'The incident has no service' }] });
  const alert = await raiseAlert(ctx, {
    serviceId: service.id,
    summary: `${incidentLabel(incident)} needs you as ${ROLE_NAMES[role]}: ${incident.title}`,
    urgency: 'high',
    userIds: [userId],
    details: { incidentId: incident.id, incidentNumber: Number(incident.number), role, drill: incident.drill },
  });
  await linkAlerts(ctx.db, incident.id, [alert.id], 'page', ctx.actor.userId, ctx.clock.now());
  await setRolePage(ctx.db, roleId, alert.id);
  await recordChange(
    ctx,
    incident,
    { kind: 'paged', text: `${who(ctx)} paged ${name} as ${ROLE_NAMES[role]} (page #${alert.number})`, data: { role, userId, name, alertId: alert.id, alertNumber: alert.number } },
    { action: 'incident.page_role', after: { role, userId, alertId: alert.id } },
  );
}

export async function removeRole(ctx: Ctx, ref: string, input: { role: IncidentRole; userId: string }): Promise<IncidentDetail> {
  const incident = await loadForChange(ctx, ref);
  const holder = (await currentHolders(ctx.db, incident.id)).find((r) => r.role === input.role && r.userId === input.userId);
  if (!holder) throw notFound('Role holder');
  const name = (await userNames(ctx.db, [input.userId])).get(input.userId) ?? 'someone';
  await endRole(ctx.db, holder.id, ctx.clock.now(), null);
  await recordChange(
    ctx,
    incident,
    { kind: 'role_removed', text: `${who(ctx)} removed ${name} as ${ROLE_NAMES[input.role]}`, data: { role: input.role, userId: input.userId, name } },
    { action: 'incident.remove_role', before: { role: input.role, userId: input.userId } },
  );
  return getIncident(ctx, incident.id);
}

