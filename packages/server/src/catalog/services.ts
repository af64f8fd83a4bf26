import type { CreateService, Service, UpdateService } from '@operable/shared';
import type { z } from 'zod';
import { recordAudit } from '../audit/index.js';
import { requireRole, requireTeamEditor } from '../lib/authorize.js';
import type { Ctx } from '../lib/context.js';
import { conflict, invalid, notFound } from '../lib/errors.js';
import {
  deleteServiceRow,
  escalationPolicyExists,
  findServiceByName,
  findServices,
  findTeams,
  insertService,
  updateServiceRow,
  type ServiceFilter,
} from './repository.js';

export async function listServices(ctx: Ctx, filter: Omit<ServiceFilter, 'id'> = {}): Promise<Service[]> {
  requireRole(ctx.actor, 'viewer');
  return findServices(ctx.db, filter);
}

export async function getService(ctx: Ctx, id: string): Promise<Service> {
  requireRole(ctx.actor, 'viewer');
  const [service] = await findServices(ctx.db, { id });
  if (!service) throw notFound('Service', id);
  return service;
}

export async function createService(ctx: Ctx, input: z.output<typeof CreateService>): Promise<Service> {
  requireTeamEditor(ctx.actor, input.teamId);
  await requireTeam(ctx, input.teamId);
  await requirePolicy(ctx, input.escalationPolicyId);
  if (await findServiceByName(ctx.db, input.name)) throw nameTaken(input.name);
  const now = ctx.clock.now();
  const id = await insertService(ctx.db, {
    name: input.name,
    description: input.description,
    team_id: input.teamId,
    runbook_markdown: input.runbookMarkdown,
    runbook_url: input.runbookUrl,
    tags: dedupe(input.tags),
    escalation_policy_id: input.escalationPolicyId,
    ack_timeout_minutes: input.ackTimeoutMinutes,
    storm_window_seconds: input.stormWindowSeconds,
    created_at: now,
    updated_at: now,
  });
  const service = await getService(ctx, id);
  await recordAudit(ctx, { action: 'service.create', entityType: 'service', entityId: id, after: service });
  return service;
}

/** Moving a service to another team needs edit rights on both teams. */
export async function updateService(ctx: Ctx, id: string, patch: z.output<typeof UpdateService>): Promise<Service> {
  const before = await getService(ctx, id);
  requireTeamEditor(ctx.actor, before.teamId);
  if (patch.teamId && patch.teamId !== before.teamId) {
    requireTeamEditor(ctx.actor, patch.teamId);
    await requireTeam(ctx, patch.teamId);
  }
  if (patch.name && patch.name.toLowerCase() !== before.name.toLowerCase() && (await findServiceByName(ctx.db, patch.name))) {
    throw nameTaken(patch.name);
  }
  await requirePolicy(ctx, patch.escalationPolicyId);
  await updateServiceRow(ctx.db, id, {
    name: patch.name,
    description: patch.description,
    team_id: patch.teamId,
    runbook_markdown: patch.runbookMarkdown,
    runbook_url: patch.runbookUrl,
    tags: patch.tags && dedupe(patch.tags),
    escalation_policy_id: patch.escalationPolicyId,
    ack_timeout_minutes: patch.ackTimeoutMinutes,
    storm_window_seconds: patch.stormWindowSeconds,
    updated_at: ctx.clock.now(),
  });
  const after = await getService(ctx, id);
  await recordAudit(ctx, { action: 'service.update', entityType: 'service', entityId: id, before, after });
  return after;
}

export async function deleteService(ctx: Ctx, id: string): Promise<void> {
  const before = await getService(ctx, id);
  requireTeamEditor(ctx.actor, before.teamId);
  await deleteServiceRow(ctx.db, id);
  await recordAudit(ctx, { action: 'service.delete', entityType: 'service', entityId: id, before });
}

async function requireTeam(ctx: Ctx, teamId: string) {
  if (!(await findTeams(ctx.db, teamId)).length) throw invalid([{ field: 'teamId', message: 'No such team' }]);
}

async function requirePolicy(ctx: Ctx, policyId: string | null | undefined) {
  if (policyId && !(await escalationPolicyExists(ctx.db, policyId))) {
    throw invalid([{ field: 'escalationPolicyId', message: 'No such escalation policy' }]);
  }
}

const dedupe = (tags: string[]) => [...new Set(tags)];

const nameTaken = (name: string) =>
  conflict(`A service named ${name} already exists`, { fields: [{ field: 'name', message: 'Already in use' }] });
