import fc from 'fast-check';
import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { zoneNamed } from '../lib/wall-clock.js';
import { changeovers, layerSpans, mergeSamePerson, nextInRotation, onCallAt, rotationClock, scheduleLines, type LayerSpec, type ScheduleSpec } from './oncall.js';
import { layerSpec } from '../test-support/schedule-specs.js';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const ZONES = ['America/New_York', 'Europe/London', 'Australia/Sydney', 'Asia/Kolkata', 'Pacific/Chatham', 'UTC'] as const;

const layer = layerSpec;

const iso = (zone: string, text: string) => DateTime.fromISO(text, { zone }).toMillis();
const local = (zone: string, at: number) => DateTime.fromMillis(at, { zone });
const year2026 = (zone: string) => ({ from: iso(zone, '2026-01-01T00:00'), to: iso(zone, '2027-01-01T00:00') });

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

  it('hourly rotations count elapsed hours, so a DST night has a 12-hour shift that ends an hour later on the clock', () => {
    const zone = 'America/New_York';
    const l = layer({ shiftUnit: 'hour', shiftLength: 12, handoffTime: '08:00', startDate: '2026-03-07' });
    const spans = layerSpans(zoneNamed(zone), l, iso(zone, '2026-03-07T08:00'), iso(zone, '2026-03-09T08:00'));
    expect(spans.map((s) => local(zone, s.start).toFormat('dd HH:mm'))).toEqual(['07 08:00', '07 20:00', '08 09:00', '08 21:00']);
    expect(spans.every((s) => s.end - s.start === 12 * HOUR || s.end === iso(zone, '2026-03-09T08:00'))).toBe(true);
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
