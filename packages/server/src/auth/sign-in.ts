import { ErrorCode, type Session } from '@operable/shared';
import { recordAudit } from '../audit/index.js';
import type { Ctx } from '../lib/context.js';
import { randomToken, sha256, UNUSABLE_PASSWORD_HASH, verifyPassword } from '../lib/crypto.js';
import { DomainError } from '../lib/errors.js';
import { actorForUser } from './actor.js';
import { clearFailures, countFailuresSince, deleteFailuresBefore, insertFailures, insertSession } from './repository.js';
import { findUserByEmail, toUser } from './users-repository.js';

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
  const ok = await verifyPassword(input.password, user?.password_hash ?? UNUSABLE_PASSWORD_HASH);
  if (!user || !user.password_hash || !ok) {
    await insertFailures(ctx.db, [accountKey, addressKey], now);
    await deleteFailuresBefore(ctx.db, windowStart);
    ctx.log.event('AUTH_SIGN_IN_FAILED', { email: input.email, address: input.address });
    throw new DomainError(ErrorCode.Unauthenticated, 'Email or password is wrong');
  }

  const token = randomToken();
  const csrfToken = randomToken(24);
  const userCtx: Ctx = { ...ctx, actor: actorForUser(user) };
  await ctx.db.transaction().execute(async (trx) => {
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
  ctx.log.event('AUTH_SIGNED_IN', { userId: user.id });
  return { token, session: { user: toUser(user), csrfToken } };
}
