import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { timeOrderedId } from './ids.js';

// Version 7 with the RFC 9562 variant: 48 time bits, "7", 12 random bits, variant 10xx, 62 random bits.
const V7 = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe('timeOrderedId', () => {
  it('is a version 7 UUID carrying the time, accepted as a UUID by the API schemas', () => {
    const id = timeOrderedId(Date.UTC(2026, 11, 7, 1, 2, 3, 456));
    expect(id).toMatch(V7);
    expect(parseInt(id.replace('-', '').slice(0, 12), 16)).toBe(Date.UTC(2026, 11, 7, 1, 2, 3, 456));
    expect(z.uuid().safeParse(id).success).toBe(true);
  });

  it('always: ids made at a later millisecond sort after earlier ones (as text, the order PostgreSQL gives uuids)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 2 ** 48 - 2 }), fc.integer({ min: 1, max: 10 ** 9 }), (t, later) => {
        const a = timeOrderedId(t);
        const b = timeOrderedId(Math.min(2 ** 48 - 1, t + later));
        expect(a).toMatch(V7);
        expect(b).toMatch(V7);
        expect(a < b).toBe(true);
      }),
      { numRuns: 500 },
    );
  });

  it('never repeats within one millisecond', () => {
    const ids = Array.from({ length: 10_000 }, () => timeOrderedId(1_700_000_000_000));
    expect(new Set(ids).size).toBe(ids.length);
  });
});
