import fc from 'fast-check';
import { DateTime, IANAZone } from 'luxon';
import { describe, expect, it } from 'vitest';
import { type RecurringMaintenance, activeMaintenance, maintenanceEndsAt, nextOccurrences } from './maintenance.js';

const ZONES = ['Europe/Berlin', 'America/New_York', 'Australia/Sydney', 'Asia/Kolkata', 'UTC'] as const;
const MINUTE = 60_000;
/** 2026's DST transitions in the tested zones; uniform sampling would almost never land near one. */
const TRANSITIONS = ['2026-03-08T07:00Z', '2026-03-29T01:00Z', '2026-04-04T16:00Z', '2026-10-03T16:00Z', '2026-10-25T01:00Z', '2026-11-01T06:00Z'];
const instantIn2026 = fc.oneof(
  fc.integer({ min: Date.UTC(2026, 0, 1), max: Date.UTC(2027, 0, 1) }),
  fc.tuple(fc.constantFrom(...TRANSITIONS), fc.integer({ min: -3 * 24 * 60, max: 3 * 24 * 60 })).map(([iso, m]) => Date.parse(iso) + m * MINUTE),
);
const clockTime = fc
  .tuple(fc.integer({ min: 0, max: 23 }), fc.constantFrom(0, 15, 30, 45, 59))
  .map(([h, m]) => `${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}`);
const arbRecurring: fc.Arbitrary<RecurringMaintenance> = fc.record({
  id: fc.constant('w'),
  serviceIds: fc.constant(['api']),
  kind: fc.constant('recurring' as const),
  timeZone: fc.constantFrom(...ZONES),
  days: fc.uniqueArray(fc.integer({ min: 1, max: 7 }), { minLength: 1, maxLength: 7 }),
  start: clockTime,
  durationMinutes: fc.oneof(fc.integer({ min: 1, max: 180 }), fc.integer({ min: 1, max: 10080 })),
});

describe('maintenance properties', () => {
  it('a once window covers exactly [startsAt, endsAt)', () => {
    fc.assert(
      fc.property(instantIn2026, fc.integer({ min: -600, max: 6000 }), fc.integer({ min: -7200, max: 7200 }), (start, minutes, probe) => {
        const w = { id: 'o', serviceIds: 'all' as const, kind: 'once' as const, startsAt: new Date(start), endsAt: new Date(start + minutes * MINUTE) };
        const at = new Date(start + probe * MINUTE);
        const inside = w.startsAt <= at && at < w.endsAt;
        expect(activeMaintenance([w], 'x', at) !== null).toBe(inside);
        expect(maintenanceEndsAt(w, at)).toEqual(inside ? w.endsAt : at);
      }),
    );
  });

  it('every instant inside an occurrence is suppressed until after it, for exactly durationMinutes', () => {
    fc.assert(
      fc.property(arbRecurring, instantIn2026, fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }), (w, from, fraction) => {
        for (const o of nextOccurrences(w, new Date(from), 3)) {
          expect(o.endsAt.getTime() - o.startsAt.getTime()).toBe(w.durationMinutes * MINUTE);
          const at = new Date(o.startsAt.getTime() + Math.floor(fraction * w.durationMinutes * MINUTE));
          expect(activeMaintenance([w], 'api', at)).toBe(w);
          expect(maintenanceEndsAt(w, at).getTime()).toBeGreaterThan(at.getTime());
          expect(maintenanceEndsAt(w, at).getTime()).toBeGreaterThanOrEqual(o.endsAt.getTime());
        }
      }),
    );
  });

  it('is in effect exactly when some occurrence covers the instant', () => {
    fc.assert(
      fc.property(arbRecurring, instantIn2026, (w, t) => {
        const at = new Date(t);
        // Every occurrence that could cover `at` started within the previous 8 days.
        const around = nextOccurrences(w, new Date(t - 8 * 24 * 60 * MINUTE), 80).filter((o) => o.startsAt <= at);
        const covering = around.filter((o) => at < o.endsAt);
        const ends = maintenanceEndsAt(w, at);
        expect(ends.getTime() > t).toBe(covering.length > 0);
        expect(activeMaintenance([w], 'api', at) !== null).toBe(covering.length > 0);
        if (covering.length > 0) expect(ends.getTime()).toBe(Math.max(...covering.map((o) => o.endsAt.getTime())));
      }),
    );
  });

  it('starts on a listed day at the wall-clock start, or at the end of a DST gap that swallowed it', () => {
    fc.assert(
      fc.property(arbRecurring, instantIn2026, (w, from) => {
        const zone = IANAZone.create(w.timeZone);
        const found = nextOccurrences(w, new Date(from), 4);
        expect(found).toHaveLength(4);
        expect(found[0]!.endsAt.getTime()).toBeGreaterThan(from);
        const wall = (ms: number) => DateTime.fromMillis(ms, { zone }).toFormat('HH:mm');
        for (const [i, o] of found.entries()) {
          const t = o.startsAt.getTime();
          if (i > 0) expect(t).toBeGreaterThan(found[i - 1]!.startsAt.getTime());
          expect(w.days).toContain(DateTime.fromMillis(t, { zone }).weekday);
          if (wall(t) !== w.start) {
            // Swallowed by a spring-forward gap: starts the instant the clock jumps past it.
            expect(zone.offset(t - 1)).toBeLessThan(zone.offset(t));
            expect(wall(t - 1) < w.start && w.start < wall(t)).toBe(true);
          }
          // On a fall-back day the first of the two matching instants is the start.
          const hourEarlier = t - 60 * MINUTE;
          expect(zone.offset(hourEarlier) > zone.offset(t) && wall(hourEarlier) === w.start).toBe(false);
        }
      }),
    );
  });
});
