import type { Ctx } from '../lib/context.js';
import { insertAudit } from './repository.js';

export interface AuditChange {
  action: string;
  entityType: string;
  entityId: string | null;
  before?: unknown;
  after?: unknown;
}

/** Call inside the verb's transaction: the audit row commits or rolls back with the change. */
export async function recordAudit(ctx: Ctx, change: AuditChange): Promise<void> {
  await insertAudit(ctx.db, {
    at: ctx.clock.now(),
    actor_type: ctx.actor.kind,
    actor_id: ctx.actor.kind === 'api_key' ? (ctx.actor.apiKeyId ?? null) : ctx.actor.userId,
    actor_label: ctx.actor.label,
    action: change.action,
    entity_type: change.entityType,
    entity_id: change.entityId,
    before: change.before === undefined ? null : JSON.stringify(change.before),
    after: change.after === undefined ? null : JSON.stringify(change.after),
    request_id: ctx.requestId,
  });
  ctx.log.event('AUDIT_WRITTEN', { action: change.action, entityType: change.entityType, entityId: change.entityId });
}
