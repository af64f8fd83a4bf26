import type { AuditPage, AuditQuery } from '@operable/shared';
import { requireRole } from '../lib/authorize.js';
import type { Ctx } from '../lib/context.js';
import { findAudit, toAuditEntry } from './repository.js';

export async function listAudit(ctx: Ctx, query: AuditQuery & { limit: number }): Promise<AuditPage> {
  requireRole(ctx.actor, 'admin');
  const rows = await findAudit(ctx.db, query);
  const items = rows.map(toAuditEntry);
  return { items, nextBefore: items.length === query.limit ? (items.at(-1)?.id ?? null) : null };
}
