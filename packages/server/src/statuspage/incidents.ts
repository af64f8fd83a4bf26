import { PUBLIC_INCIDENT_STATUSES, MAINTENANCE_STATUSES, type ComponentStatus, type CreatePublicIncident, type PostPublicUpdate, type PublicIncident, type UpdatePublicIncident } from '@operable/shared';
import type { z } from 'zod';
import { recordAudit } from '../audit/index.js';
import { requireRole } from '../lib/authorize.js';
import type { Ctx } from '../lib/context.js';
import { invalid, notFound } from '../lib/errors.js';
import { toIncident } from './map.js';
import {
  bumpVersion,
  deleteIncidentRow,
  findComponents,
  findIncidents,
  insertIncident,
  insertUpdate,
  readSettings,
  updateComponentRow,
  updateIncidentRow,
  type IncidentFilter,
} from './repository.js';
import { checkInternalLink } from './proposals.js';
import { settleStatuses } from './settle.js';

const CLOSED = new Set(['resolved', 'postmortem', 'completed']);

export async function listPublicIncidents(ctx: Ctx, filter: IncidentFilter = {}): Promise<PublicIncident[]> {
  requireRole(ctx.actor, 'viewer');
  return (await findIncidents(ctx.db, { limit: 200, ...filter })).map(toIncident);
}

export async function getPublicIncident(ctx: Ctx, id: string): Promise<PublicIncident> {
  requireRole(ctx.actor, 'viewer');
  const [row] = await findIncidents(ctx.db, { id });
  if (!row) throw notFound('Incident', id);
  return toIncident(row);
}

/**
 * Opens a public incident or schedules maintenance, with its first update. Any
 * responder may speak for the page: nothing is published without a person posting it.
 */
export async function createPublicIncident(ctx: Ctx, input: CreatePublicIncident): Promise<PublicIncident> {
  requireRole(ctx.actor, 'responder');
  const now = ctx.clock.now();
  await bumpVersion(ctx.db, now);
  const componentIds = await checkComponents(ctx, input.componentIds, input.componentStatuses);
  if (input.kind === 'incident') await checkInternalLink(ctx, input.internalIncidentId);
  let status: string;
  if (input.kind === 'maintenance') {
    if (Date.parse(input.scheduledUntil) <= Date.parse(input.scheduledFor)) throw invalid([{ field: 'scheduledUntil', message: 'Must come after the start time (scheduledFor)' }]);
    status = 'scheduled';
  } else {
    status = input.status;
  }
  const id = await insertIncident(ctx.db, {
    kind: input.kind,
    name: input.name,
    status,
    impact: input.kind === 'maintenance' ? 'maintenance' : input.impact,
    component_ids: componentIds,
    internal_incident_id: input.kind === 'incident' ? (input.internalIncidentId ?? null) : null,
    next_update_at: input.nextUpdateAt && !CLOSED.has(status) ? input.nextUpdateAt : null,
    started_at: now,
    monitoring_at: status === 'monitoring' ? now : null,
    resolved_at: CLOSED.has(status) ? now : null,
    scheduled_for: input.kind === 'maintenance' ? input.scheduledFor : null,
    scheduled_until: input.kind === 'maintenance' ? input.scheduledUntil : null,
    auto_transition: input.kind === 'maintenance' ? input.autoTransition : true,
    created_at: now,
    updated_at: now,
  });
  await writeUpdate(ctx, id, status, input, now);
  const after = await getPublicIncident(ctx, id);
  await recordAudit(ctx, { action: `statuspage.${input.kind}.create`, entityType: 'statuspage_incident', entityId: id, after });
  ctx.log.event('STATUSPAGE_CHANGED', { what: input.kind, id });
  return after;
}

/** A new update on the timeline: its status, text, component statuses and the next update time. */
export async function postPublicUpdate(ctx: Ctx, id: string, input: PostPublicUpdate): Promise<PublicIncident> {
  requireRole(ctx.actor, 'responder');
  const now = ctx.clock.now();
  await bumpVersion(ctx.db, now);
  const before = await getPublicIncident(ctx, id);
  const allowed: readonly string[] = before.kind === 'incident' ? PUBLIC_INCIDENT_STATUSES : MAINTENANCE_STATUSES;
  if (!allowed.includes(input.status)) throw invalid([{ field: 'status', message: `A${before.kind === 'incident' ? 'n incident' : ' maintenance'} takes ${allowed.join(', ')}` }]);
  await checkComponents(ctx, [], input.componentStatuses);
  await updateIncidentRow(ctx.db, id, {
    status: input.status,
    monitoring_at: input.status === 'monitoring' && !before.monitoringAt ? now : undefined,
    resolved_at: CLOSED.has(input.status) ? (before.resolvedAt ?? now) : null,
    next_update_at: CLOSED.has(input.status) ? null : input.nextUpdateAt,
    component_ids: [...new Set([...before.componentIds, ...Object.keys(input.componentStatuses ?? {})])],
    updated_at: now,
  });
  await writeUpdate(ctx, id, input.status, input, now);
  const after = await getPublicIncident(ctx, id);
  await recordAudit(ctx, { action: `statuspage.${before.kind}.update_posted`, entityType: 'statuspage_incident', entityId: id, before: { status: before.status }, after: after.updates[0] });
  ctx.log.event('STATUSPAGE_CHANGED', { what: `${before.kind} update`, id });
  return after;
}

export async function updatePublicIncident(ctx: Ctx, id: string, patch: z.output<typeof UpdatePublicIncident>): Promise<PublicIncident> {
  requireRole(ctx.actor, 'responder');
  const now = ctx.clock.now();
  await bumpVersion(ctx.db, now);
  const before = await getPublicIncident(ctx, id);
  if (before.kind === 'incident' && (patch.scheduledFor || patch.scheduledUntil || patch.autoTransition !== undefined)) {
    const field = patch.scheduledFor ? 'scheduledFor' : patch.scheduledUntil ? 'scheduledUntil' : 'autoTransition';
    throw invalid([{ field, message: 'Only scheduled maintenance has this' }]);
  }
  if (before.kind === 'maintenance' && patch.impact) throw invalid([{ field: 'impact', message: 'Maintenance has impact maintenance' }]);
  if (before.kind === 'maintenance' && patch.internalIncidentId) throw invalid([{ field: 'internalIncidentId', message: 'Only incidents link to internal incidents' }]);
  await checkInternalLink(ctx, patch.internalIncidentId);
  const from = patch.scheduledFor ?? before.scheduledFor;
  const until = patch.scheduledUntil ?? before.scheduledUntil;
  if (from && until && Date.parse(until) <= Date.parse(from)) throw invalid([{ field: 'scheduledUntil', message: 'Must come after the start time (scheduledFor)' }]);
  if (patch.componentIds) await checkComponents(ctx, patch.componentIds, undefined);
  await updateIncidentRow(ctx.db, id, {
    name: patch.name,
    impact: patch.impact,
    component_ids: patch.componentIds,
    next_update_at: patch.nextUpdateAt,
    scheduled_for: patch.scheduledFor,
    scheduled_until: patch.scheduledUntil,
    auto_transition: patch.autoTransition,
    internal_incident_id: patch.internalIncidentId,
    updated_at: now,
  });
  await settle(ctx, now);
  const after = await getPublicIncident(ctx, id);
  await recordAudit(ctx, { action: `statuspage.${before.kind}.edit`, entityType: 'statuspage_incident', entityId: id, before: { ...before, updates: undefined }, after: { ...after, updates: undefined } });
  ctx.log.event('STATUSPAGE_CHANGED', { what: before.kind, id });
  return after;
}

export async function deletePublicIncident(ctx: Ctx, id: string): Promise<void> {
  requireRole(ctx.actor, 'admin');
  const now = ctx.clock.now();
  await bumpVersion(ctx.db, now);
  const before = await getPublicIncident(ctx, id);
  await deleteIncidentRow(ctx.db, id);
  await settle(ctx, now);
  await recordAudit(ctx, { action: `statuspage.${before.kind}.delete`, entityType: 'statuspage_incident', entityId: id, before });
  ctx.log.event('STATUSPAGE_CHANGED', { what: before.kind, id });
}

/** Components must exist and not be groups; returns the incident's component list (those given statuses included). */
async function checkComponents(ctx: Ctx, ids: string[], statuses: Record<string, ComponentStatus> | undefined): Promise<string[]> {
  const all = [...new Set([...ids, ...Object.keys(statuses ?? {})])];
  const found = new Map((await findComponents(ctx.db, all)).map((c) => [c.id, c]));
  const check = (id: string, field: string) => {
    const c = found.get(id);
    if (!c) throw invalid([{ field, message: 'No such component' }]);
    if (c.is_group) throw invalid([{ field, message: 'A group shows its members; name the components' }]);
  };
  ids.forEach((id, i) => check(id, `componentIds.${i}`));
  for (const id of Object.keys(statuses ?? {})) check(id, `componentStatuses.${id}`);
  return all;
}

/**
 * The update row, with the component statuses it sets by hand. Closing an incident
 * without naming statuses gives its components back to what they follow, unless
 * another open incident or maintenance still holds them.
 */
async function writeUpdate(ctx: Ctx, incidentId: string, status: string, input: { body: string; componentStatuses?: Record<string, ComponentStatus>; deliverNotifications?: boolean }, now: Date) {
  const [incident] = await findIncidents(ctx.db, { id: incidentId });
  const before = new Map((await findComponents(ctx.db, incident!.component_ids)).map((c) => [c.id, c]));
  const manual = new Map<string, ComponentStatus | null>(Object.entries(input.componentStatuses ?? {}));
  if (CLOSED.has(status) && !input.componentStatuses) {
    const stillHeld = new Set((await findIncidents(ctx.db, { open: true })).filter((i) => i.id !== incidentId).flatMap((i) => i.component_ids));
    for (const id of incident!.component_ids) if (!stillHeld.has(id) && before.get(id)?.manual_status) manual.set(id, null);
  }
  for (const [id, s] of manual) await updateComponentRow(ctx.db, id, { manual_status: s, updated_at: now });
  await settle(ctx, now);
  const after = new Map((await findComponents(ctx.db, [...manual.keys()])).map((c) => [c.id, c]));
  const affected = [...manual.keys()].map((id) => ({
    code: id,
    name: before.get(id)!.name,
    old_status: before.get(id)!.status,
    new_status: after.get(id)!.status,
  }));
  await insertUpdate(ctx.db, {
    incident_id: incidentId,
    status,
    body: input.body,
    affected_components: JSON.stringify(affected),
    deliver_notifications: input.deliverNotifications ?? true,
    // Nothing to send: the fan-out never looks at it.
    fanned_out_at: input.deliverNotifications === false ? now : null,
    display_at: now,
    created_by: ctx.actor.label,
    created_at: now,
    updated_at: now,
  });
}

async function settle(ctx: Ctx, now: Date) {
  await settleStatuses(ctx.db, now, (await readSettings(ctx.db)).time_zone);
}
