import type { PagingPreview } from '@operable/shared';
import { serviceMaintenanceAt } from '../alerts/index.js';
import { userNames } from '../auth/index.js';
import { loadPolicySteps } from '../escalation/index.js';
import { requireRole } from '../lib/authorize.js';
import type { Ctx } from '../lib/context.js';
import { notFound } from '../lib/errors.js';
import { notificationPlan } from '../notify/index.js';
import { policyName, scheduleNames, servicePolicy } from './preview-repository.js';
import { resolveTargets } from './targets.js';

type Urgency = 'high' | 'low';

/**
 * Who paging a service would reach if sent now, step by step: the same target
 * resolution the escalate module runs when a step fires (schedules ask the on-call
 * calculator, at the moment each step would fire) and the same per-person
 * notification plan, so the preview and the page never disagree.
 */
export async function previewServicePage(ctx: Ctx, serviceId: string, urgency: Urgency): Promise<PagingPreview> {
  requireRole(ctx.actor, 'viewer');
  const service = await servicePolicy(ctx.db, serviceId);
  if (!service) throw notFound('Service', serviceId);
  // The trigger plan's first rule: a maintenance window records the alert and pages nobody.
  const maintenance = await serviceMaintenanceAt(ctx.db, serviceId, ctx.clock.now());
  const silenced = maintenance ? `The service is in maintenance (${maintenance.name}) until ${maintenance.endsAt.toISOString().slice(11, 16)} UTC: the alert is recorded and nobody is paged.` : null;
  if (!service.policyId) return { policy: null, steps: [], firstReached: [], reachesAnyone: false, reason: silenced ?? 'The service has no escalation policy.' };
  const p = await preview(ctx, service.policyId, urgency);
  return silenced ? { ...p, firstReached: [], reachesAnyone: false, reason: silenced } : p;
}

/** Who a policy would reach if it fired now (for the policy's and services' pages). */
export async function previewPolicyReach(ctx: Ctx, policyId: string, urgency: Urgency): Promise<PagingPreview> {
  requireRole(ctx.actor, 'viewer');
  if (!(await policyName(ctx.db, policyId))) throw notFound('Escalation policy', policyId);
  return preview(ctx, policyId, urgency);
}

async function preview(ctx: Ctx, policyId: string, urgency: Urgency): Promise<PagingPreview> {
  const [name, policy] = await Promise.all([policyName(ctx.db, policyId), loadPolicySteps(ctx.db, policyId)]);
  const now = ctx.clock.now().getTime();
  const steps: PagingPreview['steps'] = [];
  const vias = new Map<string, string>();
  let offset = 0;
  const resolved = [];
  for (const step of policy?.steps ?? []) {
    const targets = await resolveTargets(ctx.db, step.targets, new Date(now + offset * 60_000));
    resolved.push({ step, targets, startsAfterMinutes: offset });
    offset += step.delayMinutes;
  }
  const allIds = resolved.flatMap((r) => r.targets.userIds);
  const [names, schedules] = await Promise.all([userNames(ctx.db, allIds), scheduleNames(ctx.db, resolved.flatMap((r) => r.targets.onCall.map((o) => o.scheduleId)))]);
  const reachable = new Map<string, boolean>();
  for (const id of new Set(allIds)) reachable.set(id, (await notificationPlan(ctx.db, id, urgency)).length > 0);
  for (const r of resolved) {
    for (const o of r.targets.onCall) if (!vias.has(`${r.step.position}:${o.userId}`)) vias.set(`${r.step.position}:${o.userId}`, `${schedules.get(o.scheduleId) ?? 'a schedule'} (${o.role})`);
    steps.push({
      position: r.step.position,
      startsAfterMinutes: r.startsAfterMinutes,
      people: r.targets.userIds.map((id) => ({ id, name: names.get(id) ?? 'A removed person', reachable: reachable.get(id) ?? false, via: vias.get(`${r.step.position}:${id}`) ?? null })),
      webhooks: r.targets.webhooks.length,
    });
  }
  const first = steps.find((s) => s.webhooks > 0 || s.people.some((p) => p.reachable));
  const reachesAnyone = Boolean(first);
  const reason = reachesAnyone
    ? null
    : !steps.length
      ? 'The escalation policy has no steps.'
      : steps.every((s) => !s.people.length)
        ? 'Nobody is on call for any step of the escalation policy.'
        : 'Nobody the escalation policy names has a verified contact method with a notification rule.';
  return { policy: { id: policyId, name: name ?? '' }, steps, firstReached: first?.people.filter((p) => p.reachable) ?? [], reachesAnyone, reason };
}
