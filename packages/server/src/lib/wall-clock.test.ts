import fc from 'fast-check';
import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { DomainError } from './errors.js';
import { localDate, parseClockTime, wallClockInstant, zoneNamed } from './wall-clock.js';

const ZONES = ['Europe/Berlin', 'America/New_York', 'Australia/Sydney', 'Asia/Kolkata', 'UTC'] as const;
/** 2026's DST transitions in the tested zones; uniform sampling would almost never land near one. */
const TRANSITIONS = ['2026-03-08T07:00Z', '2026-03-29T01:00Z', '2026-04-04T16:00Z', '2026-10-03T16:00Z', '2026-10-25T01:00Z', '2026-11-01T06:00Z'];
const MINUTE = 60_000;
const minuteIn2026 = fc.oneof(
  fc.integer({ min: Date.UTC(2026, 0, 1) / MINUTE, max: Date.UTC(2027, 0, 1) / MINUTE }).map((m) => m * MINUTE),
  fc
    .tuple(fc.constantFrom(...TRANSITIONS), fc.integer({ min: -36 * 60, max: 36 * 60 }))
    .map(([iso, m]) => Date.parse(iso) + m * MINUTE),
);

const at = (zone: string, date: string, clock: string, prefer: 'earlier' | 'later' = 'earlier') =>
  new Date(wallClockInstant(zoneNamed(zone), DateTime.fromISO(date, { zone: 'utc' }), parseClockTime(clock, 'start'), prefer)).toISOString();

describe('wall-clock resolution', () => {
  it.each([
    // zone, local date, time, earlier, later
    ['Europe/Berlin', '2026-01-14', '02:30', '2026-01-14T01:30:00.000Z', '2026-01-14T01:30:00.000Z'],
    ['Europe/Berlin', '2026-03-29', '02:30', '2026-03-29T01:00:00.000Z', '2026-03-29T01:00:00.000Z'], // gap → 03:00 CEST
    ['Europe/Berlin', '2026-03-29', '02:00', '2026-03-29T01:00:00.000Z', '2026-03-29T01:00:00.000Z'],
    ['Europe/Berlin', '2026-03-29', '03:00', '2026-03-29T01:00:00.000Z', '2026-03-29T01:00:00.000Z'],
    ['Europe/Berlin', '2026-10-25', '02:30', '2026-10-25T00:30:00.000Z', '2026-10-25T01:30:00.000Z'], // ambiguous
    ['America/New_York', '2026-03-08', '02:30', '2026-03-08T07:00:00.000Z', '2026-03-08T07:00:00.000Z'],
    ['America/New_York', '2026-11-01', '01:30', '2026-11-01T05:30:00.000Z', '2026-11-01T06:30:00.000Z'],
    ['Australia/Sydney', '2026-10-04', '02:30', '2026-10-03T16:00:00.000Z', '2026-10-03T16:00:00.000Z'],
    ['Australia/Sydney', '2026-04-05', '02:30', '2026-04-04T15:30:00.000Z', '2026-04-04T16:30:00.000Z'],
    ['Asia/Kolkata', '2026-03-29', '02:30', '2026-03-28T21:00:00.000Z', '2026-03-28T21:00:00.000Z'],
    ['UTC', '2026-10-25', '02:30', '2026-10-25T02:30:00.000Z', '2026-10-25T02:30:00.000Z'],
  ])('%s %s %s → %s / %s', (zone, date, clock, earlier, later) => {
    expect(at(zone, date, clock, 'earlier')).toBe(earlier);
    expect(at(zone, date, clock, 'later')).toBe(later);
  });

  it('rejects unknown zones and malformed clock times, naming the field', () => {
    expect(() => zoneNamed('Mars/Olympus', 'timeZone')).toThrow(DomainError);
    for (const bad of ['24:00', '9:00', '09:60', '0900', '']) {
      expect(() => parseClockTime(bad, 'start')).toThrow(expect.objectContaining({ details: { fields: [expect.objectContaining({ field: 'start' })] } }));
    }
  });

  it('maps every existing wall-clock minute back to itself (one of its occurrences)', () => {
    fc.assert(
      fc.property(fc.constantFrom(...ZONES), minuteIn2026, (name, t) => {
        const zone = zoneNamed(name);
        const local = DateTime.fromMillis(t, { zone });
        const minute = local.hour * 60 + local.minute;
        const both = [wallClockInstant(zone, localDate(zone, t), minute, 'earlier'), wallClockInstant(zone, localDate(zone, t), minute, 'later')];
        expect(both).toContain(t);
      }),
    );
  });

  it('never runs backwards as the wall clock moves forward on a day', () => {
    const days = fc.oneof(
      fc.integer({ min: 0, max: 364 }).map((d) => DateTime.utc(2026, 1, 1).plus({ days: d })),
      fc.constantFrom('2026-03-08', '2026-03-29', '2026-04-05', '2026-10-04', '2026-10-25', '2026-11-01').map((d) => DateTime.fromISO(d, { zone: 'utc' })),
    );
    fc.assert(
      fc.property(fc.constantFrom(...ZONES), days, fc.integer({ min: 0, max: 1438 }), (name, date, m) => {
        const zone = zoneNamed(name);
        expect(wallClockInstant(zone, date, m + 1, 'earlier')).toBeGreaterThanOrEqual(wallClockInstant(zone, date, m, 'earlier'));
        expect(wallClockInstant(zone, date, m + 1, 'later')).toBeGreaterThanOrEqual(wallClockInstant(zone, date, m, 'later'));
      }),
    );
  });
});
