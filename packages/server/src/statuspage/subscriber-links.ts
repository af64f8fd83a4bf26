import { hmac, safeEqual } from '../lib/crypto.js';

/**
 * Signed, single-purpose links for subscribers. A confirmation link expires (48 h);
 * an unsubscribe link never does: it sits in every email and must work one click
 * later, years on. Each signs its purpose, so one cannot stand in for the other.
 */
export const CONFIRM_HOURS = 48;

export function confirmToken(secret: string, subscriberId: string, now: Date): string {
  const expires = now.getTime() + CONFIRM_HOURS * 3_600_000;
  return `${subscriberId}.${expires}.${hmac(secret, `statuspage-confirm:${subscriberId}:${expires}`)}`;
}

export function readConfirmToken(secret: string, token: string, now: Date): string | null {
  const [id, expires, sig] = token.split('.');
  if (!id || !expires || !sig || !/^\d{1,15}$/.test(expires) || Number(expires) < now.getTime()) return null;
  return safeEqual(sig, hmac(secret, `statuspage-confirm:${id}:${expires}`)) ? id : null;
}

export function unsubscribeToken(secret: string, subscriberId: string): string {
  return `${subscriberId}.${hmac(secret, `statuspage-unsubscribe:${subscriberId}`)}`;
}

export function readUnsubscribeToken(secret: string, token: string): string | null {
  const [id, sig, extra] = token.split('.');
  if (!id || !sig || extra !== undefined) return null;
  return safeEqual(sig, hmac(secret, `statuspage-unsubscribe:${id}`)) ? id : null;
}
