import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { overrideSpan } from './override-span';

const H = 3_600_000;
const NOW = Date.UTC(2026, 0, 1, 3, 17, 42);

describe('override form defaults', () => {
  it('keeps a future shift as it is', () => {
    expect(overrideSpan(NOW + H, NOW + 9 * H, NOW)).toEqual({ start: NOW + H, end: NOW + 9 * H });
  });
  it('starts the current shift now, at the minute', () => {
    expect(overrideSpan(NOW - 2 * H, NOW + 6 * H, NOW)).toEqual({ start: Date.UTC(2026, 0, 1, 3, 17), end: NOW + 6 * H });
  });
  it('turns a shift that already ended into the next hour', () => {
    expect(overrideSpan(NOW - 9 * H, NOW - H, NOW)).toEqual({ start: Date.UTC(2026, 0, 1, 3, 17), end: Date.UTC(2026, 0, 1, 4, 17) });
  });
  it('never starts before the current minute and always ends after it starts', () => {
    fc.assert(
      fc.property(fc.integer({ min: -1e9, max: 1e9 }), fc.integer({ min: 1, max: 1e9 }), (offset, length) => {
        const s = overrideSpan(NOW + offset, NOW + offset + length, NOW);
        expect(s.start).toBeGreaterThanOrEqual(Math.floor(NOW / 60_000) * 60_000);
        expect(s.end).toBeGreaterThan(s.start);
      }),
    );
  });
});
