import { DEFAULT_WORKING_HOURS } from '@operable/shared';
import { recordAudit } from '../audit/index.js';
import { SYSTEM_ACTOR, type Ctx } from '../lib/context.js';
import { randomToken } from '../lib/crypto.js';
import { issueResetLink } from './passwords.js';
import { readOrCreateSetting } from './repository.js';
import { countUsers, insertUser, lockUsersForBootstrap } from './users-repository.js';

/**
 * On the first start of an empty database: one admin with no password and a
 * one-time link to set it. There is never a default password. Returns null when
 * there already are users. The advisory lock makes two processes starting
 * together create one admin, not two.
 */
export async function ensureFirstAdmin(ctx: Ctx, email: string): Promise<{ email: string; url: string; expiresAt: string } | null> {
  const sys: Ctx = { ...ctx, actor: SYSTEM_ACTOR };
  await lockUsersForBootstrap(ctx.db);
  if ((await countUsers(ctx.db)) > 0) return null;
  const now = ctx.clock.now();
  const id = await insertUser(ctx.db, {
    name: 'Administrator',
    email,
    time_zone: 'UTC',
    time_zone_source: 'default',
    working_hours: DEFAULT_WORKING_HOURS,
    role: 'admin',
    password_hash: null,
    created_at: now,
    updated_at: now,
  });
  await recordAudit(sys, { action: 'user.bootstrap_admin', entityType: 'user', entityId: id, after: { email, role: 'admin' } });
  const link = await issueResetLink(sys, id);
  ctx.log.event('BOOTSTRAP_ADMIN_CREATED', { userId: id, email });
  return { email, ...link };
}

/** OPERABLE_SECRET if set; otherwise one random key, created once and shared by every process. */
export async function resolveSecret(db: Ctx['db'], configured: string | undefined): Promise<string> {
  if (configured) return configured;
  return String(await readOrCreateSetting(db, 'signing_secret', randomToken(48)));
}
