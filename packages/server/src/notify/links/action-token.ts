import { hmac, safeEqual } from '../../lib/crypto.js';

/**
 * Tokens for the one-click Acknowledge / Resolve links in notifications.
 *
 * - Signed: HMAC-SHA256 under the server's signing secret; any change is rejected.
 * - Purpose-bound: the action is inside the signed payload and the MAC input is
 *   prefixed with a label of its own, so an acknowledge token never resolves and no
 *   other token signed with the same secret (password links) is accepted here.
 * - Expiring: `expiresAt` is signed and checked against the caller's `now`.
 * - Single use is NOT enforced here: the caller must record `nonce` when it acts
 *   (e.g. a unique index on used nonces, inserted in the same transaction as the
 *   acknowledge) and refuse a nonce it has seen. Verifying is pure so the link page
 *   can show a confirm button (GET) without spending the token; only the POST spends it.
 */

export type LinkAction = 'acknowledge' | 'resolve';

export interface ActionClaims {
  action: LinkAction;
  alertId: string;
  userId: string;
  /** Whole seconds: the token stores Unix seconds. */
  expiresAt: Date;
  nonce: string;
}

const LABEL = 'operable.alert-action.v1';
const ACTIONS: readonly LinkAction[] = ['acknowledge', 'resolve'];

const mac = (secret: string, payload: string) => hmac(secret, `${LABEL}.${payload}`);

export function signActionToken(secret: string, claims: ActionClaims): string {
  const payload = Buffer.from(
    JSON.stringify({
      a: claims.action,
      al: claims.alertId,
      u: claims.userId,
      e: Math.floor(claims.expiresAt.getTime() / 1000),
      n: claims.nonce,
    }),
  ).toString('base64url');
  return `${payload}.${mac(secret, payload)}`;
}

function readPayload(payload: string): ActionClaims | null {
  try {
    const body: unknown = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
    if (typeof body !== 'object' || body === null) return null;
    const { a, al, u, e, n } = body as Record<string, unknown>;
    if (!ACTIONS.includes(a as LinkAction) || typeof al !== 'string' || typeof u !== 'string') return null;
    if (typeof n !== 'string' || typeof e !== 'number' || !Number.isSafeInteger(e)) return null;
    return { action: a as LinkAction, alertId: al, userId: u, expiresAt: new Date(e * 1000), nonce: n };
  } catch {
    return null;
  }
}

/** The claims when the token is genuine, for `expectedAction`, and not expired at `now`; otherwise null. Never throws. */
export function verifyActionToken(secret: string, token: string, expectedAction: LinkAction, now: Date): ActionClaims | null {
  if (typeof token !== 'string') return null;
  const parts = token.split('.');
  if (parts.length !== 2) return null;
  const [payload, signature] = parts as [string, string];
  // Signature first: nothing from an unauthenticated payload is trusted, not even to parse.
  if (!payload || !safeEqual(signature, mac(secret, payload))) return null;
  // base64url decoding ignores some stray characters; require the canonical form so
  // one token has exactly one spelling (nonce bookkeeping relies on that).
  if (Buffer.from(payload, 'base64url').toString('base64url') !== payload) return null;
  const claims = readPayload(payload);
  if (!claims || claims.action !== expectedAction || claims.expiresAt <= now) return null;
  return claims;
}
