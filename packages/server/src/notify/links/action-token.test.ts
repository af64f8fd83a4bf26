import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { hmac } from '../../lib/crypto.js';
import { signActionToken, verifyActionToken, type ActionClaims } from './index.js';

const SECRET = 's'.repeat(40);
const NOW = new Date('2026-03-03T10:00:00Z');
const claims: ActionClaims = {
  action: 'acknowledge',
  alertId: '0b7c2f1e-7a51-4d7e-9a3f-6c1d2e3f4a5b',
  userId: '6f1f5bbf-6a43-4e0f-9e7a-3c64b0a4f0b1',
  expiresAt: new Date('2026-03-04T10:00:00Z'),
  nonce: 'n-Z3k9q1',
};

const claimsArb = fc.record({
  action: fc.constantFrom('acknowledge' as const, 'resolve' as const),
  alertId: fc.string(),
  userId: fc.string(),
  // Tokens carry whole seconds, so generate whole seconds after NOW.
  expiresAt: fc.integer({ min: 1, max: 10 * 365 * 86_400 }).map((s) => new Date(NOW.getTime() + s * 1000)),
  nonce: fc.string({ minLength: 1 }),
});

describe('action link tokens', () => {
  it('round-trip any claims while valid', () => {
    fc.assert(
      fc.property(claimsArb, (c) => {
        expect(verifyActionToken(SECRET, signActionToken(SECRET, c), c.action, NOW)).toEqual(c);
      }),
    );
  });

  it('are URL-safe without escaping', () => {
    fc.assert(
      fc.property(claimsArb, (c) => {
        expect(signActionToken(SECRET, c)).toMatch(/^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/);
      }),
    );
  });

  it('are bound to their action: an acknowledge link never resolves, and the reverse', () => {
    expect(verifyActionToken(SECRET, signActionToken(SECRET, claims), 'resolve', NOW)).toBeNull();
    const resolve = signActionToken(SECRET, { ...claims, action: 'resolve' });
    expect(verifyActionToken(SECRET, resolve, 'acknowledge', NOW)).toBeNull();
    expect(verifyActionToken(SECRET, resolve, 'resolve', NOW)?.action).toBe('resolve');
  });

  it('expire at expiresAt', () => {
    const token = signActionToken(SECRET, claims);
    expect(verifyActionToken(SECRET, token, 'acknowledge', new Date(claims.expiresAt.getTime() - 1000))).not.toBeNull();
    expect(verifyActionToken(SECRET, token, 'acknowledge', claims.expiresAt)).toBeNull();
  });

  it('are rejected under another secret', () => {
    expect(verifyActionToken('t'.repeat(40), signActionToken(SECRET, claims), 'acknowledge', NOW)).toBeNull();
  });

  it('reject a payload swapped in from another token (e.g. another alert)', () => {
    const mine = signActionToken(SECRET, claims);
    const other = signActionToken(SECRET, { ...claims, alertId: 'someone-elses-alert' });
    const spliced = `${other.split('.')[0]}.${mine.split('.')[1]}`;
    expect(verifyActionToken(SECRET, spliced, 'acknowledge', NOW)).toBeNull();
  });

  it('do not accept a MAC made for another purpose with the same secret (domain separation)', () => {
    const [payload] = signActionToken(SECRET, claims).split('.');
    expect(verifyActionToken(SECRET, `${payload}.${hmac(SECRET, payload!)}`, 'acknowledge', NOW)).toBeNull();
  });

  it('reject any single-character change', () => {
    fc.assert(
      fc.property(claimsArb, fc.nat(), fc.constantFrom(...'AbZ09-_.x='), (c, at, ch) => {
        const token = signActionToken(SECRET, c);
        const i = at % token.length;
        fc.pre(token[i] !== ch);
        const tampered = token.slice(0, i) + ch + token.slice(i + 1);
        expect(verifyActionToken(SECRET, tampered, c.action, NOW)).toBeNull();
      }),
    );
  });

  it('never throw on garbage', () => {
    fc.assert(
      fc.property(fc.string(), fc.constantFrom('acknowledge' as const, 'resolve' as const), (s, action) => {
        expect(verifyActionToken(SECRET, s, action, NOW)).toBeNull();
      }),
    );
  });
});
