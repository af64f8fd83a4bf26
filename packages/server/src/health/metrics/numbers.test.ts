import { describe, expect, it } from 'vitest';
import { ackSlaByLevel } from './ack-sla.js';
import { fairnessOf, gini } from './fairness.js';
import { hourOfWeekHeatMap } from './heat-map.js';
import { interruptionsOf } from './interruptions.js';
import { onCallHours } from './oncall-hours.js';
import { lastWeekStarts, pagerLoadBand, pagerLoadByWeek, weekStartOf } from './pager-load.js';
import { percentile } from './percentiles.js';
import { recoveryDays } from './recovery.js';
import { responseTimes } from './response-times.js';
import { toilShare, topRecurringToil, weeklyWorkingHours } from './toil.js';

const ms = (iso: string) => Date.parse(iso);
const MIN = 60_000;

describe('pager load bands', () => {
  it('is healthy under 2, walking the edge from 2 to 5, unhealthy over 5', () => {
    expect([0, 1, 1.99, 2, 3, 5, 5.01, 6, 40].map(pagerLoadBand)).toEqual([
      'healthy', 'healthy', 'healthy', 'edge', 'edge', 'edge', 'unhealthy', 'unhealthy', 'unhealthy',
    ]);
  });

  it('counts page events per team week, Monday 00:00 in the team’s zone', () => {
    const weeks = lastWeekStarts(ms('2026-11-04T12:00:00Z'), 'America/New_York', 3);
    expect(weeks.map((w) => new Date(w).toISOString())).toEqual([
      '2026-10-19T04:00:00.000Z', // EDT
      '2026-10-26T04:00:00.000Z',
      '2026-11-02T05:00:00.000Z', // EST after 1 November
    ]);
    const at = ['2026-10-20T00:00:00Z', '2026-10-26T03:59:59Z', '2026-10-26T04:00:00Z', '2026-11-03T00:00:00Z', '2026-11-03T01:00:00Z', '2026-11-03T02:00:00Z', '2026-10-01T00:00:00Z'];
    const load = pagerLoadByWeek(at.map((a) => ({ at: ms(a) })), weeks, 'America/New_York');
    expect(load.map((w) => [w.pageEvents, w.band])).toEqual([
      [2, 'edge'],
      [1, 'healthy'],
      [3, 'edge'],
    ]);
    expect(weekStartOf(ms('2026-11-02T04:59:59Z'), 'America/New_York')).toBe(weeks[1]);
  });
});

describe('fairness (Gini of weighted interruptions)', () => {
  it('matches hand-worked values', () => {
    expect(gini([])).toBe(0);
    expect(gini([0, 0, 0])).toBe(0);
    expect(gini([3, 3, 3, 3])).toBe(0);
    expect(gini([0, 0, 0, 4])).toBeCloseTo(0.75, 12); // 1 − 1/4
    expect(gini([1, 2, 3, 4])).toBeCloseTo(0.25, 12); // Σ|xi−xj| = 20, 2·n²·mean = 80
    expect(gini([2, 3])).toBeCloseTo(0.1, 12); // 2 / (2·4·2.5)
  });

  it('flags only above 0.2', () => {
    expect(fairnessOf([2, 3]).uneven).toBe(false);
    expect(fairnessOf([1, 2, 3, 4]).uneven).toBe(true);
    // 0.2 exactly is not flagged: [1, 1, 1, 1, 5]? use 2 people: |a−b| / (2·(a+b)) = 0.2 → a=3, b=7 gives 0.2
    expect(gini([3, 7])).toBeCloseTo(0.2, 12);
    expect(fairnessOf([3, 7]).uneven).toBe(false);
  });
});

describe('MTTA and MTTR', () => {
  it('uses nearest-rank p50 and p90', () => {
    expect(percentile([], 50)).toBeNull();
    expect(percentile([7], 90)).toBe(7);
    expect(percentile([3, 1, 2], 50)).toBe(2);
    expect(percentile([3, 1, 2], 90)).toBe(3);
    const ten = [10, 9, 8, 7, 6, 5, 4, 3, 2, 1];
    expect([percentile(ten, 50), percentile(ten, 90)]).toEqual([5, 9]);
  });

  it('measures triggered → first ack and start → resolved, leaving drills and open ones out', () => {
    const t0 = ms('2026-11-02T03:00:00Z');
    const rt = responseTimes([
      { triggeredAt: t0, acknowledgedAt: t0 + 2 * MIN, resolvedAt: t0 + 30 * MIN },
      { triggeredAt: t0, acknowledgedAt: t0 + 4 * MIN, resolvedAt: t0 + 10 * MIN },
      { triggeredAt: t0, acknowledgedAt: t0 + 12 * MIN, resolvedAt: null },
      { triggeredAt: t0, acknowledgedAt: null, resolvedAt: t0 + 60 * MIN },
      { triggeredAt: t0, acknowledgedAt: t0, resolvedAt: t0 + MIN, isDrill: true },
    ]);
    expect(rt.mtta).toEqual({ count: 3, p50: 4 * MIN, p90: 12 * MIN });
    expect(rt.mttr).toEqual({ count: 3, p50: 30 * MIN, p90: 60 * MIN });
    expect([rt.unacknowledged, rt.unresolved]).toEqual([1, 1]);
  });
});

describe('ack-SLA compliance per escalation level', () => {
  const t0 = ms('2026-11-02T03:00:00Z');
  it('compares each page with its level’s target (primary 5 min, secondary 30 min), the target itself included', () => {
    const rows = ackSlaByLevel(
      [
        { level: 1, pagedAt: t0, acknowledgedAt: t0 + 5 * MIN },
        { level: 1, pagedAt: t0, acknowledgedAt: t0 + 5 * MIN + 1 },
        { level: 1, pagedAt: t0, acknowledgedAt: null },
        { level: 2, pagedAt: t0 + 5 * MIN, acknowledgedAt: t0 + 20 * MIN },
        { level: 3, pagedAt: t0, acknowledgedAt: t0 + 31 * MIN },
        { level: 1, pagedAt: t0, acknowledgedAt: t0, isDrill: true },
      ],
      undefined,
      t0 + 2 * 60 * MIN,
    );
    expect(rows).toEqual([
      { level: 1, targetMs: 5 * MIN, pages: 3, withinTarget: 1, share: 1 / 3 },
      { level: 2, targetMs: 30 * MIN, pages: 1, withinTarget: 1, share: 1 },
      { level: 3, targetMs: 30 * MIN, pages: 1, withinTarget: 0, share: 0 },
    ]);
  });

  it('leaves a page whose target has not passed yet out as pending', () => {
    const rows = ackSlaByLevel([{ level: 1, pagedAt: t0, acknowledgedAt: null }], { primaryMs: 5 * MIN, secondaryMs: 30 * MIN }, t0 + 4 * MIN);
    expect(rows).toEqual([]);
  });
});

describe('on-call hours, recovery days, toil, heat map', () => {
  it('counts primary and secondary hours, overlaps once, clipped to the period', () => {
    const from = ms('2026-11-02T00:00:00Z');
    const to = ms('2026-11-09T00:00:00Z');
    const h = onCallHours(
      [
        { userId: 'ana', level: 1, start: ms('2026-11-01T00:00:00Z'), end: ms('2026-11-03T00:00:00Z') }, // 24 h inside
        { userId: 'ana', level: 1, start: ms('2026-11-02T12:00:00Z'), end: ms('2026-11-03T06:00:00Z') }, // +6 h past the first
        { userId: 'ana', level: 2, start: ms('2026-11-02T20:00:00Z'), end: ms('2026-11-03T10:00:00Z') }, // 14 h, 10 of them overlap
      ],
      from,
      to,
    );
    expect(h.get('ana')).toEqual({ primary: 30, secondary: 14, total: 34 });
  });

  it('counts recovery days granted, taken, declined and still ahead', () => {
    const r = recoveryDays(
      [
        { userId: 'ana', day: '2026-11-03', status: 'granted' },
        { userId: 'ana', day: '2026-11-05', status: 'granted' },
        { userId: 'ana', day: '2026-11-04', status: 'declined' },
        { userId: 'ben', day: '2026-11-01', status: 'granted' },
      ],
      '2026-11-04',
    );
    expect(r.get('ana')).toEqual({ granted: 3, taken: 1, declined: 1, upcoming: 1 });
    expect(r.get('ben')).toEqual({ granted: 1, taken: 1, declined: 0, upcoming: 0 });
  });

  it('shares toil against working hours with the 25 % line, and finds what recurs', () => {
    const entries = [
      { minutes: 45, what: 'rotated certs by hand' },
      { minutes: 15, what: 'Rotated  certs by hand ' },
      { minutes: 600, what: 'restarted the queue' },
      { minutes: 1800, what: 'manual deploys' },
    ];
    // 41 h over 2 people × 1 week × 40 h = 0.5125
    const two = [weeklyWorkingHours(null), weeklyWorkingHours({ days: [1, 2, 3, 4, 5], start: '09:00', end: '17:00' })];
    expect(toilShare(entries, two, 1)).toEqual({ toilHours: 41, workingHours: 80, share: 0.5125, overTarget: true });
    expect(toilShare([{ minutes: 1200, what: 'x' }], two, 1).overTarget).toBe(false); // exactly 25 %
    expect(toilShare([], [], 1).share).toBeNull();
    // A part-timer (Mon–Wed 09:00–15:00: 18 h) and a full-timer over two weeks: (18 + 40) × 2 = 116 h.
    const mixed = [weeklyWorkingHours({ days: [1, 2, 3], start: '09:00', end: '15:00' }), weeklyWorkingHours(undefined)];
    expect(toilShare([{ minutes: 29 * 60, what: 'x' }], mixed, 2)).toEqual({ toilHours: 29, workingHours: 116, share: 0.25, overTarget: false });
    expect(topRecurringToil(entries, 2)).toEqual([
      { what: 'manual deploys', times: 1, hours: 30 },
      { what: 'restarted the queue', times: 1, hours: 10 },
    ]);
    expect(topRecurringToil(entries)[2]).toEqual({ what: 'rotated certs by hand', times: 2, hours: 1 });
  });

  it('takes each person’s working hours from their setting, else 40 hours', () => {
    expect(weeklyWorkingHours({ days: [1, 2, 3, 4, 5], start: '08:00', end: '18:00' })).toEqual({ hours: 50, source: 'working_hours' });
    expect(weeklyWorkingHours({ days: [5, 6, 7], start: '22:00', end: '06:00' })).toEqual({ hours: 24, source: 'working_hours' }); // nights, past midnight
    expect(weeklyWorkingHours({ days: [1, 1, 2], start: '09:30', end: '12:00' })).toEqual({ hours: 5, source: 'working_hours' }); // a day listed twice counts once
    expect(weeklyWorkingHours({ days: [], start: '09:00', end: '17:00' })).toEqual({ hours: 40, source: 'default' });
    expect(weeklyWorkingHours({ days: [1], start: '09:00', end: '09:00' })).toEqual({ hours: 40, source: 'default' });
    expect(weeklyWorkingHours({ days: [1], start: '9am', end: '17:00' })).toEqual({ hours: 40, source: 'default' });
    expect(weeklyWorkingHours(null)).toEqual({ hours: 40, source: 'default' });
  });

  it('places interruptions by hour of week on the person’s wall clock', () => {
    const list = interruptionsOf([
      { at: ms('2026-10-29T20:30:00Z'), userId: 'ana', zone: 'Africa/Cairo', channel: 'sms', alertId: 'a' }, // Thu 23:30 (+3)
      { at: ms('2026-10-29T21:30:00Z'), userId: 'ana', zone: 'Africa/Cairo', channel: 'sms', alertId: 'a' }, // Thu 23:30 (+2)
      { at: ms('2026-11-01T09:00:00Z'), userId: 'ben', zone: 'UTC', channel: 'sms', alertId: 'b' }, // Sun 09
    ]);
    const grid = hourOfWeekHeatMap(list);
    expect(grid[3]![23]).toBe(2);
    expect(grid[6]![9]).toBe(1);
    expect(grid.flat().reduce((a, b) => a + b, 0)).toBe(3);
  });
});
