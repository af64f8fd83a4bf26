import { PUBLIC_INCIDENT_STATUSES, MAINTENANCE_STATUSES, type CreateStatuspageTemplate, type UpdateStatuspageTemplate } from '@operable/shared';
import type { z } from 'zod';
import { recordAudit } from '../audit/index.js';
import { requireRole } from '../lib/authorize.js';
import type { Ctx } from '../lib/context.js';
import { conflict, invalid, notFound } from '../lib/errors.js';
import { toTemplate } from './map.js';
import { deleteTemplateRow, findTemplateByName, findTemplates, insertTemplate, updateTemplateRow } from './repository.js';

export async function listStatuspageTemplates(ctx: Ctx) {
  requireRole(ctx.actor, 'viewer');
  return (await findTemplates(ctx.db)).map(toTemplate);
}

export async function getStatuspageTemplate(ctx: Ctx, id: string) {
  requireRole(ctx.actor, 'viewer');
  const [row] = await findTemplates(ctx.db, id);
  if (!row) throw notFound('Template', id);
  return toTemplate(row);
}

export async function createStatuspageTemplate(ctx: Ctx, input: z.output<typeof CreateStatuspageTemplate>) {
  requireRole(ctx.actor, 'responder');
  checkStatus(input.kind, input.status);
  if (await findTemplateByName(ctx.db, input.name)) throw nameTaken(input.name);
  const now = ctx.clock.now();
  const id = await insertTemplate(ctx.db, { ...input, created_at: now, updated_at: now });
  const after = await getStatuspageTemplate(ctx, id);
  await recordAudit(ctx, { action: 'statuspage.template.create', entityType: 'statuspage_template', entityId: id, after });
  return after;
}

export async function updateStatuspageTemplate(ctx: Ctx, id: string, patch: z.output<typeof UpdateStatuspageTemplate>) {
  requireRole(ctx.actor, 'responder');
  const before = await getStatuspageTemplate(ctx, id);
  if (patch.status) checkStatus(before.kind, patch.status);
  if (patch.name && patch.name.toLowerCase() !== before.name.toLowerCase() && (await findTemplateByName(ctx.db, patch.name))) throw nameTaken(patch.name);
  await updateTemplateRow(ctx.db, id, { ...patch, updated_at: ctx.clock.now() });
  const after = await getStatuspageTemplate(ctx, id);
  await recordAudit(ctx, { action: 'statuspage.template.update', entityType: 'statuspage_template', entityId: id, before, after });
  return after;
}

export async function deleteStatuspageTemplate(ctx: Ctx, id: string) {
  requireRole(ctx.actor, 'responder');
  const before = await getStatuspageTemplate(ctx, id);
  await deleteTemplateRow(ctx.db, id);
  await recordAudit(ctx, { action: 'statuspage.template.delete', entityType: 'statuspage_template', entityId: id, before });
}

function checkStatus(kind: 'incident' | 'maintenance', status: string) {
  const allowed: readonly string[] = kind === 'incident' ? PUBLIC_INCIDENT_STATUSES : MAINTENANCE_STATUSES;
  if (!allowed.includes(status)) throw invalid([{ field: 'status', message: `A${kind === 'incident' ? 'n incident' : ' maintenance'} template takes ${allowed.join(', ')}` }]);
}

const nameTaken = (name: string) => conflict(`A template named ${name} already exists`, { fields: [{ field: 'name', message: 'Already in use' }] });
