import type { CreateHealthAction, HealthActionItem, UpdateHealthAction } from '@operable/shared';
import { recordAudit } from '../audit/index.js';
import { requireRole, requireTeamEditor } from '../lib/authorize.js';
import type { Ctx } from '../lib/context.js';
import { invalid, notFound } from '../lib/errors.js';
import { type ActionItemRow, findActionItem, findOpenSourceItem, insertActionItem, listActionItems, serviceTeam, updateActionItemRow, userExists } from './lists-repository.js';
import { teamExists } from './settings-repository.js';

export const actionView = (r: ActionItemRow): HealthActionItem => ({
  id: r.id,
  teamId: r.team_id,
  title: r.title,
  priority: r.priority,
  status: r.status,
  serviceId: r.service_id,
  serviceName: r.service_name ?? null,
  alertKey: r.alert_key,
  owner: r.owner_id ? { id: r.owner_id, name: r.owner_name ?? 'Deleted user' } : null,
  createdBy: r.created_by,
  createdAt: r.created_at.toISOString(),
  updatedAt: r.updated_at.toISOString(),
});

export async function listTeamActions(ctx: Ctx, teamId: string): Promise<HealthActionItem[]> {
  requireRole(ctx.actor, 'viewer');
  if (!(await teamExists(ctx.db, teamId))) throw notFound('Team', teamId);
  return (await listActionItems(ctx.db, teamId)).map(actionView);
}

/**
 * Adds an item to the team's action list. From a noisy source (a service, maybe one
 * of its alert keys) it is top priority by default, and a second click while the
 * first item is open returns that item instead of a duplicate (`created: false`).
 */
export async function createTeamAction(ctx: Ctx, teamId: string, input: CreateHealthAction): Promise<{ item: HealthActionItem; created: boolean }> {
  requireTeamEditor(ctx.actor, teamId);
  if (!(await teamExists(ctx.db, teamId))) throw notFound('Team', teamId);
  if (input.alertKey && !input.serviceId) throw invalid([{ field: 'serviceId', message: 'An alert key belongs to a service: name the service too' }]);
  const service = input.serviceId ? await serviceTeam(ctx.db, input.serviceId) : undefined;
  if (input.serviceId && !service) throw invalid([{ field: 'serviceId', message: 'No such service' }]);
  if (!input.title && !service) throw invalid([{ field: 'title', message: 'Give a title, or a noisy source to name it after' }]);
  if (input.ownerId && !(await userExists(ctx.db, input.ownerId))) throw invalid([{ field: 'ownerId', message: 'No such user' }]);
  const title = input.title ?? `Quiet ${service!.name}${input.alertKey ? ` (${input.alertKey})` : ''}: fix or remove what pages`;
  const id = await insertActionItem(ctx.db, {
    team_id: teamId,
    title,
    priority: input.priority ?? (service ? 'top' : 'normal'),
    service_id: service?.id ?? null,
    alert_key: input.alertKey ?? null,
    owner_id: input.ownerId ?? null,
    created_by: ctx.actor.label,
    now: ctx.clock.now(),
  });
  if (!id) return { item: actionView((await findOpenSourceItem(ctx.db, teamId, service!.id, input.alertKey ?? null))!), created: false };
  const item = actionView((await findActionItem(ctx.db, id))!);
  await recordAudit(ctx, { action: 'health_action.create', entityType: 'health_action_item', entityId: id, after: item });
  return { item, created: true };
}

export async function updateTeamAction(ctx: Ctx, id: string, input: UpdateHealthAction): Promise<HealthActionItem> {
  requireRole(ctx.actor, 'viewer');
  const row = await findActionItem(ctx.db, id);
  if (!row) throw notFound('Action item', id);
  requireTeamEditor(ctx.actor, row.team_id);
  if (input.ownerId && !(await userExists(ctx.db, input.ownerId))) throw invalid([{ field: 'ownerId', message: 'No such user' }]);
  if (input.status === 'open' && row.status !== 'open' && row.service_id && (await findOpenSourceItem(ctx.db, row.team_id, row.service_id, row.alert_key))) {
    throw invalid([{ field: 'status', message: 'Another open item already covers this noisy source' }]);
  }
  const before = actionView(row);
  await updateActionItemRow(
    ctx.db,
    id,
    {
      ...(input.title !== undefined ? { title: input.title } : {}),
      ...(input.priority !== undefined ? { priority: input.priority } : {}),
      ...(input.status !== undefined ? { status: input.status } : {}),
      ...(input.ownerId !== undefined ? { owner_id: input.ownerId } : {}),
    },
    ctx.clock.now(),
  );
  const after = actionView((await findActionItem(ctx.db, id))!);
  await recordAudit(ctx, { action: 'health_action.update', entityType: 'health_action_item', entityId: id, before, after });
  return after;
}
