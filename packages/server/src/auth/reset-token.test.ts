import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readResetToken, signResetToken, verifyResetToken } from './reset-token.js';

const SECRET = 's'.repeat(40);
const NOW = new Date('2026-03-03T10:00:00Z');
const claims = { userId: '6f1f5bbf-6a43-4e0f-9e7a-3c64b0a4f0b1', expiresAt: new Date('2026-03-04T10:00:00Z') };

describe('password reset tokens', () => {
  it('verify while valid, for the hash they were issued against', () => {
    const token = signResetToken(SECRET, claims, 'hash-1');
    expect(verifyResetToken(SECRET, token, 'hash-1', NOW)).toEqual(claims);
    expect(readResetToken(token)).toEqual(claims);
  });

  it('stop working once the password changes (single use)', () => {
    const token = signResetToken(SECRET, claims, null);
    expect(verifyResetToken(SECRET, token, null, NOW)).not.toBeNull();
    expect(verifyResetToken(SECRET, token, 'new-hash', NOW)).toBeNull();
  });

  it('expire', () => {
    const token = signResetToken(SECRET, claims, null);
    expect(verifyResetToken(SECRET, token, null, claims.expiresAt)).toBeNull();
  });

  it('are rejected under another secret', () => {
    expect(verifyResetToken('t'.repeat(40), signResetToken(SECRET, claims, null), null, NOW)).toBeNull();
  });

  it('reject any single-character change', () => {
    const token = signResetToken(SECRET, claims, 'h');
    fc.assert(
      fc.property(fc.nat({ max: token.length - 1 }), fc.constantFrom(...'AbZ09-_.x'), (i, ch) => {
        fc.pre(token[i] !== ch);
        const tampered = token.slice(0, i) + ch + token.slice(i + 1);
        expect(verifyResetToken(SECRET, tampered, 'h', NOW)).toBeNull();
      }),
    );
  });

  it('never throw on garbage', () => {
    fc.assert(fc.property(fc.string(), (s) => void verifyResetToken(SECRET, s, null, NOW)));
  });
});
