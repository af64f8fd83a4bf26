import type { CreateRisk, Risk, UpdateRisk } from '@operable/shared';
import { recordAudit } from '../audit/index.js';
import { requireRole, requireTeamEditor } from '../lib/authorize.js';
import type { Ctx } from '../lib/context.js';
import { invalid, notFound } from '../lib/errors.js';
import { existingActionItemIds, existingServiceIds, findRisk, insertRisk, type RiskRow, teamRisks, updateRiskRow, userExists } from './lists-repository.js';
import { topRisks } from './metrics/index.js';
import { teamExists } from './settings-repository.js';

export const riskView = (r: RiskRow): Risk => ({
  id: r.id,
  teamId: r.team_id,
  title: r.title,
  description: r.description,
  kind: r.kind,
  impact: r.impact,
  likelihood: r.likelihood,
  score: r.score,
  effort: r.effort,
  owner: r.owner_id ? { id: r.owner_id, name: r.owner_name ?? 'Deleted user' } : null,
  status: r.status,
  serviceIds: r.service_ids,
  actionItemIds: r.action_item_ids,
  createdAt: r.created_at.toISOString(),
  updatedAt: r.updated_at.toISOString(),
});

/** Every risk of the team, and the top 10 (open or mitigating) by score, then effort. */
export async function listTeamRisks(ctx: Ctx, teamId: string): Promise<{ top: Risk[]; items: Risk[] }> {
  requireRole(ctx.actor, 'viewer');
  if (!(await teamExists(ctx.db, teamId))) throw notFound('Team', teamId);
  const items = (await teamRisks(ctx.db, teamId)).map(riskView);
  return { top: topRisks(items, 10), items };
}

async function checkLinks(ctx: Ctx, teamId: string, input: { ownerId?: string | null; serviceIds?: string[]; actionItemIds?: string[] }) {
  if (input.ownerId && !(await userExists(ctx.db, input.ownerId))) throw invalid([{ field: 'ownerId', message: 'No such user' }]);
  const services = await existingServiceIds(ctx.db, input.serviceIds ?? []);
  const badService = (input.serviceIds ?? []).findIndex((id) => !services.has(id));
  if (badService >= 0) throw invalid([{ field: `serviceIds.${badService}`, message: 'No such service' }]);
  const items = await existingActionItemIds(ctx.db, teamId, input.actionItemIds ?? []);
  const badItem = (input.actionItemIds ?? []).findIndex((id) => !items.has(id));
  if (badItem >= 0) throw invalid([{ field: `actionItemIds.${badItem}`, message: 'No such action item on this team' }]);
}

export async function createRisk(ctx: Ctx, teamId: string, input: CreateRisk): Promise<Risk> {
  requireTeamEditor(ctx.actor, teamId);
  if (!(await teamExists(ctx.db, teamId))) throw notFound('Team', teamId);
  await checkLinks(ctx, teamId, input);
  const id = await insertRisk(
    ctx.db,
    teamId,
    {
      title: input.title,
      description: input.description ?? '',
      kind: input.kind ?? 'operational',
      impact: input.impact,
      likelihood: input.likelihood,
      effort: input.effort,
      owner_id: input.ownerId ?? null,
      status: input.status ?? 'open',
      service_ids: [...new Set(input.serviceIds ?? [])],
      action_item_ids: [...new Set(input.actionItemIds ?? [])],
    },
    ctx.clock.now(),
  );
  const risk = riskView((await findRisk(ctx.db, id))!);
  await recordAudit(ctx, { action: 'risk.create', entityType: 'risk', entityId: id, after: risk });
  return risk;
}

export async function updateRisk(ctx: Ctx, id: string, input: UpdateRisk): Promise<Risk> {
  requireRole(ctx.actor, 'viewer');
  const row = await findRisk(ctx.db, id);
  if (!row) throw notFound('Risk', id);
  requireTeamEditor(ctx.actor, row.team_id);
  await checkLinks(ctx, row.team_id, input);
  const before = riskView(row);
  await updateRiskRow(
    ctx.db,
    id,
    {
      ...(input.title !== undefined ? { title: input.title } : {}),
      ...(input.description !== undefined ? { description: input.description } : {}),
      ...(input.kind !== undefined ? { kind: input.kind } : {}),
      ...(input.impact !== undefined ? { impact: input.impact } : {}),
      ...(input.likelihood !== undefined ? { likelihood: input.likelihood } : {}),
      ...(input.effort !== undefined ? { effort: input.effort } : {}),
      ...(input.ownerId !== undefined ? { owner_id: input.ownerId } : {}),
      ...(input.status !== undefined ? { status: input.status } : {}),
      ...(input.serviceIds !== undefined ? { service_ids: [...new Set(input.serviceIds)] } : {}),
      ...(input.actionItemIds !== undefined ? { action_item_ids: [...new Set(input.actionItemIds)] } : {}),
    },
    ctx.clock.now(),
  );
  const after = riskView((await findRisk(ctx.db, id))!);
  await recordAudit(ctx, { action: 'risk.update', entityType: 'risk', entityId: id, before, after });
  return after;
}
