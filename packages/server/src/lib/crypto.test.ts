import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { hashPassword, needsRehash, PASSWORD_COST, passwordHashCost, unusablePasswordHash, verifyPassword, type ScryptCost } from './crypto.js';

const LOW: ScryptCost = { N: 1024, r: 8, p: 1 };

describe('password hashes', () => {
  it('are made at OWASP’s cost by default (N=2^17, r=8, p=1, 128 MiB), which Node allows only with maxmem', async () => {
    expect(PASSWORD_COST).toEqual({ N: 131072, r: 8, p: 1 });
    const hash = await hashPassword('correct horse battery staple');
    expect(hash).toMatch(/^scrypt\$131072\$8\$1\$[\w-]{22}\$[\w-]{43}$/);
    expect(await verifyPassword('correct horse battery staple', hash)).toBe(true);
    expect(await verifyPassword('correct horse battery stapler', hash)).toBe(false);
  });

  it('keep their cost, so hashes made at an older cost still verify', async () => {
    const old = await hashPassword('hunter2 but longer', { N: 16384, r: 8, p: 1 });
    expect(old.startsWith('scrypt$16384$8$1$')).toBe(true);
    expect(passwordHashCost(old)).toEqual({ N: 16384, r: 8, p: 1 });
    expect(await verifyPassword('hunter2 but longer', old)).toBe(true);
    expect(await verifyPassword('hunter3 but longer', old)).toBe(false);
  });

  it('that are not ours never match and never throw', async () => {
    for (const stored of ['', 'plain', 'bcrypt$2b$10$x$y', 'scrypt$x$8$1$AAAA$AAAA', 'scrypt$1024$8$0$AAAA$AAAA', 'scrypt$1024$8$1$$']) {
      expect(await verifyPassword('anything', stored), stored).toBe(false);
      expect(needsRehash(stored, LOW), stored).toBe(true);
    }
    expect(await verifyPassword('anything', unusablePasswordHash(LOW))).toBe(false);
  });

  it('need a rehash exactly when one of their parameters is below the wanted cost', () => {
    const cost = fc.record({ N: fc.constantFrom(1024, 16384, 131072, 262144), r: fc.integer({ min: 1, max: 16 }), p: fc.integer({ min: 1, max: 4 }) });
    fc.assert(
      fc.property(cost, cost, (was, wanted) => {
        const stored = `scrypt$${was.N}$${was.r}$${was.p}$${'A'.repeat(22)}$${'A'.repeat(43)}`;
        expect(needsRehash(stored, wanted)).toBe(was.N < wanted.N || was.r < wanted.r || was.p < wanted.p);
      }),
    );
  });
});
