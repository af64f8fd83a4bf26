import type { SeverityDefinition, UpdateSeverityDefinition, UpdateTemplate, UpdateTemplateInput } from '@operable/shared';
import type { z } from 'zod';
import { recordAudit } from '../audit/index.js';
import { requireRole } from '../lib/authorize.js';
import type { Ctx } from '../lib/context.js';
import { conflict, notFound } from '../lib/errors.js';
import { deleteTemplateRow, insertTemplate, severityDefinitions, templateNameTaken, templates, updateSeverityRow, updateTemplateRow } from './extras-repository.js';

/** What the severities mean and the update templates: everyone reads, admins edit. */

const toSeverity = (r: { level: number; name: string; description: string; default_update_minutes: number | null }): SeverityDefinition => ({
  level: r.level,
  name: r.name,
  description: r.description,
  defaultUpdateMinutes: r.default_update_minutes,
});

export async function listSeverities(ctx: Ctx): Promise<SeverityDefinition[]> {
  requireRole(ctx.actor, 'viewer');
  return (await severityDefinitions(ctx.db)).map(toSeverity);
}

export async function updateSeverity(ctx: Ctx, level: number, patch: z.output<typeof UpdateSeverityDefinition>): Promise<SeverityDefinition> {
  requireRole(ctx.actor, 'admin');
  const before = (await severityDefinitions(ctx.db)).find((s) => s.level === level);
  if (!before) throw notFound('Severity', String(level));
  const row = await updateSeverityRow(ctx.db, level, {
    ...(patch.name !== undefined ? { name: patch.name } : {}),
    ...(patch.description !== undefined ? { description: patch.description } : {}),
    ...(patch.defaultUpdateMinutes !== undefined ? { default_update_minutes: patch.defaultUpdateMinutes } : {}),
    updated_at: ctx.clock.now(),
    updated_by: ctx.actor.userId,
  });
  await recordAudit(ctx, { action: 'incident.severity_definition', entityType: 'severity_definition', entityId: String(level), before: toSeverity(before), after: toSeverity(row!) });
  return toSeverity(row!);
}

const toTemplate = (r: { id: string; name: string; body: string; updated_at: Date }): UpdateTemplate => ({ id: r.id, name: r.name, body: r.body, updatedAt: r.updated_at.toISOString() });

export async function listTemplates(ctx: Ctx): Promise<UpdateTemplate[]> {
  requireRole(ctx.actor, 'viewer');
  return (await templates(ctx.db)).map(toTemplate);
}

export async function createTemplate(ctx: Ctx, input: z.output<typeof UpdateTemplateInput>): Promise<UpdateTemplate> {
  requireRole(ctx.actor, 'admin');
  if (await templateNameTaken(ctx.db, input.name)) throw nameTaken(input.name);
  const now = ctx.clock.now();
  const row = await insertTemplate(ctx.db, { name: input.name, body: input.body, created_at: now, updated_at: now, updated_by: ctx.actor.userId });
  await recordAudit(ctx, { action: 'incident.template_create', entityType: 'update_template', entityId: row.id, after: toTemplate(row) });
  return toTemplate(row);
}

export async function updateTemplate(ctx: Ctx, id: string, input: z.output<typeof UpdateTemplateInput>): Promise<UpdateTemplate> {
  requireRole(ctx.actor, 'admin');
  const [before] = await templates(ctx.db, id);
  if (!before) throw notFound('Template', id);
  if (await templateNameTaken(ctx.db, input.name, id)) throw nameTaken(input.name);
  const row = await updateTemplateRow(ctx.db, id, { name: input.name, body: input.body, updated_at: ctx.clock.now(), updated_by: ctx.actor.userId });
  await recordAudit(ctx, { action: 'incident.template_update', entityType: 'update_template', entityId: id, before: toTemplate(before), after: toTemplate(row!) });
  return toTemplate(row!);
}

export async function deleteTemplate(ctx: Ctx, id: string): Promise<void> {
  requireRole(ctx.actor, 'admin');
  const [before] = await templates(ctx.db, id);
  if (!before || !(await deleteTemplateRow(ctx.db, id))) throw notFound('Template', id);
  await recordAudit(ctx, { action: 'incident.template_delete', entityType: 'update_template', entityId: id, before: toTemplate(before) });
}

const nameTaken = (name: string) => conflict(`A template named ${name} already exists`, { fields: [{ field: 'name', message: 'Already in use' }] });
