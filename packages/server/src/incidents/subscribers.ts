import { randomBytes } from 'node:crypto';
import type { IncidentSubscriber, SubscribeInput } from '@operable/shared';
import type { z } from 'zod';
import { recordAudit } from '../audit/index.js';
import { destinationProblem, validateTarget } from '../notify/index.js';
import { requireRole } from '../lib/authorize.js';
import type { Ctx } from '../lib/context.js';
import { forbidden, invalid, notFound } from '../lib/errors.js';
import { learnName, loadIncident, recordChange, who } from './access.js';
import { deleteSubscriberRow, findSubscriber, insertSubscriber, subscribersFor } from './extras-repository.js';
import { findServicesById } from './repository.js';

/**
 * Internal stakeholders follow an incident, or every incident of a service, by
 * email, signed webhook or Slack incoming webhook. Anyone signed in may subscribe
 * (viewers are the stakeholders); URLs must pass the outbound address policy.
 */
export async function subscribe(ctx: Ctx, scope: { incidentRef?: string; serviceId?: string }, input: z.output<typeof SubscribeInput>): Promise<IncidentSubscriber & { secret: string | null }> {
  requireRole(ctx.actor, 'viewer');
  if (!ctx.actor.userId) throw forbidden('Subscribe as a person');
  const problem = validateTarget(input.channel, input.address);
  if (problem) throw invalid([{ field: 'address', message: problem }]);
  const refused = await destinationProblem(ctx.settings.outbound, input.channel, input.address);
  if (refused) throw invalid([{ field: 'address', message: refused.message }]);
  const incident = scope.incidentRef ? await loadIncident(ctx, scope.incidentRef) : undefined;
  await learnName(ctx);
  if (scope.serviceId && !(await findServicesById(ctx.db, [scope.serviceId])).length) throw notFound('Service', scope.serviceId);
  const secret = input.channel === 'webhook' ? randomBytes(24).toString('base64url') : null;
  const row = await insertSubscriber(ctx.db, {
    incident_id: incident?.id ?? null,
    service_id: incident ? null : scope.serviceId!,
    channel: input.channel,
    address: input.address,
    secret,
    created_at: ctx.clock.now(),
    created_by: ctx.actor.userId,
  });
  const view = toSubscriber(ctx, row);
  if (incident) {
    await recordChange(ctx, incident, { kind: 'subscriber_added', text: `${who(ctx)} subscribed to updates by ${input.channel}`, data: { subscriberId: row.id, channel: input.channel } }, { action: 'incident.subscribe', after: view });
  } else {
    await recordAudit(ctx, { action: 'incident.subscribe_service', entityType: 'service', entityId: scope.serviceId!, after: view });
  }
  return { ...view, secret };
}

export async function listSubscribers(ctx: Ctx, incidentRef: string): Promise<IncidentSubscriber[]> {
  const incident = await loadIncident(ctx, incidentRef);
  return (await subscribersFor(ctx.db, incident.id, [])).map((r) => toSubscriber(ctx, r));
}

/** The subscriber themself, or an admin. */
export async function unsubscribe(ctx: Ctx, id: string): Promise<void> {
  requireRole(ctx.actor, 'viewer');
  const row = await findSubscriber(ctx.db, id);
  if (!row) throw notFound('Subscription', id);
  if (ctx.actor.role !== 'admin' && row.created_by !== ctx.actor.userId) throw forbidden('Only who subscribed, or an admin, may unsubscribe');
  await deleteSubscriberRow(ctx.db, id);
  await recordAudit(ctx, { action: 'incident.unsubscribe', entityType: 'incident_subscriber', entityId: id, before: toSubscriber(ctx, row) });
}

type SubscriberRow = { id: string; incident_id: string | null; service_id: string | null; channel: 'email' | 'webhook' | 'slack'; address: string; created_at: Date; created_by: string | null };
function toSubscriber(ctx: Ctx, r: SubscriberRow): IncidentSubscriber {
  return {
    id: r.id,
    incidentId: r.incident_id,
    serviceId: r.service_id,
    channel: r.channel,
    address: r.channel === 'email' ? r.address : hideUrl(r.address),
    createdAt: r.created_at.toISOString(),
    canRemove: ctx.actor.role === 'admin' || (r.created_by !== null && r.created_by === ctx.actor.userId),
  };
}

/** Webhook and Slack URLs carry their secret in the path: show the host only. */
function hideUrl(url: string): string {
  try {
    const u = new URL(url);
    return `${u.protocol}//${u.host}/…`;
  } catch {
    return '…';
  }
}
