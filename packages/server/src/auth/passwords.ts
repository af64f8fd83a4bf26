import { ErrorCode } from '@operable/shared';
import { recordAudit } from '../audit/index.js';
import { requireRole, requireSignedIn } from '../lib/authorize.js';
import type { Ctx } from '../lib/context.js';
import { hashPassword, verifyPassword } from '../lib/crypto.js';
import { DomainError, notFound } from '../lib/errors.js';
import { actorForUser } from './actor.js';
import { deleteUserSessions } from './repository.js';
import { readResetToken, signResetToken, verifyResetToken } from './reset-token.js';
import { findUserById, updateUserRow } from './users-repository.js';

const LINK_HOURS = 24;

/** A set-password link for someone (first admin, a new user, a forgotten password). */
export async function issueResetLink(ctx: Ctx, userId: string): Promise<{ url: string; expiresAt: string }> {
  requireRole(ctx.actor, 'admin');
  const user = await findUserById(ctx.db, userId);
  if (!user) throw notFound('User', userId);
  const expiresAt = new Date(ctx.clock.now().getTime() + LINK_HOURS * 3_600_000);
  const token = signResetToken(ctx.settings.secret, { userId, expiresAt }, user.password_hash);
  await recordAudit(ctx, { action: 'user.issue_reset_link', entityType: 'user', entityId: userId });
  ctx.log.event('AUTH_PASSWORD_RESET_ISSUED', { userId });
  return { url: `${ctx.settings.publicUrl}/reset-password?token=${encodeURIComponent(token)}`, expiresAt: expiresAt.toISOString() };
}

export async function completePasswordReset(ctx: Ctx, input: { token: string; password: string }): Promise<void> {
  const claims = readResetToken(input.token);
  const user = claims && (await findUserById(ctx.db, claims.userId));
  if (!user || !verifyResetToken(ctx.settings.secret, input.token, user.password_hash, ctx.clock.now())) {
    throw new DomainError(ErrorCode.InvalidToken, 'This link is invalid, expired or already used; ask an admin for a new one');
  }
  await setPassword({ ...ctx, actor: actorForUser(user) }, user.id, input.password, 'user.reset_password');
  ctx.log.event('AUTH_PASSWORD_RESET_USED', { userId: user.id });
}

export async function changePassword(ctx: Ctx, input: { currentPassword: string; newPassword: string }): Promise<void> {
  requireSignedIn(ctx.actor);
  const user = await findUserById(ctx.db, ctx.actor.userId);
  if (!user) throw notFound('User');
  if (!user.password_hash || !(await verifyPassword(input.currentPassword, user.password_hash))) {
    throw new DomainError(ErrorCode.ValidationFailed, 'Current password is wrong', {
      fields: [{ field: 'currentPassword', message: 'Does not match' }],
    });
  }
  await setPassword(ctx, user.id, input.newPassword, 'user.change_password');
}

/** Every existing session ends: whoever knew the old password is signed out. */
async function setPassword(ctx: Ctx, userId: string, password: string, action: string): Promise<void> {
  await updateUserRow(ctx.db, userId, { password_hash: await hashPassword(password, ctx.settings.passwordCost), updated_at: ctx.clock.now() });
  await deleteUserSessions(ctx.db, userId);
  await recordAudit(ctx, { action, entityType: 'user', entityId: userId });
}
