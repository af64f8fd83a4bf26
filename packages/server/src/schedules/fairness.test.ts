import fc from 'fast-check';
import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { addTime, NO_TIME, onCallTime, type LoadSpan, type OnCallTime } from './fairness.js';

const HOUR = 3_600_000;
const at = (iso: string, zone = 'UTC') => DateTime.fromISO(iso, { zone }).toMillis();
const span = (userId: string, role: LoadSpan['role'], start: number, end: number): LoadSpan => ({ userId, role, start, end });
const hoursOf = (t: OnCallTime | undefined) => t && Object.fromEntries(Object.entries(t).map(([k, v]) => [k, v / HOUR]));
const ALL_TIME = [-8.64e15, 8.64e15] as const;

describe('time on call per person', () => {
  it('counts one weekday primary shift', () => {
    const out = onCallTime([span('ana', 'primary', at('2026-03-02T00:00'), at('2026-03-03T00:00'))], new Map([['ana', 'UTC']]), [], ...ALL_TIME);
    expect(hoursOf(out.get('ana'))).toEqual({ primary: 24, secondary: 0, weekday: 24, weekend: 0, holiday: 0, total: 24 });
  });

  it('reads weekends in each person’s own zone', () => {
    // Friday 20:00 to Saturday 08:00 UTC is already Saturday morning in Tokyo.
    const fri = at('2026-03-06T20:00');
    const sat = at('2026-03-07T08:00');
    const zones = new Map([['utc', 'UTC'], ['tokyo', 'Asia/Tokyo'], ['la', 'America/Los_Angeles']]);
    const out = onCallTime(['utc', 'tokyo', 'la'].map((u) => span(u, 'primary', fri, sat)), zones, [], ...ALL_TIME);
    expect(hoursOf(out.get('utc'))).toMatchObject({ weekday: 4, weekend: 8, total: 12 });
    expect(hoursOf(out.get('tokyo'))).toMatchObject({ weekday: 0, weekend: 12, total: 12 });
    // In Los Angeles it is Friday 12:00 to Saturday 00:00.
    expect(hoursOf(out.get('la'))).toMatchObject({ weekday: 12, weekend: 0, total: 12 });
  });

  it('counts overlapping roles and schedules once in the total, and once per role', () => {
    const t0 = at('2026-03-02T00:00');
    const out = onCallTime(
      [
        span('ana', 'primary', t0, t0 + 10 * HOUR), // schedule A
        span('ana', 'secondary', t0 + 5 * HOUR, t0 + 15 * HOUR), // schedule B
        span('ana', 'primary', t0 + 8 * HOUR, t0 + 12 * HOUR), // schedule C
      ],
      new Map([['ana', 'UTC']]),
      [],
      ...ALL_TIME,
    );
    expect(hoursOf(out.get('ana'))).toEqual({ primary: 12, secondary: 10, weekday: 15, weekend: 0, holiday: 0, total: 15 });
  });

  it('counts team holidays apart, even on a weekend, by the person’s local date', () => {
    const zone = 'America/New_York';
    const out = onCallTime(
      [span('ana', 'primary', at('2026-12-24T12:00', zone), at('2026-12-28T00:00', zone))],
      new Map([['ana', zone]]),
      ['2026-12-25', '2026-12-26'],
      ...ALL_TIME,
    );
    // Thu 12 h weekday; Fri (holiday) and Sat (holiday on a weekend) 48 h; Sun 24 h weekend.
    expect(hoursOf(out.get('ana'))).toEqual({ primary: 84, secondary: 0, weekday: 12, weekend: 24, holiday: 48, total: 84 });
  });

  it('knows a local day is 23 or 25 hours long at DST changes', () => {
    const zone = 'America/New_York';
    const spring = onCallTime([span('ana', 'secondary', at('2026-03-08T00:00', zone), at('2026-03-09T00:00', zone))], new Map([['ana', zone]]), [], ...ALL_TIME);
    expect(hoursOf(spring.get('ana'))).toMatchObject({ secondary: 23, weekend: 23, total: 23 });
    const fall = onCallTime([span('ana', 'secondary', at('2026-11-01T00:00', zone), at('2026-11-02T00:00', zone))], new Map([['ana', zone]]), [], ...ALL_TIME);
    expect(hoursOf(fall.get('ana'))).toMatchObject({ secondary: 25, weekend: 25, total: 25 });
  });

  it('starts a day at the DST change where local midnight does not exist (Santiago)', () => {
    const zone = 'America/Santiago';
    expect(DateTime.fromISO('2026-09-06T00:30', { zone }).toFormat('HH:mm')).toBe('01:30'); // midnight is skipped
    const out = onCallTime([span('ana', 'primary', at('2026-09-04T12:00', zone), at('2026-09-07T12:00', zone))], new Map([['ana', zone]]), [], ...ALL_TIME);
    // Friday afternoon and Monday morning are weekdays; Saturday 24 h and a 23-hour Sunday.
    expect(hoursOf(out.get('ana'))).toMatchObject({ weekday: 24, weekend: 47, total: 71 });
  });

  it('clips to the range and reads a person with no zone (deleted) in UTC', () => {
    const from = at('2026-03-02T06:00');
    const to = at('2026-03-02T18:00');
    const out = onCallTime([span('gone', 'primary', at('2026-03-01T00:00'), at('2026-03-04T00:00')), span('ana', 'primary', at('2026-03-03T00:00'), at('2026-03-04T00:00'))], new Map(), [], from, to);
    expect(hoursOf(out.get('gone'))).toMatchObject({ primary: 12, weekday: 12, total: 12 });
    expect(out.has('ana')).toBe(false);
  });

  it('adds two periods field by field', () => {
    const a = { primary: 1, secondary: 2, weekday: 3, weekend: 4, holiday: 5, total: 6 };
    expect(addTime(a, a)).toEqual({ primary: 2, secondary: 4, weekday: 6, weekend: 8, holiday: 10, total: 12 });
    expect(addTime(a, NO_TIME)).toEqual(a);
  });
});

const ZONES = ['UTC', 'America/New_York', 'Europe/London', 'Australia/Sydney', 'Asia/Kolkata', 'Asia/Kathmandu', 'America/Santiago', 'Pacific/Chatham'];
const PEOPLE = ['ana', 'bo', 'cy'];
const SLOT = 15 * 60_000; // every offset and DST change of these zones falls on a quarter hour
/** Spans the spring changes of the US (8 Mar), Europe (29 Mar) and the autumn ones of Chile, Sydney and Chatham (5 Apr). */
const ORIGIN = at('2026-03-06T00:00');
const SLOTS = 32 * 96;

const spanArb = fc
  .record({ userId: fc.constantFrom(...PEOPLE), role: fc.constantFrom('primary' as const, 'secondary' as const), a: fc.integer({ min: 0, max: SLOTS }), b: fc.integer({ min: 0, max: SLOTS }) })
  .map(({ userId, role, a, b }) => span(userId, role, ORIGIN + Math.min(a, b) * SLOT, ORIGIN + Math.max(a, b) * SLOT));
const zonesArb = fc.tuple(...PEOPLE.map(() => fc.constantFrom(...ZONES))).map((zs) => new Map(PEOPLE.map((p, i) => [p, zs[i]!])));
const holidaysArb = fc.uniqueArray(fc.integer({ min: -1, max: 33 }), { maxLength: 5 }).map((days) => days.map((d) => DateTime.fromMillis(ORIGIN, { zone: 'utc' }).plus({ days: d }).toISODate()!));

/** The same numbers, slot by slot, straight from Luxon. */
function bruteForce(spans: LoadSpan[], zones: Map<string, string>, holidays: string[], from: number, to: number) {
  const out = new Map<string, Record<string, number>>();
  for (const person of PEOPLE) {
    const t = { primary: 0, secondary: 0, weekday: 0, weekend: 0, holiday: 0, total: 0 };
    for (let s = Math.max(from, ORIGIN - SLOT); s < Math.min(to, ORIGIN + (SLOTS + 1) * SLOT); s += SLOT) {
      const on = spans.filter((x) => x.userId === person && x.start <= s && s < x.end);
      if (!on.length) continue;
      if (on.some((x) => x.role === 'primary')) t.primary += SLOT;
      if (on.some((x) => x.role === 'secondary')) t.secondary += SLOT;
      const local = DateTime.fromMillis(s, { zone: zones.get(person)! });
      t[holidays.includes(local.toISODate()!) ? 'holiday' : local.weekday >= 6 ? 'weekend' : 'weekday'] += SLOT;
      t.total += SLOT;
    }
    if (t.total) out.set(person, t);
  }
  return out;
}

describe('time on call: properties', () => {
  it('matches a slot-by-slot count in every zone, with and without holidays and clipping', () => {
    fc.assert(
      fc.property(fc.array(spanArb, { maxLength: 8 }), zonesArb, holidaysArb, fc.integer({ min: 0, max: SLOTS }), fc.integer({ min: 0, max: SLOTS }), (spans, zones, holidays, a, b) => {
        const from = ORIGIN + Math.min(a, b) * SLOT;
        const to = ORIGIN + Math.max(a, b) * SLOT;
        const got = onCallTime(spans, zones, holidays, from, to);
        expect(Object.fromEntries([...got].map(([k, v]) => [k, { ...v }]))).toEqual(Object.fromEntries(bruteForce(spans, zones, holidays, from, to)));
      }),
      { numRuns: 100 },
    );
  });

  it('weekday + weekend + holiday = total; the larger role ≤ total ≤ both roles', () => {
    fc.assert(
      fc.property(fc.array(spanArb, { maxLength: 12 }), zonesArb, holidaysArb, (spans, zones, holidays) => {
        for (const t of onCallTime(spans, zones, holidays, ...ALL_TIME).values()) {
          expect(t.weekday + t.weekend + t.holiday).toBe(t.total);
          expect(Math.max(t.primary, t.secondary)).toBeLessThanOrEqual(t.total);
          expect(t.total).toBeLessThanOrEqual(t.primary + t.secondary);
        }
      }),
    );
  });

  it('a final line that tiles the range gives everyone’s hours summing to the covered time', () => {
    const cuts = fc.uniqueArray(fc.integer({ min: 1, max: SLOTS - 1 }), { maxLength: 10 }).map((c) => [0, ...c.sort((x, y) => x - y), SLOTS]);
    fc.assert(
      fc.property(cuts, fc.array(fc.constantFrom(...PEOPLE), { minLength: 11, maxLength: 11 }), zonesArb, holidaysArb, (bounds, who, zones, holidays) => {
        const line = bounds.slice(1).map((end, i) => span(who[i]!, 'primary', ORIGIN + bounds[i]! * SLOT, ORIGIN + end * SLOT));
        const out = [...onCallTime(line, zones, holidays, ...ALL_TIME).values()];
        const sum = (k: 'primary' | 'total') => out.reduce((s, t) => s + t[k], 0);
        expect(sum('total')).toBe(SLOTS * SLOT);
        expect(sum('primary')).toBe(SLOTS * SLOT);
      }),
    );
  });
});
