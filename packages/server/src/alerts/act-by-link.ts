import { ErrorCode, roleAtLeast } from '@operable/shared';
import { actorForUser, findUserById } from '../auth/index.js';
import type { Ctx } from '../lib/context.js';
import { DomainError, forbidden } from '../lib/errors.js';
import { parseReplyCode, verifyActionToken, type ActionClaims } from '../notify/index.js';
import { findAlertByNumber, findAlertWithService, firstPagedUser, spendNonce, usersByVerifiedPhone } from './repository.js';
import { transitionAlert } from './transitions.js';

const invalidLink = () => new DomainError(ErrorCode.InvalidToken, 'This link is invalid or has expired. Open the alert in Operable instead.');

/** Reads a link without acting: what the confirm page shows. Mail scanners GET; only POST acts. */
export async function previewLink(ctx: Ctx, token: string) {
  const claims = readClaims(ctx, token);
  const alert = await findAlertWithService(ctx.db, claims.alertId);
  if (!alert) throw invalidLink();
  return { claims, alert: { number: Number(alert.number), summary: alert.summary, service: alert.service_name, status: alert.status } };
}

/** Acts once per link, as the person it was sent to; `via` is the log's channel (a key pressed on a call uses the call's links). */
export async function actByLink(ctx: Ctx, token: string, via: 'link' | 'voice' = 'link') {
  const claims = readClaims(ctx, token);
  const user = await findUserById(ctx.db, claims.userId);
  if (!user) throw invalidLink();
  const actor = actorForUser(user);
  if (!roleAtLeast(actor.role, 'responder')) throw forbidden('Your role cannot acknowledge or resolve alerts');
  if (!(await spendNonce(ctx.db, claims.nonce, ctx.clock.now()))) {
    throw new DomainError(ErrorCode.Conflict, 'This link was already used.');
  }
  const result = await transitionAlert({ ...ctx, actor }, claims.alertId, claims.action, via);
  ctx.log.event('ACTION_LINK_USED', { alertId: claims.alertId, action: claims.action, changed: result.changed, via });
  const alert = await findAlertWithService(ctx.db, claims.alertId);
  return { claims, changed: result.changed, alertNumber: alert ? Number(alert.number) : null };
}

function readClaims(ctx: Ctx, token: string): ActionClaims {
  const now = ctx.clock.now();
  const claims = verifyActionToken(ctx.settings.secret, token, 'acknowledge', now) ?? verifyActionToken(ctx.settings.secret, token, 'resolve', now);
  if (!claims) throw invalidLink();
  return claims;
}

/**
 * "42A" from a verified phone acknowledges alert #42 as its owner, but only if #42
 * (or the storm group it joined) was paged to them: any verified phone could
 * otherwise act on every alert by guessing numbers. Returns the reply text.
 */
export async function actBySms(ctx: Ctx, from: string, body: string): Promise<string> {
  const code = parseReplyCode(body);
  if (!code) return 'Reply with the code from the message, e.g. 42A to acknowledge or 42R to resolve.';
  const owners = await usersByVerifiedPhone(ctx.db, from);
  if (!owners.length) return 'This number is not a verified contact method in Operable.';
  const alert = await findAlertByNumber(ctx.db, code.alertNumber);
  if (!alert) return `There is no alert #${code.alertNumber}.`;
  const paged = await firstPagedUser(ctx.db, [alert.id, ...(alert.group_leader_id ? [alert.group_leader_id] : [])], owners);
  const user = paged ? await findUserById(ctx.db, paged) : undefined;
  if (!user) {
    ctx.log.event('SMS_REPLY_NOT_PAGED', { alertId: alert.id, action: code.action, userIds: owners });
    return `Alert #${code.alertNumber} was not paged to you, so nothing was changed. Open it in Operable to act on it.`;
  }
  const actor = actorForUser(user);
  if (!roleAtLeast(actor.role, 'responder')) return 'Your role cannot acknowledge or resolve alerts.';
  const { changed } = await transitionAlert({ ...ctx, actor }, alert.id, code.action, 'sms');
  ctx.log.event('SMS_REPLY_RECEIVED', { alertId: alert.id, action: code.action, changed });
  const done = code.action === 'acknowledge' ? 'Acknowledged' : 'Resolved';
  return changed ? `${done} #${code.alertNumber}: ${alert.summary}` : `#${code.alertNumber} is already ${alert.status}.`;
}
