import { describe, expect, it } from 'vitest';
import { DomainError } from '../../lib/errors.js';
import {
  type MaintenanceWindow,
  type OnceMaintenance,
  type RecurringMaintenance,
  activeMaintenance,
  maintenanceEndsAt,
  nextOccurrences,
} from './maintenance.js';

const d = (iso: string) => new Date(iso);
const ALL_DAYS = [1, 2, 3, 4, 5, 6, 7];
const recurring = (over: Partial<RecurringMaintenance> = {}): RecurringMaintenance => ({
  id: 'nightly',
  serviceIds: ['api'],
  kind: 'recurring',
  timeZone: 'Europe/Berlin',
  days: ALL_DAYS,
  start: '02:00',
  durationMinutes: 30,
  ...over,
});
const once = (over: Partial<OnceMaintenance> = {}): OnceMaintenance => ({
  id: 'migration',
  serviceIds: 'all',
  kind: 'once',
  startsAt: d('2026-05-05T20:00:00Z'),
  endsAt: d('2026-05-05T22:00:00Z'),
  ...over,
});
const iso = (o: { startsAt: Date; endsAt: Date }) => [o.startsAt.toISOString(), o.endsAt.toISOString()];
const active = (w: MaintenanceWindow, at: string, service = 'api') => activeMaintenance([w], service, d(at))?.id ?? null;

describe('one-off maintenance', () => {
  it('covers [startsAt, endsAt) for the listed services', () => {
    const w = once({ serviceIds: ['db'] });
    expect(active(w, '2026-05-05T19:59:59.999Z', 'db')).toBeNull();
    expect(active(w, '2026-05-05T20:00:00Z', 'db')).toBe('migration');
    expect(active(w, '2026-05-05T21:59:59.999Z', 'db')).toBe('migration');
    expect(active(w, '2026-05-05T22:00:00Z', 'db')).toBeNull();
    expect(active(w, '2026-05-05T21:00:00Z', 'api')).toBeNull();
  });

  it("'all' covers every service", () => {
    expect(active(once(), '2026-05-05T21:00:00Z', 'anything')).toBe('migration');
  });

  it('ends at endsAt, and reports `at` itself when not in effect', () => {
    expect(maintenanceEndsAt(once(), d('2026-05-05T21:00:00Z'))).toEqual(d('2026-05-05T22:00:00Z'));
    expect(maintenanceEndsAt(once(), d('2026-05-05T23:00:00Z'))).toEqual(d('2026-05-05T23:00:00Z'));
  });

  it('covers nothing when it ends before it starts', () => {
    const w = once({ endsAt: d('2026-05-05T19:00:00Z') });
    expect(active(w, '2026-05-05T19:30:00Z')).toBeNull();
    expect(nextOccurrences(w, d('2026-05-01T00:00:00Z'), 3)).toEqual([]);
  });

  it('is its own single occurrence until it ends', () => {
    expect(nextOccurrences(once(), d('2026-05-05T21:00:00Z'), 5).map(iso)).toEqual([['2026-05-05T20:00:00.000Z', '2026-05-05T22:00:00.000Z']]);
    expect(nextOccurrences(once(), d('2026-05-05T22:00:00Z'), 5)).toEqual([]);
  });
});

describe('recurring maintenance: nightly deploys 02:00–02:30 Europe/Berlin', () => {
  const w = recurring();

  it('suppresses during the deploy in winter and in summer', () => {
    expect(active(w, '2026-01-14T01:15:00Z')).toBe('nightly'); // 02:15 CET
    expect(maintenanceEndsAt(w, d('2026-01-14T01:15:00Z'))).toEqual(d('2026-01-14T01:30:00Z'));
    expect(active(w, '2026-07-14T00:15:00Z')).toBe('nightly'); // 02:15 CEST
    expect(maintenanceEndsAt(w, d('2026-07-14T00:15:00Z'))).toEqual(d('2026-07-14T00:30:00Z'));
  });

  it('is half-open: on at 02:00, off at 02:30', () => {
    expect(active(w, '2026-01-14T00:59:59.999Z')).toBeNull();
    expect(active(w, '2026-01-14T01:00:00Z')).toBe('nightly');
    expect(active(w, '2026-01-14T01:30:00Z')).toBeNull();
    expect(maintenanceEndsAt(w, d('2026-01-14T01:30:00Z'))).toEqual(d('2026-01-14T01:30:00Z'));
  });

  it('on the spring-forward night (02:00 does not exist) starts at 03:00 CEST and still lasts 30 minutes', () => {
    expect(active(w, '2026-03-29T00:59:00Z')).toBeNull(); // 01:59 CET
    expect(active(w, '2026-03-29T01:00:00Z')).toBe('nightly'); // 03:00 CEST
    expect(maintenanceEndsAt(w, d('2026-03-29T01:10:00Z'))).toEqual(d('2026-03-29T01:30:00Z'));
  });

  it('lists occurrences across the spring-forward night', () => {
    expect(nextOccurrences(w, d('2026-03-27T12:00:00Z'), 4).map((o) => o.startsAt.toISOString())).toEqual([
      '2026-03-28T01:00:00.000Z',
      '2026-03-29T01:00:00.000Z',
      '2026-03-30T00:00:00.000Z',
      '2026-03-31T00:00:00.000Z',
    ]);
  });

  it('lists one in progress first', () => {
    expect(nextOccurrences(w, d('2026-01-14T01:10:00Z'), 2).map(iso)).toEqual([
      ['2026-01-14T01:00:00.000Z', '2026-01-14T01:30:00.000Z'],
      ['2026-01-15T01:00:00.000Z', '2026-01-15T01:30:00.000Z'],
    ]);
  });

  it('lists nothing for no days or a count of zero', () => {
    expect(nextOccurrences(recurring({ days: [] }), d('2026-01-14T00:00:00Z'), 3)).toEqual([]);
    expect(nextOccurrences(w, d('2026-01-14T00:00:00Z'), 0)).toEqual([]);
    expect(active(recurring({ days: [] }), '2026-01-14T01:15:00Z')).toBeNull();
  });
});

describe('recurring maintenance across 2026 DST transitions', () => {
  it.each([
    // zone, start, from, first two occurrence starts
    ['Europe/Berlin', '02:30', '2026-03-28T12:00:00Z', ['2026-03-29T01:00:00.000Z', '2026-03-30T00:30:00.000Z']], // gap → 03:00 CEST
    ['Europe/Berlin', '02:30', '2026-10-24T12:00:00Z', ['2026-10-25T00:30:00.000Z', '2026-10-26T01:30:00.000Z']], // first 02:30 (CEST)
    ['America/New_York', '02:30', '2026-03-07T12:00:00Z', ['2026-03-08T07:00:00.000Z', '2026-03-09T06:30:00.000Z']], // gap → 03:00 EDT
    ['America/New_York', '01:30', '2026-10-31T12:00:00Z', ['2026-11-01T05:30:00.000Z', '2026-11-02T06:30:00.000Z']], // first 01:30 (EDT)
    ['Australia/Sydney', '02:30', '2026-10-03T00:00:00Z', ['2026-10-03T16:00:00.000Z', '2026-10-04T15:30:00.000Z']], // gap → 03:00 AEDT
    ['Australia/Sydney', '02:30', '2026-04-04T00:00:00Z', ['2026-04-04T15:30:00.000Z', '2026-04-05T16:30:00.000Z']], // first 02:30 (AEDT)
    ['Asia/Kolkata', '02:30', '2026-03-28T12:00:00Z', ['2026-03-28T21:00:00.000Z', '2026-03-29T21:00:00.000Z']],
    ['Asia/Kolkata', '02:30', '2026-10-24T12:00:00Z', ['2026-10-24T21:00:00.000Z', '2026-10-25T21:00:00.000Z']],
    ['UTC', '02:30', '2026-03-28T12:00:00Z', ['2026-03-29T02:30:00.000Z', '2026-03-30T02:30:00.000Z']],
    ['UTC', '02:30', '2026-10-24T12:00:00Z', ['2026-10-25T02:30:00.000Z', '2026-10-26T02:30:00.000Z']],
  ])('%s %s from %s', (timeZone, start, from, starts) => {
    const w = recurring({ timeZone, start, durationMinutes: 60 });
    const found = nextOccurrences(w, d(from), 2);
    expect(found.map((o) => o.startsAt.toISOString())).toEqual(starts);
    for (const o of found) expect(o.endsAt.getTime() - o.startsAt.getTime()).toBe(60 * 60_000);
  });

  it('does not suppress the repeated hour of a fall-back night (first occurrence only)', () => {
    const w = recurring({ start: '02:30', durationMinutes: 20 });
    expect(active(w, '2026-10-25T00:40:00Z')).toBe('nightly'); // 02:40 CEST
    expect(active(w, '2026-10-25T01:40:00Z')).toBeNull(); // 02:40 CET, the second time round
    const ny = recurring({ timeZone: 'America/New_York', start: '01:30', durationMinutes: 20 });
    expect(active(ny, '2026-11-01T05:40:00Z')).toBe('nightly');
    expect(active(ny, '2026-11-01T06:40:00Z')).toBeNull();
  });

  it('counts durations in absolute minutes across a transition', () => {
    // Saturday 22:00 for 4 hours: the clock reads 03:00 at the end in spring, 01:00 in autumn.
    const sat = recurring({ days: [6], start: '22:00', durationMinutes: 240 });
    expect(nextOccurrences(sat, d('2026-03-28T00:00:00Z'), 1).map(iso)).toEqual([['2026-03-28T21:00:00.000Z', '2026-03-29T01:00:00.000Z']]);
    expect(nextOccurrences(sat, d('2026-10-24T00:00:00Z'), 1).map(iso)).toEqual([['2026-10-24T20:00:00.000Z', '2026-10-25T00:00:00.000Z']]);
    expect(active(sat, '2026-03-29T00:59:00Z')).toBe('nightly');
    expect(active(sat, '2026-03-29T01:00:00Z')).toBeNull();
    // Sydney's spring-forward: 3 hours from Saturday 23:00 AEST read 03:00 AEDT on the clock.
    const syd = recurring({ timeZone: 'Australia/Sydney', days: [6], start: '23:00', durationMinutes: 180 });
    expect(nextOccurrences(syd, d('2026-10-02T00:00:00Z'), 1).map(iso)).toEqual([['2026-10-03T13:00:00.000Z', '2026-10-03T16:00:00.000Z']]);
  });

  it('keeps an occurrence that crossed midnight into a day not listed (Sunday 23:00 + 120 min covers Monday 00:30)', () => {
    const sunday = recurring({ days: [7], start: '23:00', durationMinutes: 120 });
    expect(active(sunday, '2026-01-18T23:30:00Z')).toBe('nightly'); // Monday 00:30 CET
    expect(maintenanceEndsAt(sunday, d('2026-01-18T23:30:00Z'))).toEqual(d('2026-01-19T00:00:00Z'));
    expect(active(sunday, '2026-01-19T00:00:00Z')).toBeNull();
    expect(active(sunday, '2026-01-19T23:30:00Z')).toBeNull(); // Tuesday 00:30: Monday is not listed
  });

  it('supports week-long windows (up to 10080 minutes), still counted in absolute time', () => {
    const week = recurring({ days: [5], start: '18:00', durationMinutes: 10080, timeZone: 'Asia/Kolkata' });
    expect(active(week, '2026-01-15T12:00:00Z')).toBe('nightly'); // the following Thursday
    expect(maintenanceEndsAt(week, d('2026-01-15T12:00:00Z'))).toEqual(d('2026-01-16T12:30:00Z'));
  });
});

describe('choosing among windows', () => {
  it('reports the window whose current occurrence ends last, whatever the list order', () => {
    const short = recurring({ id: 'short', durationMinutes: 30 });
    const long = recurring({ id: 'long', durationMinutes: 90 });
    expect(activeMaintenance([short, long], 'api', d('2026-01-14T01:10:00Z'))?.id).toBe('long');
    expect(activeMaintenance([long, short], 'api', d('2026-01-14T01:10:00Z'))?.id).toBe('long');
    expect(activeMaintenance([long, short], 'api', d('2026-01-14T02:10:00Z'))?.id).toBe('long');
  });

  it('breaks ties by id', () => {
    const b = recurring({ id: 'b' });
    const a = recurring({ id: 'a' });
    expect(activeMaintenance([b, a], 'api', d('2026-01-14T01:10:00Z'))?.id).toBe('a');
  });

  it('ignores windows for other services and returns null with no windows', () => {
    expect(activeMaintenance([recurring({ serviceIds: ['web'] })], 'api', d('2026-01-14T01:10:00Z'))).toBeNull();
    expect(activeMaintenance([], 'api', d('2026-01-14T01:10:00Z'))).toBeNull();
  });
});

describe('invalid recurring windows', () => {
  it.each([
    [{ timeZone: 'Europe/Atlantis' }, 'timeZone'],
    [{ start: '2:00' }, 'start'],
    [{ start: '24:00' }, 'start'],
    [{ durationMinutes: 0 }, 'durationMinutes'],
    [{ durationMinutes: 10081 }, 'durationMinutes'],
    [{ durationMinutes: 1.5 }, 'durationMinutes'],
    [{ days: [0] }, 'days'],
    [{ days: [8] }, 'days'],
  ] as const)('%o is rejected naming %s', (over, field) => {
    const w = recurring(over);
    expect(() => maintenanceEndsAt(w, d('2026-01-14T01:10:00Z'))).toThrow(DomainError);
    expect(() => nextOccurrences(w, d('2026-01-14T01:10:00Z'), 1)).toThrow(
      expect.objectContaining({ details: { fields: [expect.objectContaining({ field })] } }),
    );
  });
});
