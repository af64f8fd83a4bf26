import fc from 'fast-check';
import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { zoneNamed } from '../lib/wall-clock.js';
import { changeovers, layerSpans, mergeSamePerson, nextInRotation, onCallAt, rotationClock, scheduleLines, type LayerSpec, type ScheduleSpec } from './oncall.js';
import { layerSpec } from '../test-support/schedule-specs.js';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const ZONES = ['America/New_York', 'Europe/London', 'Europe/Berlin', 'Australia/Sydney', 'Asia/Kolkata', 'Pacific/Chatham', 'UTC'] as const;

const layer = layerSpec;

const iso = (zone: string, text: string) => DateTime.fromISO(text, { zone }).toMillis();
const local = (zone: string, at: number) => DateTime.fromMillis(at, { zone });
const year2026 = (zone: string) => ({ from: iso(zone, '2026-01-01T00:00'), to: iso(zone, '2027-01-01T00:00') });
const clockText = (minutes: number) => `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;

/** Hour lengths that repeat at the same local times every day (or every few days); other lengths count elapsed hours. */
const WALL_CLOCK_HOURS = new Set([1, 2, 3, 4, 6, 8, 12, 24, 48, 72]);

/** Instants in [from, to) where a zone's UTC offset changes, found to the minute, with the change in minutes. */
function transitionsOf(zone: string, from: number, to: number): { at: number; delta: number }[] {
  const offset = (t: number) => DateTime.fromMillis(t, { zone }).offset;
  const out: { at: number; delta: number }[] = [];
  for (let t = from; t < to; t += 6 * HOUR) {
    const before = offset(t);
    const after = offset(t + 6 * HOUR);
    if (before === after) continue;
    let lo = t;
    let hi = t + 6 * HOUR;
    while (hi - lo > MINUTE) {
      const mid = lo + Math.floor((hi - lo) / 2 / MINUTE) * MINUTE;
      if (offset(mid) === before) lo = mid;
      else hi = mid;
    }
    out.push({ at: hi, delta: after - before });
  }
  return out;
}

/**
 * An hour layer's shifts the slow, obvious way, to check the calculator against. For
 * lengths in WALL_CLOCK_HOURS, handoff k is the first instant at which the zone's clock
 * shows the anchor's local date-time plus k·length hours, or later: a skipped time
 * becomes the end of the gap and an ambiguous one its first occurrence. Other lengths
 * add k·length elapsed hours to the first handoff. Shifts that come out empty are left out.
 */
function referenceHourSpans(zone: string, l: Pick<LayerSpec, 'participantIds' | 'shiftLength' | 'handoffTime' | 'startDate'>, from: number, to: number) {
  const offset = (t: number) => DateTime.fromMillis(t, { zone }).offset * MINUTE;
  const firstShowing = (wall: number) => {
    let t = wall - Math.max(offset(wall - DAY), offset(wall + DAY));
    while (t + offset(t) < wall) t += MINUTE;
    return t;
  };
  const wallAnchor = Date.parse(`${l.startDate}T${l.handoffTime}:00Z`);
  const step = l.shiftLength * HOUR;
  const anchor = firstShowing(wallAnchor);
  const handoff = (k: number) => (WALL_CLOCK_HOURS.has(l.shiftLength) ? firstShowing(wallAnchor + k * step) : anchor + k * step);
  const out: { start: number; end: number; userId: string }[] = [];
  // UTC offsets lie within -12 h and +14 h, so shift k0 starts before `from`.
  for (let k = Math.max(0, Math.floor((from - wallAnchor - 15 * HOUR) / step)); handoff(k) < to; k++) {
    const start = Math.max(handoff(k), from);
    const end = Math.min(handoff(k + 1), to);
    if (end > start) out.push({ start, end, userId: l.participantIds[k % l.participantIds.length]! });
  }
  return out;
}

describe('rotation of one layer', () => {
  it('starts at the first handoff weekday on or after the start date: 2026-01-01 is a Thursday, so Tuesday 6 January 10:00', () => {
    const spans = layerSpans(zoneNamed('UTC'), layer(), Date.UTC(2026, 0, 1), Date.UTC(2026, 0, 21));
    expect(spans.map((s) => [new Date(s.start).toISOString(), s.userId])).toEqual([
      ['2026-01-06T10:00:00.000Z', 'ana'],
      ['2026-01-13T10:00:00.000Z', 'ben'],
      ['2026-01-20T10:00:00.000Z', 'cai'],
    ]);
  });

  it('rotates back to the first person after the last, and a person listed twice takes two turns', () => {
    const spans = layerSpans(zoneNamed('UTC'), layer({ shiftUnit: 'day', participantIds: ['ana', 'ben', 'ana'] }), Date.UTC(2026, 0, 1, 10), Date.UTC(2026, 0, 6, 10));
    expect(spans.map((s) => s.userId)).toEqual(['ana', 'ben', 'ana', 'ana', 'ben']);
  });

  it('a 12-hour rotation keeps its 08:00 and 20:00 handoffs across DST, so the night of the change has an 11-hour shift', () => {
    const zone = 'America/New_York';
    const l = layer({ shiftUnit: 'hour', shiftLength: 12, handoffTime: '08:00', startDate: '2026-03-07' });
    const spans = layerSpans(zoneNamed(zone), l, iso(zone, '2026-03-07T08:00'), iso(zone, '2026-03-09T08:00'));
    expect(spans.map((s) => [local(zone, s.start).toFormat('dd HH:mm'), (s.end - s.start) / HOUR])).toEqual([
      ['07 08:00', 12],
      ['07 20:00', 11],
      ['08 08:00', 12],
      ['08 20:00', 12],
    ]);
  });

  it('a 5-hour rotation has no daily pattern, so it counts elapsed hours and its handoffs move an hour on the clock across DST', () => {
    const zone = 'America/New_York';
    const l = layer({ shiftUnit: 'hour', shiftLength: 5, handoffTime: '20:00', startDate: '2026-03-07' });
    const spans = layerSpans(zoneNamed(zone), l, iso(zone, '2026-03-07T20:00'), iso(zone, '2026-03-08T16:00'));
    expect(spans.map((s) => local(zone, s.start).toFormat('dd HH:mm'))).toEqual(['07 20:00', '08 01:00', '08 07:00', '08 12:00']);
    expect(spans.map((s) => (s.end - s.start) / HOUR)).toEqual([5, 5, 5, 4]);
  });

  it('restriction to weekdays leaves weekends empty and keeps the person of the running shift', () => {
    const l = layer({ restriction: [{ days: [1, 2, 3, 4, 5], start: '00:00', end: '00:00' }] });
    const spans = layerSpans(zoneNamed('UTC'), l, Date.UTC(2026, 0, 6, 10), Date.UTC(2026, 0, 13, 10));
    expect(spans.map((s) => [new Date(s.start).toISOString(), new Date(s.end).toISOString(), s.userId])).toEqual([
      ['2026-01-06T10:00:00.000Z', '2026-01-10T00:00:00.000Z', 'ana'],
      ['2026-01-12T00:00:00.000Z', '2026-01-13T10:00:00.000Z', 'ana'],
    ]);
  });

  it('a window past midnight belongs to the day it starts (follow-the-sun night desk)', () => {
    const l = layer({ shiftUnit: 'day', handoffTime: '00:00', restriction: [{ days: [5], start: '20:00', end: '08:00' }] });
    const spans = layerSpans(zoneNamed('UTC'), l, Date.UTC(2026, 0, 9), Date.UTC(2026, 0, 11));
    expect(spans.map((s) => [new Date(s.start).toISOString(), new Date(s.end).toISOString()])).toEqual([
      ['2026-01-09T20:00:00.000Z', '2026-01-10T00:00:00.000Z'],
      ['2026-01-10T00:00:00.000Z', '2026-01-10T08:00:00.000Z'],
    ]);
  });

  it('nobody is on call before the rotation starts', () => {
    expect(layerSpans(zoneNamed('UTC'), layer(), Date.UTC(2025, 11, 1), Date.UTC(2026, 0, 6, 10))).toEqual([]);
  });
});

describe('the final line', () => {
  const base: ScheduleSpec = { timeZone: 'UTC', layers: [layer()], overrides: [] };

  it('a higher layer wins where it has someone, and the lower one shows through elsewhere', () => {
    const top = layer({ id: 'L2', position: 1, participantIds: ['dev'], shiftUnit: 'day', handoffTime: '00:00', restriction: [{ days: [6, 7], start: '00:00', end: '00:00' }] });
    const lines = scheduleLines({ ...base, layers: [layer(), top] }, Date.UTC(2026, 0, 9), Date.UTC(2026, 0, 13));
    expect(lines.final.primary.map((s) => [new Date(s.start).toISOString(), s.userId, s.layerId])).toEqual([
      ['2026-01-09T00:00:00.000Z', 'ana', 'L1'],
      ['2026-01-10T00:00:00.000Z', 'dev', 'L2'],
      ['2026-01-11T00:00:00.000Z', 'dev', 'L2'],
      ['2026-01-12T00:00:00.000Z', 'ana', 'L1'],
    ]);
    expect(onCallAt({ ...base, layers: [layer(), top] }, Date.UTC(2026, 0, 10, 12)).primary?.userId).toBe('dev');
    expect(onCallAt({ ...base, layers: [layer(), top] }, Date.UTC(2026, 0, 9, 12)).primary?.userId).toBe('ana');
  });

  it('the newest override wins where two overlap', () => {
    const spec: ScheduleSpec = {
      ...base,
      overrides: [
        { id: 'o1', role: 'primary', userId: 'eve', start: Date.UTC(2026, 0, 8), end: Date.UTC(2026, 0, 10), createdAt: 1 },
        { id: 'o2', role: 'primary', userId: 'fay', start: Date.UTC(2026, 0, 9), end: Date.UTC(2026, 0, 11), createdAt: 2 },
      ],
    };
    const line = scheduleLines(spec, Date.UTC(2026, 0, 7), Date.UTC(2026, 0, 12)).final.primary;
    expect(line.map((s) => [new Date(s.start).toISOString(), s.userId])).toEqual([
      ['2026-01-07T00:00:00.000Z', 'ana'],
      ['2026-01-08T00:00:00.000Z', 'eve'],
      ['2026-01-09T00:00:00.000Z', 'fay'],
      ['2026-01-11T00:00:00.000Z', 'ana'],
    ]);
  });

  it('an override fills a gap where no layer has anyone, and secondary overrides leave the primary alone', () => {
    const spec: ScheduleSpec = {
      ...base,
      overrides: [
        { id: 'o1', role: 'primary', userId: 'eve', start: Date.UTC(2026, 0, 1), end: Date.UTC(2026, 0, 2), createdAt: 1 },
        { id: 'o2', role: 'secondary', userId: 'fay', start: Date.UTC(2026, 0, 1), end: Date.UTC(2026, 0, 2), createdAt: 2 },
      ],
    };
    const now = onCallAt(spec, Date.UTC(2026, 0, 1, 12));
    expect([now.primary?.userId, now.secondary?.userId]).toEqual(['eve', 'fay']);
    expect(scheduleLines(spec, Date.UTC(2026, 0, 1), Date.UTC(2026, 0, 3)).gaps.primary).toEqual([{ start: Date.UTC(2026, 0, 2), end: Date.UTC(2026, 0, 3) }]);
  });

  it('changeovers skip spans of the same person and report the start and end of gaps', () => {
    const spec: ScheduleSpec = { ...base, layers: [layer({ shiftUnit: 'day', participantIds: ['ana', 'ana', 'ben'] })] };
    const line = scheduleLines(spec, Date.UTC(2026, 0, 1, 10), Date.UTC(2026, 0, 4, 10)).final.primary;
    expect(changeovers(line)).toEqual([{ at: Date.UTC(2026, 0, 3, 10), outgoing: 'ana', incoming: 'ben' }]);
  });

  it('joins back-to-back spans of one person, and only those', () => {
    const spec: ScheduleSpec = {
      ...base,
      layers: [layer({ shiftUnit: 'day', participantIds: ['ana', 'ana', 'ben'] })],
      overrides: [{ id: 'o', role: 'primary', userId: 'ben', start: Date.UTC(2026, 0, 1, 12), end: Date.UTC(2026, 0, 1, 13), createdAt: 0 }],
    };
    const line = scheduleLines(spec, Date.UTC(2026, 0, 1, 10), Date.UTC(2026, 0, 4, 10)).final.primary;
    expect(mergeSamePerson(line).map((s) => [s.userId, new Date(s.start).toISOString(), new Date(s.end).toISOString()])).toEqual([
      ['ana', '2026-01-01T10:00:00.000Z', '2026-01-01T12:00:00.000Z'],
      ['ben', '2026-01-01T12:00:00.000Z', '2026-01-01T13:00:00.000Z'],
      ['ana', '2026-01-01T13:00:00.000Z', '2026-01-03T10:00:00.000Z'],
      ['ben', '2026-01-03T10:00:00.000Z', '2026-01-04T10:00:00.000Z'],
    ]);
  });

  it('the next person in a rotation skips the person themselves', () => {
    expect(nextInRotation({ participantIds: ['ana', 'ben', 'cai'] }, 'cai')).toBe('ana');
    expect(nextInRotation({ participantIds: ['ana', 'ana', 'ben'] }, 'ana')).toBe('ben');
    expect(nextInRotation({ participantIds: ['ana'] }, 'ana')).toBeNull();
  });
});

describe('DST matrix: a weekly Tuesday 10:00 handoff stays at 10:00 local all year', () => {
  for (const zone of ZONES) {
    it(zone, () => {
      const { from, to } = year2026(zone);
      const spans = layerSpans(zoneNamed(zone), layer(), from, to);
      expect(spans.length).toBe(52);
      for (const s of spans) {
        const start = local(zone, s.start);
        expect([start.weekday, start.toFormat('HH:mm')]).toEqual([2, '10:00']);
      }
      for (let i = 1; i < spans.length; i++) expect(spans[i]!.start).toBe(spans[i - 1]!.end);
      // Across the year the week lengths differ by exactly the DST shifts.
      const lengths = new Set(spans.slice(0, -1).map((s) => (s.end - s.start) / HOUR));
      const expected = zone === 'Asia/Kolkata' || zone === 'UTC' ? [168] : [167, 168, 169];
      expect([...lengths].sort()).toEqual(expected);
    });
  }
});

describe('DST matrix: a daily handoff at a skipped time happens at the first valid instant after the gap', () => {
  // [zone, spring-forward date, a skipped local time, the first valid local time after it]
  const springs = [
    ['America/New_York', '2026-03-08', '02:30', '03:00'],
    ['Europe/London', '2026-03-29', '01:30', '02:00'],
    ['Europe/Berlin', '2026-03-29', '02:30', '03:00'],
    ['Australia/Sydney', '2026-10-04', '02:30', '03:00'],
    ['Pacific/Chatham', '2026-09-27', '03:00', '03:45'],
  ] as const;
  for (const [zone, date, skipped, firstValid] of springs) {
    it(`${zone} on ${date}`, () => {
      const l = layer({ shiftUnit: 'day', handoffTime: skipped, startDate: '2026-01-01' });
      const around = { from: iso(zone, `${date}T00:00`) - 2 * DAY, to: iso(zone, `${date}T00:00`) + 3 * DAY };
      const starts = layerSpans(zoneNamed(zone), l, around.from, around.to).slice(2).map((s) => local(zone, s.start).toFormat('yyyy-MM-dd HH:mm'));
      const day = DateTime.fromISO(date);
      expect(starts).toEqual([
        `${day.minus({ days: 1 }).toISODate()} ${skipped}`,
        `${date} ${firstValid}`,
        `${day.plus({ days: 1 }).toISODate()} ${skipped}`,
        `${day.plus({ days: 2 }).toISODate()} ${skipped}`,
      ]);
    });
  }
});

describe('DST matrix: ambiguous times take the first occurrence for a start and the last for an end', () => {
  // [zone, fall-back date, an ambiguous local time, its first and last UTC instants]
  const falls = [
    ['America/New_York', '2026-11-01', '01:30', '2026-11-01T05:30:00.000Z', '2026-11-01T06:30:00.000Z'],
    ['Europe/London', '2026-10-25', '01:30', '2026-10-25T00:30:00.000Z', '2026-10-25T01:30:00.000Z'],
    ['Europe/Berlin', '2026-10-25', '02:30', '2026-10-25T00:30:00.000Z', '2026-10-25T01:30:00.000Z'],
    ['Australia/Sydney', '2026-04-05', '02:30', '2026-04-04T15:30:00.000Z', '2026-04-04T16:30:00.000Z'],
    ['Pacific/Chatham', '2026-04-05', '03:00', '2026-04-04T13:15:00.000Z', '2026-04-04T14:15:00.000Z'],
  ] as const;
  for (const [zone, date, ambiguous, first, last] of falls) {
    it(`${zone} on ${date}`, () => {
      const day = layer({ shiftUnit: 'day', handoffTime: ambiguous });
      const clock = rotationClock(zoneNamed(zone), day);
      const k = Math.round((iso(zone, `${date}T12:00`) - clock(0)) / DAY);
      expect(new Date(clock(k)).toISOString()).toBe(first);
      // A window that ends at the ambiguous time keeps the whole repeated hour.
      const window = layer({ shiftUnit: 'week', restriction: [{ days: [1, 2, 3, 4, 5, 6, 7], start: '00:00', end: ambiguous }] });
      const spans = layerSpans(zoneNamed(zone), window, iso(zone, `${date}T00:00`) - HOUR, iso(zone, `${date}T12:00`));
      expect(spans.map((s) => new Date(s.end).toISOString())).toContain(last);
    });
  }

  it('shifts tile across a fall-back night: no gap, no double', () => {
    const zone = 'America/New_York';
    const l = layer({ shiftUnit: 'day', handoffTime: '01:30' });
    const spans = layerSpans(zoneNamed(zone), l, iso(zone, '2026-10-30T00:00'), iso(zone, '2026-11-04T00:00'));
    for (let i = 1; i < spans.length; i++) expect(spans[i]!.start).toBe(spans[i - 1]!.end);
    expect(spans.map((s) => (s.end - s.start) / HOUR)).toContain(25);
  });
});

describe('DST matrix: an hour rotation whose length divides a day keeps its handoffs at the same local times', () => {
  for (const zone of ZONES) {
    for (const hours of [1, 2, 3, 4, 6, 8, 12]) {
      it(`${zone}, every ${hours} h from 08:00: the same local times in the days around each change and in a January week`, () => {
        const l = layer({ shiftUnit: 'hour', shiftLength: hours, handoffTime: '08:00', startDate: '2025-12-01' });
        const { from, to } = year2026(zone);
        const changes = transitionsOf(zone, from, to);
        expect(changes.length).toBe(zone === 'Asia/Kolkata' || zone === 'UTC' ? 0 : 2);
        // Each date has the whole pattern, except that a time the clock skips moves to the end of the skipped stretch.
        const pattern = Array.from({ length: 24 / hours }, (_, j) => ((8 + j * hours) % 24) * 60);
        const gaps = new Map(
          changes
            .filter((c) => c.delta > 0)
            .map((c) => {
              const end = local(zone, c.at);
              return [end.toISODate()!, { start: end.hour * 60 + end.minute - c.delta, end: end.hour * 60 + end.minute }] as const;
            }),
        );
        const days = [DateTime.fromISO('2026-01-08', { zone }), ...changes.map((c) => local(zone, c.at).startOf('day'))];
        for (const middle of days) {
          const spans = layerSpans(zoneNamed(zone), l, middle.minus({ days: 4 }).toMillis(), middle.plus({ days: 4 }).toMillis());
          expect(spans.every((s, i) => s.end > s.start && (i === 0 || s.start === spans[i - 1]!.end))).toBe(true);
          const byDate = new Map<string, string[]>();
          for (const s of spans.slice(1)) {
            const t = local(zone, s.start);
            byDate.set(t.toISODate()!, [...(byDate.get(t.toISODate()!) ?? []), t.toFormat('HH:mm')]);
          }
          for (let day = middle.minus({ days: 3 }); day < middle.plus({ days: 4 }); day = day.plus({ days: 1 })) {
            const gap = gaps.get(day.toISODate()!);
            const expected = [...new Set(pattern.map((m) => (gap && m >= gap.start && m < gap.end ? gap.end : m)))].sort((a, b) => a - b);
            expect(byDate.get(day.toISODate()!), day.toISODate()!).toEqual(expected.map(clockText));
          }
        }
      });
    }
  }

  for (const zone of ZONES.filter((z) => z !== 'Asia/Kolkata' && z !== 'UTC')) {
    it(`${zone}: the 12-hour shift across the change is 11 h in spring and 13 h in autumn`, () => {
      const l = layer({ shiftUnit: 'hour', shiftLength: 12, handoffTime: '08:00', startDate: '2025-12-01' });
      const { from, to } = year2026(zone);
      const spans = layerSpans(zoneNamed(zone), l, from, to);
      const changes = transitionsOf(zone, from, to);
      const across = changes.map((c) => spans.find((s) => s.start < c.at && c.at < s.end)!);
      expect(across.map((s) => local(zone, s.start).toFormat('HH:mm'))).toEqual(['20:00', '20:00']);
      expect(across.map((s) => (s.end - s.start) / HOUR)).toEqual(changes.map((c) => 12 - c.delta / 60));
      expect(new Set(spans.slice(1, -1).map((s) => (s.end - s.start) / HOUR))).toEqual(new Set([11, 12, 13]));
    });
  }

  it('Europe/Berlin, 12 h at 08:00 and 20:00: still 08:00 and 20:00 after both changes', () => {
    const zone = 'Europe/Berlin';
    const l = layer({ shiftUnit: 'hour', shiftLength: 12, handoffTime: '08:00', startDate: '2026-01-01' });
    const around = (date: string) => {
      const at = DateTime.fromISO(`${date}T08:00`, { zone });
      return layerSpans(zoneNamed(zone), l, at.minus({ days: 1 }).toMillis(), at.plus({ days: 1 }).toMillis());
    };
    const shifts = (date: string) => around(date).map((s) => [local(zone, s.start).toFormat('MM-dd HH:mm'), (s.end - s.start) / HOUR]);
    expect(shifts('2026-03-29')).toEqual([
      ['03-28 08:00', 12],
      ['03-28 20:00', 11],
      ['03-29 08:00', 12],
      ['03-29 20:00', 12],
    ]);
    expect(shifts('2026-10-25')).toEqual([
      ['10-24 08:00', 12],
      ['10-24 20:00', 13],
      ['10-25 08:00', 12],
      ['10-25 20:00', 12],
    ]);
  });

  it('Europe/Berlin, 1 h: the hour the clock skips has no shift (its person sits it out) and the repeated hour is one 2-hour shift', () => {
    const zone = 'Europe/Berlin';
    const hourly = (date: string) => layer({ shiftUnit: 'hour', shiftLength: 1, handoffTime: '00:00', startDate: date });
    const night = (date: string) =>
      layerSpans(zoneNamed(zone), hourly(date), iso(zone, `${date}T00:00`), iso(zone, `${date}T05:00`)).map((s) => [
        `${local(zone, s.start).toFormat('HH:mm')} ${new Date(s.start).toISOString().slice(11, 16)}Z`,
        (s.end - s.start) / HOUR,
        s.userId,
      ]);
    expect(night('2026-03-29')).toEqual([
      ['00:00 23:00Z', 1, 'ana'],
      ['01:00 00:00Z', 1, 'ben'],
      ['03:00 01:00Z', 1, 'ana'],
      ['04:00 02:00Z', 1, 'ben'],
    ]);
    expect(night('2026-10-25')).toEqual([
      ['00:00 22:00Z', 1, 'ana'],
      ['01:00 23:00Z', 1, 'ben'],
      ['02:00 00:00Z', 2, 'cai'],
      ['03:00 02:00Z', 1, 'ana'],
      ['04:00 03:00Z', 1, 'ben'],
    ]);
  });
});

describe('properties', () => {
  const zoneArb = fc.constantFrom(...ZONES);
  const clockArb = fc.tuple(fc.integer({ min: 0, max: 23 }), fc.integer({ min: 0, max: 59 })).map(([h, m]) => `${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}`);
  const layerArb = fc.record({
    participantIds: fc.array(fc.constantFrom('ana', 'ben', 'cai', 'dev', 'eve'), { minLength: 1, maxLength: 6 }),
    shiftUnit: fc.constantFrom('hour', 'day', 'week' as const),
    shiftLength: fc.integer({ min: 1, max: 14 }),
    handoffWeekday: fc.integer({ min: 1, max: 7 }),
    handoffTime: clockArb,
    startDate: fc.integer({ min: 0, max: 700 }).map((d) => DateTime.utc(2025, 1, 1).plus({ days: d }).toISODate()!),
  });
  const instantArb = fc.integer({ min: Date.UTC(2027, 0, 1), max: Date.UTC(2028, 11, 31) });

  const HOUR_ZONES = [...ZONES, 'Australia/Lord_Howe', 'Antarctica/Troll'];
  const changes = HOUR_ZONES.flatMap((zone) => transitionsOf(zone, Date.UTC(2027, 0, 1), Date.UTC(2029, 0, 1)).map((c) => ({ zone, at: c.at })));
  // Half the cases start at most three days before a DST change, where the rules bite.
  const whereArb = fc.oneof(
    fc.record({ zone: fc.constantFrom(...HOUR_ZONES), from: instantArb }),
    fc.tuple(fc.constantFrom(...changes), fc.integer({ min: 0, max: 3 * DAY })).map(([c, before]) => ({ zone: c.zone, from: c.at - before })),
  );
  const hourLayerArb = fc.record({
    participantIds: fc.array(fc.constantFrom('ana', 'ben', 'cai', 'dev', 'eve'), { minLength: 1, maxLength: 6 }),
    shiftUnit: fc.constant('hour' as const),
    shiftLength: fc.constantFrom(1, 2, 3, 4, 5, 6, 7, 8, 9, 12, 16, 24, 36, 48),
    handoffTime: clockArb,
    startDate: fc.integer({ min: 0, max: 1400 }).map((d) => DateTime.utc(2025, 1, 1).plus({ days: d }).toISODate()!),
  });

  it('hour rotations agree with the plain reference (wall-clock steps for day-dividing lengths, elapsed hours otherwise)', () => {
    fc.assert(
      fc.property(whereArb, hourLayerArb, fc.integer({ min: 1, max: 6 * DAY }), ({ zone, from }, l, length) => {
        const spans = layerSpans(zoneNamed(zone), layer(l), from, from + length);
        expect(spans.map((s) => ({ start: s.start, end: s.end, userId: s.userId }))).toEqual(referenceHourSpans(zone, l, from, from + length));
      }),
    );
  });

  it('hour rotations tile time with strictly increasing handoffs, on the local pattern for day-dividing lengths, every `length` elapsed hours otherwise', () => {
    fc.assert(
      fc.property(whereArb, hourLayerArb, fc.integer({ min: 1, max: 20 * DAY }), ({ zone, from }, l, length) => {
        const z = zoneNamed(zone);
        const clock = rotationClock(z, layer(l));
        const spans = layerSpans(z, layer(l), from, from + length);
        if (clock(0) >= from + length) return spans.length === 0;
        if (spans[0]!.start !== Math.max(from, clock(0)) || spans[spans.length - 1]!.end !== from + length) return false;
        if (!spans.every((s, i) => s.end > s.start && (i === 0 || s.start === spans[i - 1]!.end))) return false;
        const step = l.shiftLength * HOUR;
        const wallAnchor = Date.parse(`${l.startDate}T${l.handoffTime}:00Z`);
        return spans.slice(1).every((s) => {
          if (!WALL_CLOCK_HOURS.has(l.shiftLength)) return (s.start - clock(0)) % step === 0;
          const offset = local(zone, s.start).offset;
          if ((s.start + offset * MINUTE - wallAnchor) % step === 0) return true;
          // Otherwise its local time was skipped: the handoff is the end of a spring-forward gap.
          return local(zone, s.start - 1).offset < offset;
        });
      }),
    );
  });

  it('with at least one participant and no restriction, exactly one person per layer at every instant', () => {
    fc.assert(
      fc.property(zoneArb, layerArb, instantArb, (zone, l, at) => {
        const spans = layerSpans(zoneNamed(zone), layer(l), at, at + 1);
        return spans.length === 1 && l.participantIds.includes(spans[0]!.userId);
      }),
    );
  });

  it('consecutive shifts tile time with no gap or overlap', () => {
    fc.assert(
      fc.property(zoneArb, layerArb, instantArb, fc.integer({ min: 1, max: 60 * DAY }), (zone, l, from, length) => {
        const spans = layerSpans(zoneNamed(zone), layer(l), from, from + length);
        if (spans[0]!.start !== from || spans[spans.length - 1]!.end !== from + length) return false;
        return spans.every((s, i) => s.end > s.start && (i === 0 || s.start === spans[i - 1]!.end));
      }),
    );
  });

  it('an override replaces exactly its span of the final line', () => {
    fc.assert(
      fc.property(zoneArb, layerArb, instantArb, fc.integer({ min: 1, max: 10 * DAY }), fc.integer({ min: 1, max: 10 * DAY }), (zone, l, at, offset, length) => {
        const spec: ScheduleSpec = { timeZone: zone, layers: [layer(l)], overrides: [] };
        const override = { id: 'o', role: 'primary' as const, userId: 'zed', start: at + offset, end: at + offset + length, createdAt: 0 };
        const range = { from: at, to: at + offset + length + 5 * DAY };
        const before = scheduleLines(spec, range.from, range.to).final.primary;
        const after = scheduleLines({ ...spec, overrides: [override] }, range.from, range.to).final.primary;
        const who = (line: typeof before, t: number) => line.find((s) => s.start <= t && t < s.end)?.userId;
        const probes = [range.from, override.start - 1, override.start, override.end - 1, override.end, range.to - 1, at + offset + Math.floor(length / 2)];
        return probes.every((t) => (t >= override.start && t < override.end ? who(after, t) === 'zed' : who(after, t) === who(before, t)));
      }),
    );
  });

  it('every handoff of a daily or weekly rotation happens at the configured local time, or at the end of a DST gap that swallowed it', () => {
    fc.assert(
      fc.property(zoneArb, layerArb.filter((l) => l.shiftUnit !== 'hour'), instantArb, (zone, l, from) => {
        const spans = layerSpans(zoneNamed(zone), layer(l), from, from + 90 * DAY);
        return spans.slice(1).every((s) => {
          const t = local(zone, s.start);
          if (l.shiftUnit === 'week' && t.weekday !== l.handoffWeekday) return false;
          if (t.toFormat('HH:mm') === l.handoffTime) return true;
          // Skipped: the instant is a transition (offset changes right there).
          return DateTime.fromMillis(s.start - 1, { zone }).offset !== t.offset;
        });
      }),
    );
  });

  it('the final line never has two people for one role at once', () => {
    fc.assert(
      fc.property(zoneArb, fc.array(layerArb, { minLength: 1, maxLength: 4 }), instantArb, (zone, ls, from) => {
        const spec: ScheduleSpec = { timeZone: zone, layers: ls.map((l, i) => layer({ ...l, id: `L${i}`, position: i })), overrides: [] };
        const line = scheduleLines(spec, from, from + 30 * DAY).final.primary;
        return line.every((s, i) => s.end > s.start && (i === 0 || s.start >= line[i - 1]!.end));
      }),
    );
  });
});
