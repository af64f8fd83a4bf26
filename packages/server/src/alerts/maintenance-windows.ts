import type { MaintenanceWindow as MaintenanceView, MaintenanceWindowInput } from '@operable/shared';
import { recordAudit } from '../audit/index.js';
import { requireRole } from '../lib/authorize.js';
import type { Actor, Ctx } from '../lib/context.js';
import { forbidden, invalid, notFound } from '../lib/errors.js';
import {
  deleteMaintenanceRow,
  findMaintenanceRows,
  insertMaintenanceRow,
  lockMaintenanceRow,
  servicesWithTeams,
  updateMaintenanceRow,
  windowOf,
  type MaintenanceWindowRow,
} from './maintenance-repository.js';
import { activeMaintenance, maintenanceEndsAt, MAX_DURATION_MINUTES, nextOccurrences } from './rules/index.js';

/** Upcoming occurrences a view lists. */
const NEXT_COUNT = 3;

export async function listMaintenanceWindows(ctx: Ctx, query: { serviceId?: string; ended?: boolean } = {}): Promise<MaintenanceView[]> {
  requireRole(ctx.actor, 'viewer');
  const now = ctx.clock.now();
  const rows = await findMaintenanceRows(ctx.db, { serviceId: query.serviceId, notEndedBefore: query.ended ? undefined : now });
  return toViews(ctx, rows, now);
}

export async function getMaintenanceWindow(ctx: Ctx, id: string): Promise<MaintenanceView> {
  requireRole(ctx.actor, 'viewer');
  const [row] = await findMaintenanceRows(ctx.db, { id });
  if (!row) throw notFound('Maintenance window', id);
  return (await toViews(ctx, [row], ctx.clock.now()))[0]!;
}

export async function createMaintenanceWindow(ctx: Ctx, input: MaintenanceWindowInput): Promise<MaintenanceView> {
  await requireMaintenanceEditor(ctx, input.serviceIds);
  const now = ctx.clock.now();
  const id = await insertMaintenanceRow(ctx.db, { ...toRow(input), created_at: now, created_by: ctx.actor.label, updated_at: now });
  const view = await getMaintenanceWindow(ctx, id);
  await recordAudit(ctx, { action: 'maintenance_window.create', entityType: 'maintenance_window', entityId: id, after: view });
  ctx.log.event('MAINTENANCE_CHANGED', { maintenanceWindowId: id, change: 'create' });
  return view;
}

/** Replaces the window whole; the editor needs rights over the services before and after. */
export async function updateMaintenanceWindow(ctx: Ctx, id: string, input: MaintenanceWindowInput): Promise<MaintenanceView> {
  requireRole(ctx.actor, 'responder');
  const row = await lockMaintenanceRow(ctx.db, id);
  if (!row) throw notFound('Maintenance window', id);
  await requireMaintenanceEditor(ctx, row.service_ids, 'stored');
  await requireMaintenanceEditor(ctx, input.serviceIds);
  const before = await getMaintenanceWindow(ctx, id);
  await updateMaintenanceRow(ctx.db, id, { ...toRow(input), updated_at: ctx.clock.now() });
  const after = await getMaintenanceWindow(ctx, id);
  await recordAudit(ctx, { action: 'maintenance_window.update', entityType: 'maintenance_window', entityId: id, before, after });
  ctx.log.event('MAINTENANCE_CHANGED', { maintenanceWindowId: id, change: 'update' });
  return after;
}

/** Ends a window early, or removes a planned one; alerts it suppressed stay as recorded. */
export async function deleteMaintenanceWindow(ctx: Ctx, id: string): Promise<void> {
  requireRole(ctx.actor, 'responder');
  const row = await lockMaintenanceRow(ctx.db, id);
  if (!row) throw notFound('Maintenance window', id);
  await requireMaintenanceEditor(ctx, row.service_ids, 'stored');
  const before = await getMaintenanceWindow(ctx, id);
  await deleteMaintenanceRow(ctx.db, id);
  await recordAudit(ctx, { action: 'maintenance_window.delete', entityType: 'maintenance_window', entityId: id, before });
  ctx.log.event('MAINTENANCE_CHANGED', { maintenanceWindowId: id, change: 'delete' });
}

/**
 * Silencing pages is a change to who gets woken, so it is scoped like the services
 * themselves: responders for services their teams own, admins for any and for all.
 */
async function requireMaintenanceEditor(ctx: Ctx, serviceIds: readonly string[] | null, scope: 'requested' | 'stored' = 'requested'): Promise<void> {
  requireRole(ctx.actor, 'responder');
  if (serviceIds === null) {
    if (ctx.actor.role !== 'admin') throw forbidden('Only admins may silence every service at once');
    return;
  }
  const found = await servicesWithTeams(ctx.db, serviceIds);
  const missing = serviceIds.filter((id) => !found.some((s) => s.id === id));
  // A stored window keeps the ids of services deleted since; they no longer limit who may change it.
  if (missing.length && scope === 'requested') throw invalid([{ field: 'serviceIds', message: `No such service: ${missing.join(', ')}` }]);
  if (!canEditAll(ctx.actor, found)) throw forbidden('Responders may silence only their own teams’ services');
}

const canEditAll = (actor: Actor, services: { team_id: string }[]) => actor.role === 'admin' || services.every((s) => actor.teamIds.includes(s.team_id));

function toRow(input: MaintenanceWindowInput) {
  const serviceIds = input.serviceIds === null ? null : [...new Set(input.serviceIds)];
  if (input.kind === 'once') {
    const startsAt = new Date(input.startsAt);
    const endsAt = new Date(input.endsAt);
    if (endsAt <= startsAt) throw invalid([{ field: 'endsAt', message: 'Must come after the start time (startsAt)' }]);
    if (endsAt.getTime() - startsAt.getTime() > MAX_DURATION_MINUTES * 60_000) throw invalid([{ field: 'endsAt', message: 'A window may last at most 7 days' }]);
    return { name: input.name, kind: 'once' as const, service_ids: serviceIds, starts_at: startsAt, ends_at: endsAt, time_zone: null, days: null, start_time: null, duration_minutes: null };
  }
  const days = [...new Set(input.days)].sort((a, b) => a - b);
  return { name: input.name, kind: 'recurring' as const, service_ids: serviceIds, starts_at: null, ends_at: null, time_zone: input.timeZone, days, start_time: input.start, duration_minutes: input.durationMinutes };
}

async function toViews(ctx: Ctx, rows: MaintenanceWindowRow[], now: Date): Promise<MaintenanceView[]> {
  const names = new Map((await servicesWithTeams(ctx.db, [...new Set(rows.flatMap((r) => r.service_ids ?? []))])).map((s) => [s.id, s.name]));
  return rows.map((row) => {
    const window = windowOf(row);
    const until = maintenanceEndsAt(window, now);
    return {
      id: row.id,
      name: row.name,
      kind: row.kind,
      serviceIds: row.service_ids,
      // A service deleted since keeps its id in the window and drops out of the names.
      services: (row.service_ids ?? []).flatMap((id) => (names.has(id) ? [{ id, name: names.get(id)! }] : [])),
      startsAt: row.starts_at ? new Date(row.starts_at).toISOString() : null,
      endsAt: row.ends_at ? new Date(row.ends_at).toISOString() : null,
      timeZone: row.time_zone,
      days: row.days,
      start: row.start_time,
      durationMinutes: row.duration_minutes,
      activeUntil: until > now ? until.toISOString() : null,
      next: nextOccurrences(window, now, NEXT_COUNT).map((o) => ({ startsAt: o.startsAt.toISOString(), endsAt: o.endsAt.toISOString() })),
      createdAt: new Date(row.created_at).toISOString(),
      createdBy: row.created_by,
    };
  });
}

/**
 * Whether a maintenance window covers `serviceId` at `at`: for work that is not an
 * alert (synthetic checks) but must respect windows the same way.
 */
export async function inMaintenance(db: Ctx['db'], serviceId: string, at: Date): Promise<boolean> {
  const rows = await findMaintenanceRows(db, { serviceId, notEndedBefore: at });
  return activeMaintenance(rows.map(windowOf), serviceId, at) !== null;
}
