import { recordAudit } from '../audit/index.js';
import type { Ctx } from '../lib/context.js';
import { sha256 } from '../lib/crypto.js';
import { deleteSession } from './repository.js';

export async function signOut(ctx: Ctx, sessionToken: string): Promise<void> {
  await deleteSession(ctx.db, sha256(sessionToken));
  await recordAudit(ctx, { action: 'session.delete', entityType: 'user', entityId: ctx.actor.userId });
  ctx.log.event('AUTH_SIGNED_OUT', { userId: ctx.actor.userId });
}
