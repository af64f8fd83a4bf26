import type { IncidentDetail, IncidentList, IncidentQuery } from '@operable/shared';
import type { z } from 'zod';
import { requireRole } from '../lib/authorize.js';
import type { Ctx } from '../lib/context.js';
import { canEditIncident, loadIncident } from './access.js';
import { checklistOf, updatesOf } from './extras-repository.js';
import { alertsOf, listIncidentRows, readTimeline } from './repository.js';
import { rolesOf } from './roles-repository.js';
import { toIncidents, toRole, toTimelineEntry, toUpdate } from './views.js';

export async function listIncidents(ctx: Ctx, q: z.output<typeof IncidentQuery>): Promise<IncidentList> {
  requireRole(ctx.actor, 'viewer');
  const statuses = q.status
    ? [...new Set(q.status.split(',').flatMap((s) => (s === 'open' ? ['investigating', 'identified', 'monitoring'] : [s])))]
    : undefined;
  const rows = await listIncidentRows(ctx.db, { statuses, serviceId: q.serviceId, drill: q.drill === undefined ? undefined : q.drill === 'true', before: q.before, limit: q.limit });
  const items = await toIncidents(ctx.db, rows, ctx.clock.now());
  return { items, nextBefore: items.length === q.limit ? (items.at(-1)?.number ?? null) : null };
}

/** Everything the incident page shows, in one answer. */
export async function getIncident(ctx: Ctx, ref: string): Promise<IncidentDetail> {
  const row = await loadIncident(ctx, ref);
  const [incident] = await toIncidents(ctx.db, [row], ctx.clock.now());
  const [alerts, checklist, updates, history, timeline, canEdit] = await Promise.all([
    alertsOf(ctx.db, row.id),
    checklistOf(ctx.db, row.id),
    updatesOf(ctx.db, row.id),
    rolesOf(ctx.db, [row.id], false),
    readTimeline(ctx.db, row.id),
    canEditIncident(ctx, row),
  ]);
  return {
    ...incident!,
    alerts: alerts.map((a) => ({
      id: a.id,
      number: Number(a.number),
      summary: a.summary,
      status: a.status,
      serviceId: a.service_id,
      serviceName: a.service_name,
      kind: a.kind,
      linkedAt: a.linked_at.toISOString(),
    })),
    checklist: checklist.map((c) => ({
      id: c.id,
      position: c.position,
      text: c.text,
      serviceId: c.service_id,
      doneAt: c.done_at?.toISOString() ?? null,
      doneBy: c.done_by && c.done_by_name ? { id: c.done_by, name: c.done_by_name } : null,
    })),
    updates: updates.map(toUpdate),
    roleHistory: history.map(toRole),
    timeline: timeline.map(toTimelineEntry),
    canEdit,
  };
}
