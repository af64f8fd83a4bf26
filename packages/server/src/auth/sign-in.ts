import { ErrorCode, type Session } from '@operable/shared';
import { recordAudit } from '../audit/index.js';
import type { Ctx } from '../lib/context.js';
import { hashPassword, needsRehash, passwordHashCost, randomToken, sha256, unusablePasswordHash, verifyPassword } from '../lib/crypto.js';
import { DomainError } from '../lib/errors.js';
import { actorForUser } from './actor.js';
import { clearFailures, countFailuresSince, deleteFailuresBefore, insertFailures, insertSession } from './repository.js';
import { findUserByEmail, replacePasswordHash, toUser } from './users-repository.js';

export interface SignInInput {
  email: string;
  password: string;
  address: string;
  userAgent: string | null;
}

/**
 * Not run inside one transaction: a failed attempt must be remembered even though
 * the call fails, or the rate limit would forget every guess.
 */
export async function signIn(ctx: Ctx, input: SignInInput): Promise<{ token: string; session: Session }> {
  const now = ctx.clock.now();
  const { perAccount, perAddress, windowMinutes } = ctx.settings.signInLimits;
  const windowStart = new Date(now.getTime() - windowMinutes * 60_000);
  const accountKey = `account:${input.email.toLowerCase()}`;
  const addressKey = `address:${input.address}`;

  const [account, address] = await Promise.all([
    countFailuresSince(ctx.db, accountKey, windowStart),
    countFailuresSince(ctx.db, addressKey, windowStart),
  ]);
  const blocked = [...(account.count >= perAccount ? [account] : []), ...(address.count >= perAddress ? [address] : [])];
  if (blocked.length) {
    // Retry-After must be honest: when both limits apply, the later one decides.
    const until = Math.max(...blocked.map((b) => (b.oldest?.getTime() ?? now.getTime()) + windowMinutes * 60_000));
    const retryAfterSeconds = Math.max(1, Math.ceil((until - now.getTime()) / 1000));
    ctx.log.event('AUTH_SIGN_IN_RATE_LIMITED', { email: input.email, address: input.address });
    throw new DomainError(ErrorCode.RateLimited, 'Too many failed sign-ins; try again later', { retryAfterSeconds });
  }

  const user = await findUserByEmail(ctx.db, input.email);
  const cost = ctx.settings.passwordCost;
  const ok = await verifyPassword(input.password, user?.password_hash ?? unusablePasswordHash(cost));
  if (!user || !user.password_hash || !ok) {
    await insertFailures(ctx.db, [accountKey, addressKey], now);
    await deleteFailuresBefore(ctx.db, windowStart);
    ctx.log.event('AUTH_SIGN_IN_FAILED', { email: input.email, address: input.address });
    throw new DomainError(ErrorCode.Unauthenticated, 'Email or password is wrong');
  }

  const token = randomToken();
  const csrfToken = randomToken(24);
  const userCtx: Ctx = { ...ctx, actor: actorForUser(user) };
  // The only moment the password is known again: a hash made at an older, lower cost
  // is replaced now. Hashed before the transaction, which must not wait on scrypt.
  const oldHash = user.password_hash;
  const upgrade = needsRehash(oldHash, cost) ? await hashPassword(input.password, cost) : null;
  let upgraded = false;
  await ctx.db.transaction().execute(async (trx) => {
    if (upgrade && (await replacePasswordHash(trx, user.id, oldHash, upgrade))) {
      upgraded = true;
      await recordAudit({ ...userCtx, db: trx }, { action: 'user.rehash_password', entityType: 'user', entityId: user.id, before: passwordHashCost(oldHash), after: cost });
    }
    await clearFailures(trx, accountKey);
    await insertSession(trx, {
      id: sha256(token),
      user_id: user.id,
      csrf_token: csrfToken,
      now,
      expires_at: new Date(now.getTime() + ctx.settings.sessionHours * 3_600_000),
      user_agent: input.userAgent?.slice(0, 500) ?? null,
      address: input.address,
    });
    await recordAudit({ ...userCtx, db: trx }, { action: 'session.create', entityType: 'user', entityId: user.id });
  });
  if (upgraded) ctx.log.event('AUTH_PASSWORD_REHASHED', { userId: user.id, ...cost });
  ctx.log.event('AUTH_SIGNED_IN', { userId: user.id });
  return { token, session: { user: toUser(user), csrfToken } };
}
