import fc from 'fast-check';
import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { localDate, zoneNamed } from '../lib/wall-clock.js';
import { scheduleLines, type LayerSpec, type OverrideSpec, type ScheduleSpec } from './oncall.js';
import {
  coverIn,
  dayBounds,
  nextDay,
  pageEpisodes,
  recoveryCover,
  restDayKind,
  restDayRecoveries,
  sleepNightAt,
  timeOnPages,
  type Episode,
} from './recovery-rules.js';
import { layerSpec } from '../test-support/schedule-specs.js';

const MIN = 60_000;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;
const ZONES = ['Europe/Berlin', 'America/New_York', 'Australia/Sydney', 'Asia/Kolkata', 'Pacific/Chatham', 'America/Santiago', 'UTC'] as const;
const NIGHT = { start: '22:00', end: '08:00' };

const at = (zone: string, text: string) => DateTime.fromISO(text, { zone }).toMillis();
const berlin = (text: string) => at('Europe/Berlin', text);
const night = (zone: string, text: string, window = NIGHT) => sleepNightAt(zoneNamed(zone), window, at(zone, text));
const hhmm = (zone: string, ms: number) => DateTime.fromMillis(ms, { zone }).toFormat('yyyy-MM-dd HH:mm');

describe('sleep window', () => {
  it('a page late on Monday and one early on Tuesday both earn Tuesday: the day the short night ends', () => {
    expect(night('Europe/Berlin', '2026-03-02T23:30')?.day).toBe('2026-03-03');
    expect(night('Europe/Berlin', '2026-03-03T03:00')?.day).toBe('2026-03-03');
    expect(night('Europe/Berlin', '2026-03-03T02:30')?.day).toBe('2026-03-03');
  });

  it('starts at 22:00 sharp and ends just before 08:00', () => {
    expect(night('Europe/Berlin', '2026-03-03T21:59')).toBeNull();
    expect(night('Europe/Berlin', '2026-03-03T22:00')?.day).toBe('2026-03-04');
    expect(night('Europe/Berlin', '2026-03-04T07:59')?.day).toBe('2026-03-04');
    expect(night('Europe/Berlin', '2026-03-04T08:00')).toBeNull();
    expect(night('Europe/Berlin', '2026-03-04T14:00')).toBeNull();
  });

  it('reports the whole night as an interval', () => {
    const n = night('Europe/Berlin', '2026-03-03T02:30')!;
    expect([hhmm('Europe/Berlin', n.start), hhmm('Europe/Berlin', n.end)]).toEqual(['2026-03-02 22:00', '2026-03-03 08:00']);
  });

  it('is read in the person’s own zone: one instant is night in Berlin and evening in New York', () => {
    const instant = Date.UTC(2026, 2, 3, 23, 30);
    expect(sleepNightAt(zoneNamed('Europe/Berlin'), NIGHT, instant)?.day).toBe('2026-03-04');
    expect(sleepNightAt(zoneNamed('America/New_York'), NIGHT, instant)).toBeNull();
    expect(sleepNightAt(zoneNamed('Asia/Kolkata'), NIGHT, instant)?.day).toBe('2026-03-04'); // 05:00 IST
  });

  it('honours a team window that does not cross midnight', () => {
    const w = { start: '01:00', end: '07:00' };
    expect(night('UTC', '2026-03-03T03:00', w)?.day).toBe('2026-03-03');
    expect(night('UTC', '2026-03-03T23:30', w)).toBeNull();
    expect(night('UTC', '2026-03-03T00:59', w)).toBeNull();
  });

  it('honours a narrow window across midnight and treats start = end as no window', () => {
    expect(night('UTC', '2026-03-03T23:30', { start: '23:00', end: '00:30' })?.day).toBe('2026-03-04');
    expect(night('UTC', '2026-03-04T00:29', { start: '23:00', end: '00:30' })?.day).toBe('2026-03-04');
    expect(night('UTC', '2026-03-03T03:00', { start: '08:00', end: '08:00' })).toBeNull();
  });

  it('the spring-forward night is an hour shorter and the fall-back night an hour longer (Berlin)', () => {
    const spring = night('Europe/Berlin', '2026-03-29T04:00')!;
    expect(spring.end - spring.start).toBe(9 * HOUR);
    expect(spring.day).toBe('2026-03-29');
    const autumn = night('Europe/Berlin', '2026-10-25T04:00')!;
    expect(autumn.end - autumn.start).toBe(11 * HOUR);
    // Both passes through 02:30 on the fall-back night are sleep.
    const first = Date.UTC(2026, 9, 25, 0, 30); // 02:30 CEST
    const second = Date.UTC(2026, 9, 25, 1, 30); // 02:30 CET
    expect(sleepNightAt(zoneNamed('Europe/Berlin'), NIGHT, first)?.day).toBe('2026-10-25');
    expect(sleepNightAt(zoneNamed('Europe/Berlin'), NIGHT, second)?.day).toBe('2026-10-25');
  });

  it('an end in the skipped hour ends at the transition; an end in the repeated hour at its last occurrence', () => {
    const zone = zoneNamed('Europe/Berlin');
    const w = { start: '22:00', end: '02:30' };
    const spring = sleepNightAt(zone, w, Date.UTC(2026, 2, 29, 0, 59))!; // 01:59 CET
    expect(new Date(spring.end).toISOString()).toBe('2026-03-29T01:00:00.000Z'); // 03:00 CEST
    expect(sleepNightAt(zone, w, Date.UTC(2026, 2, 29, 1, 0))).toBeNull();
    const autumn = sleepNightAt(zone, w, Date.UTC(2026, 9, 25, 1, 15))!; // 02:15 CET, second pass
    expect(new Date(autumn.end).toISOString()).toBe('2026-10-25T01:30:00.000Z');
  });

  it('a start in the skipped hour begins at the transition (US spring forward at 02:00)', () => {
    const zone = zoneNamed('America/New_York');
    const w = { start: '02:30', end: '06:00' };
    expect(sleepNightAt(zone, w, Date.UTC(2026, 2, 8, 7, 0))?.day).toBe('2026-03-08'); // 03:00 EDT
    expect(sleepNightAt(zone, w, Date.UTC(2026, 2, 8, 6, 59))).toBeNull(); // 01:59 EST
  });

  it('handles a zone that skips midnight itself (Santiago) and a 45-minute offset (Chatham)', () => {
    expect(night('America/Santiago', '2026-09-06T01:30')?.day).toBe('2026-09-06');
    expect(night('Pacific/Chatham', '2026-03-03T22:45')?.day).toBe('2026-03-04');
  });

  const instant = fc.integer({ min: Date.UTC(2026, 0, 1), max: Date.UTC(2027, 0, 1) });
  const clock = fc.tuple(fc.integer({ min: 0, max: 23 }), fc.integer({ min: 0, max: 59 })).map(([h, m]) => `${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}`);
  const windowArb = fc.tuple(clock, clock).filter(([s, e]) => s !== e).map(([start, end]) => ({ start, end }));

  it('property: a night contains the page, lasts at most 25 hours, and its rest day is the page’s local date or the next', () => {
    fc.assert(
      fc.property(fc.constantFrom(...ZONES), windowArb, instant, (zoneName, w, t) => {
        const zone = zoneNamed(zoneName);
        const n = sleepNightAt(zone, w, t);
        if (!n) return;
        expect(n.start).toBeLessThanOrEqual(t);
        expect(n.end).toBeGreaterThan(t);
        expect(n.end - n.start).toBeLessThanOrEqual(DAY + HOUR);
        const pageDate = localDate(zone, t).toISODate();
        expect([n.day, prevDay(n.day)]).toContain(pageDate);
        expect(localDate(zone, n.end).toISODate()).toBe(n.day);
      }),
      { numRuns: 3000 },
    );
  });

  it('property: away from DST changes, inside the window means the local clock reads between start and end', () => {
    fc.assert(
      fc.property(fc.constantFrom(...ZONES), windowArb, instant, (zoneName, w, t) => {
        const zone = zoneNamed(zoneName);
        if (zone.offset(t - 2 * DAY) !== zone.offset(t + 2 * DAY)) return;
        const local = DateTime.fromMillis(t, { zone });
        const m = local.hour * 60 + local.minute;
        const [s, e] = [w.start, w.end].map((c) => Number(c.slice(0, 2)) * 60 + Number(c.slice(3)));
        const inside = e > s! ? m >= s! && m < e! : m >= s! || m < e!;
        expect(sleepNightAt(zone, w, t) !== null).toBe(inside);
      }),
      { numRuns: 3000 },
    );
  });
});

const prevDay = (day: string) => DateTime.fromISO(day, { zone: 'utc' }).minus({ days: 1 }).toISODate()!;

describe('local days', () => {
  it('a day is 24 hours, the spring-forward day 23 and the fall-back day 25', () => {
    const zone = zoneNamed('Europe/Berlin');
    const len = (d: string) => dayBounds(zone, d).end - dayBounds(zone, d).start;
    expect(len('2026-03-03')).toBe(24 * HOUR);
    expect(len('2026-03-29')).toBe(23 * HOUR);
    expect(len('2026-10-25')).toBe(25 * HOUR);
    expect(new Date(dayBounds(zone, '2026-03-03').start).toISOString()).toBe('2026-03-02T23:00:00.000Z');
  });

  it('property: a day’s bounds hold exactly the instants of that local date', () => {
    fc.assert(
      fc.property(fc.constantFrom(...ZONES), fc.integer({ min: 0, max: 364 }), (zoneName, n) => {
        const zone = zoneNamed(zoneName);
        const day = DateTime.utc(2026, 1, 1).plus({ days: n }).toISODate()!;
        const b = dayBounds(zone, day);
        expect(localDate(zone, b.start).toISODate()).toBe(day);
        expect(localDate(zone, b.end - 1).toISODate()).toBe(day);
        expect(localDate(zone, b.end).toISODate()).toBe(nextDay(day));
      }),
    );
  });

  it('weekends are Saturday and Sunday; the team’s holidays count like them', () => {
    expect(restDayKind('2026-03-07', [])).toBe('weekend');
    expect(restDayKind('2026-03-08', [])).toBe('weekend');
    expect(restDayKind('2026-03-09', [])).toBeNull();
    expect(restDayKind('2026-03-09', ['2026-03-09'])).toBe('holiday');
    expect(restDayKind('2026-12-26', ['2026-12-26'])).toBe('holiday'); // a Saturday that is also a holiday
    expect(nextDay('2026-12-31')).toBe('2027-01-01');
  });
});

describe('time on pages', () => {
  const t0 = berlin('2026-03-07T10:00');

  it('runs from an alert’s first page to its acknowledgement or resolution, whichever came first', () => {
    const episodes = pageEpisodes(
      [
        { alertId: 'a', at: t0 + 5 * MIN, closedAt: t0 + 40 * MIN },
        { alertId: 'a', at: t0, closedAt: t0 + 40 * MIN },
        { alertId: 'b', at: t0, closedAt: null },
      ],
      t0 + 90 * MIN,
    );
    expect(episodes).toEqual([
      { alertId: 'a', start: t0, end: t0 + 40 * MIN },
      { alertId: 'b', start: t0, end: t0 + 90 * MIN },
    ]);
  });

  it('a page delivered after the alert was already closed costs nothing', () => {
    expect(pageEpisodes([{ alertId: 'a', at: t0 + MIN, closedAt: t0 }], t0 + HOUR)).toEqual([]);
  });

  it('overlapping alerts count once and time outside the day does not count', () => {
    const bounds = dayBounds(zoneNamed('Europe/Berlin'), '2026-03-07');
    const episodes = [
      { start: t0, end: t0 + HOUR },
      { start: t0 + 30 * MIN, end: t0 + 75 * MIN },
      { start: bounds.start - HOUR, end: bounds.start + 10 * MIN },
    ];
    expect(timeOnPages(episodes, bounds)).toBe(85 * MIN);
  });

  const minuteEpisodes = fc.array(
    fc.tuple(fc.integer({ min: -120, max: 1560 }), fc.integer({ min: 1, max: 300 })).map(([s, len]) => ({ start: s * MIN, end: (s + len) * MIN })),
    { maxLength: 12 },
  );
  const dayRange = { start: 0, end: DAY };

  it('property: equals counting covered minutes one by one', () => {
    fc.assert(
      fc.property(minuteEpisodes, (episodes) => {
        let covered = 0;
        for (let m = 0; m < 1440; m++) if (episodes.some((e) => e.start <= m * MIN && m * MIN < e.end)) covered++;
        expect(timeOnPages(episodes, dayRange)).toBe(covered * MIN);
      }),
    );
  });

  it('property: order does not matter, repeats add nothing, more pages never mean less time', () => {
    fc.assert(
      fc.property(minuteEpisodes, minuteEpisodes, (a, b) => {
        const spent = timeOnPages(a, dayRange);
        expect(timeOnPages([...a].reverse(), dayRange)).toBe(spent);
        expect(timeOnPages([...a, ...a], dayRange)).toBe(spent);
        expect(timeOnPages([...a, ...b], dayRange)).toBeGreaterThanOrEqual(spent);
        expect(spent).toBeLessThanOrEqual(DAY);
      }),
    );
  });
});

describe('weekend and holiday recovery', () => {
  const zone = zoneNamed('Europe/Berlin');
  const ep = (alertId: string, start: string, minutes: number): Episode => ({ alertId, start: berlin(start), end: berlin(start) + minutes * MIN });
  const defaults = { recoveryAfterMinutes: 60, holidays: [] as string[] };

  it('75 minutes of pages on a Saturday earn Sunday off', () => {
    expect(restDayRecoveries(zone, [ep('a', '2026-03-07T10:00', 45), ep('b', '2026-03-07T15:00', 30)], defaults)).toEqual([
      { restDay: '2026-03-07', reason: 'weekend', day: '2026-03-08', alertId: 'a', spentMinutes: 75 },
    ]);
  });

  it('59 minutes do not; exactly the threshold does', () => {
    expect(restDayRecoveries(zone, [ep('a', '2026-03-07T10:00', 59)], defaults)).toEqual([]);
    expect(restDayRecoveries(zone, [ep('a', '2026-03-07T10:00', 60)], defaults)).toHaveLength(1);
  });

  it('a weekday does not count however long, unless it is one of the team’s holidays', () => {
    expect(restDayRecoveries(zone, [ep('a', '2026-03-09T10:00', 180)], defaults)).toEqual([]);
    expect(restDayRecoveries(zone, [ep('a', '2026-03-09T10:00', 180)], { ...defaults, holidays: ['2026-03-09'] })).toEqual([
      { restDay: '2026-03-09', reason: 'holiday', day: '2026-03-10', alertId: 'a', spentMinutes: 180 },
    ]);
  });

  it('an alert across midnight is split between the days; Sunday earns Monday', () => {
    const long = [ep('a', '2026-03-07T23:30', 75)];
    expect(restDayRecoveries(zone, long, defaults)).toEqual([]);
    expect(restDayRecoveries(zone, long, { ...defaults, recoveryAfterMinutes: 30 }).map((r) => [r.restDay, r.day])).toEqual([
      ['2026-03-07', '2026-03-08'],
      ['2026-03-08', '2026-03-09'],
    ]);
  });

  it('the weekend is the person’s: Friday 23:00–24:00 UTC is Saturday morning in Berlin', () => {
    const episode = { alertId: 'a', start: Date.UTC(2026, 2, 6, 23, 0), end: Date.UTC(2026, 2, 7, 0, 0) };
    expect(restDayRecoveries(zone, [episode], defaults).map((r) => r.restDay)).toEqual(['2026-03-07']);
    expect(restDayRecoveries(zoneNamed('UTC'), [episode], defaults)).toEqual([]);
  });
});

function layer(o: Partial<LayerSpec> = {}): LayerSpec {
  return layerSpec({ shiftUnit: 'day', startDate: '2026-03-01', ...o });
}
const spec = (layers: LayerSpec[], overrides: OverrideSpec[] = []): ScheduleSpec => ({ timeZone: 'Europe/Berlin', layers, overrides });

describe('next-day cover', () => {
  it('the next person in the rotation covers; someone unavailable is passed over; nobody else means no cover', () => {
    const l = layer();
    expect(coverIn(l, 'ana')).toBe('ben');
    expect(coverIn(l, 'cai')).toBe('ana');
    expect(coverIn(l, 'ana', new Set(['ben']))).toBe('cai');
    expect(coverIn(l, 'ana', new Set(['ben', 'cai']))).toBeNull();
    expect(coverIn(layer({ participantIds: ['ana'] }), 'ana')).toBeNull();
    expect(coverIn(layer({ participantIds: ['ana', 'ana'] }), 'ana')).toBeNull();
  });

  it('a daily rotation: the person’s part of the day goes to the next person, the rest stays as it was', () => {
    // Days from 1 March 10:00: ana, ben, cai, ana, ... → 3 March 10:00 starts cai's shift, 4 March ana's.
    const day = dayBounds(zoneNamed('Europe/Berlin'), '2026-03-04');
    const { covers } = recoveryCover([{ id: 's1', spec: spec([layer()]) }], 'ana', day.start, day.end);
    expect(covers.map((c) => [c.userId, hhmm('Europe/Berlin', c.start), hhmm('Europe/Berlin', c.end)])).toEqual([['ben', '2026-03-04 10:00', '2026-03-05 00:00']]);
  });

  it('starts no earlier than asked: a rest day that has begun is covered from now on', () => {
    const day = dayBounds(zoneNamed('Europe/Berlin'), '2026-03-04');
    const now = berlin('2026-03-04T12:00');
    const { covers } = recoveryCover([{ id: 's1', spec: spec([layer()]) }], 'ana', now, day.end);
    expect(covers.map((c) => hhmm('Europe/Berlin', c.start))).toEqual(['2026-03-04 12:00']);
  });

  it('every schedule and role: primary on one schedule, secondary on another', () => {
    const weekly = (id: string, role: 'primary' | 'secondary', people: string[]) => layer({ id, role, participantIds: people, shiftUnit: 'week' });
    const day = dayBounds(zoneNamed('Europe/Berlin'), '2026-03-05');
    const { covers } = recoveryCover(
      [
        { id: 's1', spec: spec([weekly('A', 'primary', ['ana', 'ben'])]) },
        { id: 's2', spec: spec([weekly('B', 'secondary', ['ana', 'dan'])]) },
      ],
      'ana',
      day.start,
      day.end,
    );
    expect(covers.map((c) => [c.scheduleId, c.role, c.userId, c.end - c.start])).toEqual([
      ['s1', 'primary', 'ben', DAY],
      ['s2', 'secondary', 'dan', DAY],
    ]);
  });

  it('a span held through an override is covered from the rotation the person belongs to; outside any rotation it is left', () => {
    const day = dayBounds(zoneNamed('Europe/Berlin'), '2026-03-04');
    const o = (userId: string): OverrideSpec => ({ id: `o-${userId}`, role: 'primary', userId, start: day.start, end: day.start + 2 * HOUR, createdAt: 0 });
    const { covers: withAna } = recoveryCover([{ id: 's1', spec: spec([layer()], [o('ana')]) }], 'ana', day.start, day.end);
    expect(withAna.map((c) => [c.userId, c.end - c.start])).toEqual([
      ['ben', 2 * HOUR],
      ['ben', 14 * HOUR],
    ]);
    const stranger = recoveryCover([{ id: 's1', spec: spec([layer()], [o('zed')]) }], 'zed', day.start, day.end);
    expect(stranger.covers).toEqual([]);
    expect(stranger.uncovered.map((u) => [u.scheduleId, u.role, u.end - u.start])).toEqual([['s1', 'primary', 2 * HOUR]]);
  });

  it('restriction windows leave several spans; touching covers of one person merge', () => {
    const l = layer({ shiftUnit: 'week', participantIds: ['ana', 'ben'], restriction: [{ days: [3], start: '09:00', end: '17:00' }] });
    const day = dayBounds(zoneNamed('Europe/Berlin'), '2026-03-04'); // a Wednesday
    const { covers } = recoveryCover([{ id: 's1', spec: spec([l]) }], 'ana', day.start, day.end);
    expect(covers.map((c) => [c.userId, hhmm('Europe/Berlin', c.start), hhmm('Europe/Berlin', c.end)])).toEqual([['ben', '2026-03-04 09:00', '2026-03-04 17:00']]);
  });

  const people = ['ana', 'ben', 'cai', 'dan'];
  const layerArb = fc.record({
    participantIds: fc.array(fc.constantFrom(...people), { minLength: 1, maxLength: 5 }),
    shiftUnit: fc.constantFrom('hour' as const, 'day' as const, 'week' as const),
    shiftLength: fc.integer({ min: 1, max: 3 }),
    role: fc.constantFrom('primary' as const, 'secondary' as const),
    handoffTime: fc.constantFrom('00:00', '09:30', '10:00', '23:00'),
  });
  const scenario = fc.record({
    layers: fc.array(layerArb, { minLength: 1, maxLength: 3 }),
    dayOffset: fc.integer({ min: 0, max: 300 }),
    person: fc.constantFrom(...people),
    unavailable: fc.subarray(people),
  });
  const build = (s: { layers: { participantIds: string[]; shiftUnit: 'hour' | 'day' | 'week'; shiftLength: number; role: 'primary' | 'secondary'; handoffTime: string }[] }) =>
    spec(s.layers.map((l, i) => layer({ ...l, id: `L${i}`, position: i, startDate: '2026-01-01' })));

  it('property: covers lie inside the person’s own spans, never name them or anyone unavailable, and apply cleanly', () => {
    fc.assert(
      fc.property(scenario, (s) => {
        const sched = build(s);
        const day = DateTime.utc(2026, 1, 2).plus({ days: s.dayOffset }).toISODate()!;
        const b = dayBounds(zoneNamed('Europe/Berlin'), day);
        const unavailable = new Set(s.unavailable.filter((p) => p !== s.person));
        const { covers, uncovered } = recoveryCover([{ id: 's', spec: sched }], s.person, b.start, b.end, unavailable);
        const before = scheduleLines(sched, b.start, b.end);
        for (const c of covers) {
          expect(c.userId).not.toBe(s.person);
          expect(unavailable.has(c.userId)).toBe(false);
          expect(c.start).toBeGreaterThanOrEqual(b.start);
          expect(c.end).toBeLessThanOrEqual(b.end);
          const own = before.final[c.role].filter((x) => x.userId === s.person);
          const inside = own.filter((x) => x.start < c.end && x.end > c.start).reduce((sum, x) => sum + Math.min(x.end, c.end) - Math.max(x.start, c.start), 0);
          expect(inside).toBe(c.end - c.start);
        }
        const own = (['primary', 'secondary'] as const).flatMap((r) => before.final[r].filter((x) => x.userId === s.person));
        const total = (list: { start: number; end: number }[]) => list.reduce((sum, x) => sum + x.end - x.start, 0);
        expect(total(covers) + total(uncovered)).toBe(total(own));
        // Applied as the newest overrides, the person is left only where nobody could cover.
        const overrides = covers.map((c, i) => ({ id: `r${i}`, role: c.role, userId: c.userId, start: c.start, end: c.end, createdAt: 1e15 + i }));
        const after = scheduleLines({ ...sched, overrides }, b.start, b.end);
        for (const role of ['primary', 'secondary'] as const) {
          for (const span of after.final[role].filter((x) => x.userId === s.person)) {
            const l = sched.layers.find((x) => x.id === span.layerId)!;
            expect(coverIn(l, s.person, unavailable)).toBeNull();
          }
        }
      }),
      { numRuns: 300 },
    );
  });
});
