import type { WorkingHours } from '@operable/shared';
import { describe, expect, it } from 'vitest';
import { DomainError } from '../../lib/errors.js';
import { isWithinWorkingHours, nextWorkingStart } from './working-hours.js';

const d = (iso: string) => new Date(iso);
const OFFICE: WorkingHours = { days: [1, 2, 3, 4, 5], start: '09:00', end: '17:00' };
const within = (hours: WorkingHours, zone: string, at: string) => isWithinWorkingHours(hours, zone, d(at));
const next = (hours: WorkingHours, zone: string, at: string) => nextWorkingStart(hours, zone, d(at))?.toISOString() ?? null;

describe('office hours 09:00–17:00 Monday–Friday, Europe/Berlin', () => {
  const z = 'Europe/Berlin';

  it('holds from 09:00 up to but not including 17:00 local', () => {
    expect(within(OFFICE, z, '2026-01-14T07:59:59.999Z')).toBe(false); // Wed 08:59:59 CET
    expect(within(OFFICE, z, '2026-01-14T08:00:00Z')).toBe(true);
    expect(within(OFFICE, z, '2026-01-14T15:59:59.999Z')).toBe(true);
    expect(within(OFFICE, z, '2026-01-14T16:00:00Z')).toBe(false);
    expect(within(OFFICE, z, '2026-07-15T07:30:00Z')).toBe(true); // 09:30 CEST
    expect(within(OFFICE, z, '2026-07-15T15:30:00Z')).toBe(false); // 17:30 CEST
  });

  it('is closed at weekends', () => {
    expect(within(OFFICE, z, '2026-01-17T10:00:00Z')).toBe(false);
    expect(within(OFFICE, z, '2026-01-18T10:00:00Z')).toBe(false);
  });

  it('releases a Friday-evening low-urgency notification on Monday at 09:00', () => {
    expect(next(OFFICE, z, '2026-01-16T17:00:00Z')).toBe('2026-01-19T08:00:00.000Z');
    expect(next(OFFICE, z, '2026-01-17T12:00:00Z')).toBe('2026-01-19T08:00:00.000Z');
  });

  it('releases at once inside working hours', () => {
    expect(next(OFFICE, z, '2026-01-14T10:00:00Z')).toBe('2026-01-14T10:00:00.000Z');
  });

  it('releases early-morning ones at 09:00 the same day', () => {
    expect(next(OFFICE, z, '2026-01-14T03:00:00Z')).toBe('2026-01-14T08:00:00.000Z');
  });

  it('keeps 09:00 local across the spring-forward and fall-back weekends', () => {
    expect(next(OFFICE, z, '2026-03-28T12:00:00Z')).toBe('2026-03-30T07:00:00.000Z'); // Monday 09:00 CEST
    expect(next(OFFICE, z, '2026-10-24T12:00:00Z')).toBe('2026-10-26T08:00:00.000Z'); // Monday 09:00 CET
  });
});

describe('working hours in other zones across 2026 DST transitions', () => {
  it.each([
    ['America/New_York', '2026-03-06T22:00:00Z', '2026-03-09T13:00:00.000Z'], // Monday 09:00 EDT
    ['America/New_York', '2026-10-30T22:00:00Z', '2026-11-02T14:00:00.000Z'], // Monday 09:00 EST
    ['Australia/Sydney', '2026-04-03T08:00:00Z', '2026-04-05T23:00:00.000Z'], // Monday 09:00 AEST
    ['Australia/Sydney', '2026-10-02T08:00:00Z', '2026-10-04T22:00:00.000Z'], // Monday 09:00 AEDT
    ['Asia/Kolkata', '2026-03-27T13:00:00Z', '2026-03-30T03:30:00.000Z'], // Monday 09:00 IST
    ['UTC', '2026-10-23T18:00:00Z', '2026-10-26T09:00:00.000Z'],
  ])('%s from %s → %s', (zone, from, expected) => {
    expect(next(OFFICE, zone, from)).toBe(expected);
    expect(within(OFFICE, zone, expected)).toBe(true);
    expect(within(OFFICE, zone, new Date(d(expected).getTime() - 1).toISOString())).toBe(false);
  });

  it('is closed at 17:00 local in Kolkata (a half-hour offset)', () => {
    expect(within(OFFICE, 'Asia/Kolkata', '2026-01-14T11:29:00Z')).toBe(true);
    expect(within(OFFICE, 'Asia/Kolkata', '2026-01-14T11:30:00Z')).toBe(false);
  });
});

describe('spans that cross midnight', () => {
  const NIGHTS: WorkingHours = { days: [5], start: '22:00', end: '06:00' };

  it('belong to the day they start on', () => {
    expect(within(NIGHTS, 'UTC', '2026-01-16T23:00:00Z')).toBe(true); // Friday night
    expect(within(NIGHTS, 'UTC', '2026-01-17T05:59:00Z')).toBe(true); // Saturday morning, Friday's shift
    expect(within(NIGHTS, 'UTC', '2026-01-17T06:00:00Z')).toBe(false);
    expect(within(NIGHTS, 'UTC', '2026-01-16T03:00:00Z')).toBe(false); // Friday morning is Thursday's, not listed
    expect(next(NIGHTS, 'UTC', '2026-01-17T07:00:00Z')).toBe('2026-01-23T22:00:00.000Z');
  });

  it('last their wall-clock length across a transition', () => {
    const sat: WorkingHours = { days: [6], start: '22:00', end: '06:00' };
    // Saturday 22:00 CET to Sunday 06:00 CEST: seven hours.
    expect(within(sat, 'Europe/Berlin', '2026-03-28T21:00:00Z')).toBe(true);
    expect(within(sat, 'Europe/Berlin', '2026-03-29T03:59:00Z')).toBe(true);
    expect(within(sat, 'Europe/Berlin', '2026-03-29T04:00:00Z')).toBe(false);
  });

  it('treat an equal start and end as a whole day', () => {
    const allDay: WorkingHours = { days: [3], start: '00:00', end: '00:00' };
    expect(within(allDay, 'UTC', '2026-01-14T00:00:00Z')).toBe(true);
    expect(within(allDay, 'UTC', '2026-01-14T23:59:59Z')).toBe(true);
    expect(within(allDay, 'UTC', '2026-01-15T00:00:00Z')).toBe(false);
    const fromEight: WorkingHours = { days: [3], start: '08:00', end: '08:00' };
    expect(within(fromEight, 'UTC', '2026-01-15T07:59:00Z')).toBe(true);
  });
});

describe('wall-clock edge cases (Europe/Berlin, Sunday transitions)', () => {
  const z = 'Europe/Berlin';

  it('a start inside the spring-forward gap opens when the clock jumps', () => {
    const h: WorkingHours = { days: [7], start: '02:30', end: '05:00' };
    expect(next(h, z, '2026-03-28T12:00:00Z')).toBe('2026-03-29T01:00:00.000Z'); // 03:00 CEST
    expect(within(h, z, '2026-03-29T00:59:00Z')).toBe(false);
  });

  it('a span entirely inside the gap does not happen that day', () => {
    const h: WorkingHours = { days: [7], start: '02:10', end: '02:40' };
    expect(next(h, z, '2026-03-28T12:00:00Z')).toBe('2026-04-05T00:10:00.000Z');
  });

  it('an ambiguous start takes the first 02:30, an ambiguous end the last', () => {
    expect(next({ days: [7], start: '02:30', end: '04:00' }, z, '2026-10-24T12:00:00Z')).toBe('2026-10-25T00:30:00.000Z');
    const h: WorkingHours = { days: [7], start: '00:00', end: '02:30' };
    expect(within(h, z, '2026-10-25T01:15:00Z')).toBe(true); // 02:15 CET, the second time round
    expect(within(h, z, '2026-10-25T01:30:00Z')).toBe(false);
  });
});

describe('no working days', () => {
  it('is never within and has no next start', () => {
    const none: WorkingHours = { days: [], start: '09:00', end: '17:00' };
    expect(within(none, 'UTC', '2026-01-14T10:00:00Z')).toBe(false);
    expect(next(none, 'UTC', '2026-01-14T10:00:00Z')).toBeNull();
  });
});

describe('invalid input', () => {
  it.each<[WorkingHours, string, string]>([
    [OFFICE, 'Mars/Base', 'timeZone'],
    [{ ...OFFICE, start: '9:00' }, 'UTC', 'workingHours.start'],
    [{ ...OFFICE, end: '24:00' }, 'UTC', 'workingHours.end'],
    [{ ...OFFICE, days: [0] }, 'UTC', 'workingHours.days'],
  ])('%o in %s is rejected naming %s', (hours, zone, field) => {
    expect(() => isWithinWorkingHours(hours, zone, d('2026-01-14T10:00:00Z'))).toThrow(DomainError);
    expect(() => nextWorkingStart(hours, zone, d('2026-01-14T10:00:00Z'))).toThrow(
      expect.objectContaining({ details: { fields: [expect.objectContaining({ field })] } }),
    );
  });
});
