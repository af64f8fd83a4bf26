import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { generateHistory } from './history.js';

const HOUR = 3_600_000;
const MONDAY = Date.parse('2026-12-07T00:00:00Z');
const gen = (end: number, thisWeekStart?: number) =>
  generateHistory({ serviceIds: ['s1', 's2'], memberIds: ['u1', 'u2', 'u3'], weeks: 12, end, seed: 17, thisWeekStart });

describe('generated demo history', () => {
  it('has a page in this week at any moment of the week after its first minute, and nothing after now', () => {
    fc.assert(
      fc.property(fc.integer({ min: 60_000 + 1, max: 7 * 24 * HOUR }), (intoWeek) => {
        const end = MONDAY + intoWeek;
        const pages = gen(end, MONDAY);
        expect(pages.some((p) => p.triggeredAt >= MONDAY)).toBe(true);
        for (const p of pages) {
          expect(Math.max(p.triggeredAt, p.acknowledgedAt, p.resolvedAt, ...p.pages.map((x) => x.at))).toBeLessThanOrEqual(end);
          expect(p.acknowledgedAt).toBeGreaterThanOrEqual(p.triggeredAt);
        }
      }),
    );
  });

  it('is the same for the same seed, and has a page five hours ago once the week is that old', () => {
    const end = MONDAY + 30 * HOUR;
    expect(gen(end, MONDAY)).toEqual(gen(end, MONDAY));
    expect(gen(end, MONDAY).some((p) => p.triggeredAt === end - 5 * HOUR)).toBe(true);
  });
});
