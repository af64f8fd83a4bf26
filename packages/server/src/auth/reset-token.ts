import { hmac, safeEqual, sha256 } from '../lib/crypto.js';

/**
 * Password links are signed, expiring and single-purpose. The signature also covers
 * a fingerprint of the current password hash, so a link stops working the moment
 * it has been used (or the password changed some other way): single use without
 * storing anything.
 */
const PURPOSE = 'password-reset';

export interface ResetClaims {
  userId: string;
  expiresAt: Date;
}

const fingerprint = (passwordHash: string | null) => sha256(passwordHash ?? 'unset').slice(0, 16);

export function signResetToken(secret: string, claims: ResetClaims, passwordHash: string | null): string {
  const payload = Buffer.from(
    JSON.stringify({ p: PURPOSE, u: claims.userId, e: Math.floor(claims.expiresAt.getTime() / 1000) }),
  ).toString('base64url');
  return `${payload}.${hmac(secret, `${payload}.${fingerprint(passwordHash)}`)}`;
}

/** The claims, without checking the signature: enough to find whose hash to check it against. */
export function readResetToken(token: string): ResetClaims | null {
  const [payload] = token.split('.');
  try {
    const body = JSON.parse(Buffer.from(payload ?? '', 'base64url').toString('utf8'));
    if (body?.p !== PURPOSE || typeof body.u !== 'string' || typeof body.e !== 'number') return null;
    return { userId: body.u, expiresAt: new Date(body.e * 1000) };
  } catch {
    return null;
  }
}

export function verifyResetToken(secret: string, token: string, passwordHash: string | null, now: Date): ResetClaims | null {
  const [payload, signature, extra] = token.split('.');
  if (!payload || !signature || extra !== undefined) return null;
  const claims = readResetToken(token);
  if (!claims || claims.expiresAt <= now) return null;
  return safeEqual(signature, hmac(secret, `${payload}.${fingerprint(passwordHash)}`)) ? claims : null;
}
