import type { DeadlinePolicies as DeadlinePoliciesView } from '@operable/shared';
import { recordAudit } from '../audit/index.js';
import { requireRole } from '../lib/authorize.js';
import type { Ctx } from '../lib/context.js';
import { loadDeadlinePolicies, saveDeadlinePolicies } from './repository.js';

/** Deadlines per severity: everyone reads them, admins set them. Post-mortems made later use the new values. */

export async function getDeadlinePolicies(ctx: Ctx): Promise<DeadlinePoliciesView> {
  requireRole(ctx.actor, 'viewer');
  return loadDeadlinePolicies(ctx.db);
}

export async function setDeadlinePolicies(ctx: Ctx, input: DeadlinePoliciesView): Promise<DeadlinePoliciesView> {
  requireRole(ctx.actor, 'admin');
  const before = await loadDeadlinePolicies(ctx.db);
  await saveDeadlinePolicies(ctx.db, input, ctx.actor.userId, ctx.clock.now());
  const after = await loadDeadlinePolicies(ctx.db);
  await recordAudit(ctx, { action: 'postmortem.deadlines', entityType: 'postmortem_settings', entityId: null, before, after });
  return after;
}
