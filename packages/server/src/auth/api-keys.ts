import { roleAtLeast, type ApiKey, type CreatedApiKey, type Role } from '@operable/shared';
import { recordAudit } from '../audit/index.js';
import { requireRole, requireSignedIn } from '../lib/authorize.js';
import type { Ctx } from '../lib/context.js';
import { randomToken, sha256 } from '../lib/crypto.js';
import { forbidden, notFound } from '../lib/errors.js';
import { findApiKeyById, insertApiKey, listApiKeyRows, markApiKeyRevoked, type ApiKeyWithOwner } from './repository.js';

/** Keys start with `opk_` so secret scanners and people can recognise a leaked one. */
const TOKEN_PREFIX = 'opk_';

export async function createApiKey(ctx: Ctx, input: { name: string; role: Role }): Promise<CreatedApiKey> {
  requireSignedIn(ctx.actor);
  requireRole(ctx.actor, 'viewer');
  if (!roleAtLeast(ctx.actor.role, input.role)) throw forbidden(`You cannot create a key with more than your own role (${ctx.actor.role})`);
  const token = TOKEN_PREFIX + randomToken(30);
  const id = await insertApiKey(ctx.db, {
    name: input.name,
    prefix: token.slice(0, 10),
    token_hash: sha256(token),
    role: input.role,
    owner_id: ctx.actor.userId,
    created_at: ctx.clock.now(),
  });
  const apiKey = toApiKey((await findApiKeyById(ctx.db, id))!);
  await recordAudit(ctx, { action: 'api_key.create', entityType: 'api_key', entityId: id, after: apiKey });
  ctx.log.event('API_KEY_CREATED', { apiKeyId: id, role: input.role });
  return { apiKey, token };
}

/** Admins see every key; everyone else sees their own. */
export async function listApiKeys(ctx: Ctx): Promise<ApiKey[]> {
  requireSignedIn(ctx.actor);
  const rows = await listApiKeyRows(ctx.db, ctx.actor.role === 'admin' ? undefined : ctx.actor.userId);
  return rows.map(toApiKey);
}

export async function revokeApiKey(ctx: Ctx, id: string): Promise<void> {
  requireSignedIn(ctx.actor);
  const key = await findApiKeyById(ctx.db, id);
  if (!key || (ctx.actor.role !== 'admin' && key.owner_id !== ctx.actor.userId)) throw notFound('API key', id);
  const before = toApiKey(key);
  if (!(await markApiKeyRevoked(ctx.db, id, ctx.clock.now()))) return; // already revoked: idempotent
  await recordAudit(ctx, {
    action: 'api_key.revoke',
    entityType: 'api_key',
    entityId: id,
    before,
    after: toApiKey((await findApiKeyById(ctx.db, id))!),
  });
  ctx.log.event('API_KEY_REVOKED', { apiKeyId: id });
}

function toApiKey(row: ApiKeyWithOwner): ApiKey {
  return {
    id: row.id,
    name: row.name,
    prefix: row.prefix,
    role: row.role,
    ownerId: row.owner_id,
    ownerName: row.owner_name,
    createdAt: row.created_at.toISOString(),
    lastUsedAt: row.last_used_at?.toISOString() ?? null,
    revokedAt: row.revoked_at?.toISOString() ?? null,
  };
}
