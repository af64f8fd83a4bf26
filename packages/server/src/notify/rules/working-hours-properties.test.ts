import type { WorkingHours } from '@operable/shared';
import fc from 'fast-check';
import { DateTime, IANAZone } from 'luxon';
import { describe, expect, it } from 'vitest';
import { isWithinWorkingHours, nextWorkingStart } from './working-hours.js';

const ZONES = ['Europe/Berlin', 'America/New_York', 'Australia/Sydney', 'Asia/Kolkata', 'UTC'] as const;
const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;
/** 2026's DST transitions in the tested zones; uniform sampling would almost never land near one. */
const TRANSITIONS = ['2026-03-08T07:00Z', '2026-03-29T01:00Z', '2026-04-04T16:00Z', '2026-10-03T16:00Z', '2026-10-25T01:00Z', '2026-11-01T06:00Z'].map(Date.parse);
const instantIn2026 = fc.oneof(
  fc.integer({ min: Date.UTC(2026, 0, 1), max: Date.UTC(2027, 0, 1) }),
  fc.tuple(fc.constantFrom(...TRANSITIONS), fc.integer({ min: -3 * 24 * 60, max: 3 * 24 * 60 })).map(([t, m]) => t + m * MINUTE),
);
const clockTime = fc
  .tuple(fc.integer({ min: 0, max: 23 }), fc.constantFrom(0, 15, 30, 45, 59))
  .map(([h, m]) => `${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}`);
const arbHours: fc.Arbitrary<WorkingHours> = fc.record({
  days: fc.uniqueArray(fc.integer({ min: 1, max: 7 }), { minLength: 1, maxLength: 7 }),
  start: clockTime,
  end: clockTime,
});
const minutes = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3));

describe('working hours properties', () => {
  it('inside working hours, the next start is now', () => {
    fc.assert(
      fc.property(arbHours, fc.constantFrom(...ZONES), instantIn2026, (hours, zone, t) => {
        const at = new Date(t);
        if (isWithinWorkingHours(hours, zone, at)) expect(nextWorkingStart(hours, zone, at)).toEqual(at);
      }),
    );
  });

  it('the next start is inside working hours, and nothing between now and it is', () => {
    fc.assert(
      fc.property(arbHours, fc.constantFrom(...ZONES), instantIn2026, fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }), (hours, zone, t, f) => {
        const next = nextWorkingStart(hours, zone, new Date(t));
        expect(next).not.toBeNull();
        const n = next!.getTime();
        expect(n).toBeGreaterThanOrEqual(t);
        expect(n - t).toBeLessThanOrEqual(14 * DAY); // a week, or two when DST empties the only span
        expect(isWithinWorkingHours(hours, zone, next!)).toBe(true);
        if (n > t) {
          expect(isWithinWorkingHours(hours, zone, new Date(n - 1))).toBe(false);
          expect(isWithinWorkingHours(hours, zone, new Date(t + Math.floor(f * (n - t))))).toBe(false);
        }
      }),
    );
  });

  it('a released notification lands on a working day at the start time, or where a DST gap swallowed it', () => {
    fc.assert(
      fc.property(arbHours, fc.constantFrom(...ZONES), instantIn2026, (hours, name, t) => {
        const n = nextWorkingStart(hours, name, new Date(t))!.getTime();
        if (n === t) return;
        const zone = IANAZone.create(name);
        const local = DateTime.fromMillis(n, { zone });
        expect(hours.days).toContain(local.weekday);
        if (local.toFormat('HH:mm') !== hours.start) expect(zone.offset(n - 1)).toBeLessThan(zone.offset(n));
      }),
    );
  });

  it('away from DST transitions, matches a plain reading of the local clock', () => {
    fc.assert(
      fc.property(arbHours, fc.constantFrom(...ZONES), fc.integer({ min: Date.UTC(2026, 0, 1), max: Date.UTC(2027, 0, 1) }), (hours, zone, t) => {
        fc.pre(TRANSITIONS.every((x) => Math.abs(x - t) > 2 * DAY));
        const local = DateTime.fromMillis(t, { zone });
        const m = local.hour * 60 + local.minute;
        const today = hours.days.includes(local.weekday);
        const yesterday = hours.days.includes(((local.weekday + 5) % 7) + 1);
        const [s, e] = [minutes(hours.start), minutes(hours.end)];
        const expected = s < e ? today && s <= m && m < e : (today && m >= s) || (yesterday && m < e);
        expect(isWithinWorkingHours(hours, zone, new Date(t))).toBe(expected);
      }),
    );
  });
});
