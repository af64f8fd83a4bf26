import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DateTime } from 'luxon';
import { bucketOf } from './bucket.js';
import { localClock } from './local-clock.js';
import { gini } from './fairness.js';
import { hourOfWeekHeatMap } from './heat-map.js';
import { bucketCounts, disruptedHours, INTERRUPTION_DEDUP_MS, interruptionsOf, isInterrupting } from './interruptions.js';
import { onCallHours } from './oncall-hours.js';
import { pageEventsOf } from './page-events.js';
import { lastWeekStarts, pagerLoadByWeek, weekStartOf } from './pager-load.js';
import { percentile } from './percentiles.js';
import type { Bucket, NotificationEvent } from './types.js';

const ZONES = ['UTC', 'Europe/Berlin', 'America/New_York', 'Africa/Cairo', 'Asia/Kolkata', 'Australia/Sydney', 'Pacific/Chatham', 'Asia/Kathmandu'];
const START = Date.parse('2026-01-01T00:00:00Z');
const YEAR = 366 * 86_400_000;

/** Reference bucket from Intl (not Luxon): weekday and wall-clock minute in the zone. */
function referenceBucket(at: number, zone: string): Bucket {
  const parts = new Intl.DateTimeFormat('en-US', { timeZone: zone, weekday: 'short', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).formatToParts(at);
  const get = (t: string) => parts.find((p) => p.type === t)!.value;
  const minute = Number(get('hour')) * 60 + Number(get('minute'));
  if (minute < 480 || minute >= 1320) return 'sleep';
  if (get('weekday') === 'Sat' || get('weekday') === 'Sun') return 'off_hours';
  return minute < 1080 ? 'business' : 'off_hours';
}

const notification = fc.record({
  at: fc.integer({ min: START, max: START + 14 * 86_400_000 }),
  userId: fc.constantFrom('ana', 'ben', 'cy'),
  zone: fc.constantFrom(...ZONES),
  channel: fc.constantFrom('sms', 'voice', 'push', 'email', 'slack', 'webhook'),
  alertId: fc.constantFrom('a1', 'a2', 'a3', 'a4', 'a5'),
  isDrill: fc.boolean(),
});
// One zone per person, as in life.
const withZones = (list: NotificationEvent[]) => list.map((e) => ({ ...e, zone: ZONES[e.userId.charCodeAt(0) % ZONES.length]! }));

describe('metric properties', () => {
  it('bucketOf agrees with an Intl reference model in zones with DST, half and quarter hours', () => {
    fc.assert(
      fc.property(fc.integer({ min: START, max: START + YEAR }), fc.constantFrom(...ZONES), (at, zone) => {
        expect(bucketOf(at, zone)).toBe(referenceBucket(at, zone));
      }),
      { numRuns: 2000 },
    );
  });

  it('the fast wall clock agrees with Luxon, also minutes around DST changes and in 30-minute DST zones', () => {
    const zones = [...ZONES, 'Australia/Lord_Howe', 'America/St_Johns', 'Africa/Cairo'];
    const transitions = [Date.parse('2026-10-29T21:00:00Z'), Date.parse('2026-10-04T15:00:00Z'), Date.parse('2026-03-29T01:00:00Z'), Date.parse('2026-11-01T06:00:00Z'), Date.parse('2026-04-05T14:45:00Z')];
    const instant = fc.oneof(
      fc.integer({ min: START, max: START + YEAR }),
      fc.tuple(fc.constantFrom(...transitions), fc.integer({ min: -7_200_000, max: 7_200_000 })).map(([t, d]) => t + d),
    );
    fc.assert(
      fc.property(instant, fc.constantFrom(...zones), (at, zone) => {
        const fast = localClock(at, zone);
        const slow = DateTime.fromMillis(at, { zone });
        expect([fast.weekday, fast.hour, fast.minute, fast.hourStart]).toEqual([slow.weekday, slow.hour, slow.minute, slow.startOf('hour').toMillis()]);
      }),
      { numRuns: 3000 },
    );
  });

  it('bucket totals equal the interruption count; interruptions never exceed interrupting notifications', () => {
    fc.assert(
      fc.property(fc.array(notification, { maxLength: 60 }), (raw) => {
        const events = withZones(raw);
        const list = interruptionsOf(events);
        const c = bucketCounts(list);
        expect(c.business + c.off_hours + c.sleep).toBe(list.length);
        const counted = events.filter((e) => !e.isDrill && isInterrupting(e.channel));
        expect(list.length).toBeLessThanOrEqual(counted.length);
        expect(list.reduce((s, i) => s + i.notifications, 0)).toBe(counted.length);
        expect(hourOfWeekHeatMap(list).flat().reduce((a, b) => a + b, 0)).toBe(list.length);
        const hours = disruptedHours(list);
        expect(hours).toBeLessThanOrEqual(list.length);
        if (list.length > 0) expect(hours).toBeGreaterThan(0);
      }),
    );
  });

  it('one person’s interruptions are more than 60 s apart, and every interrupting notification has one within 60 s before it', () => {
    fc.assert(
      fc.property(fc.array(notification, { maxLength: 60 }), (raw) => {
        const events = withZones(raw);
        const list = interruptionsOf(events);
        for (const user of ['ana', 'ben', 'cy']) {
          const mine = list.filter((i) => i.userId === user).map((i) => i.at);
          for (let k = 1; k < mine.length; k++) expect(mine[k]! - mine[k - 1]!).toBeGreaterThan(INTERRUPTION_DEDUP_MS);
          for (const e of events.filter((x) => x.userId === user && !x.isDrill && isInterrupting(x.channel))) {
            const t = e.at as number;
            expect(mine.some((m) => m <= t && t - m <= INTERRUPTION_DEDUP_MS)).toBe(true);
          }
        }
      }),
    );
  });

  it('page events are the distinct alerts that interrupted someone, and a week view counts each once', () => {
    fc.assert(
      fc.property(fc.array(notification, { maxLength: 60 }), (raw) => {
        const events = withZones(raw);
        const pe = pageEventsOf(events);
        const reference = new Set(events.filter((e) => !e.isDrill && isInterrupting(e.channel)).map((e) => e.alertId));
        expect(new Set(pe.map((p) => p.key.slice('alert:'.length)))).toEqual(reference);
        expect(pe.length).toBe(reference.size);
        const weeks = lastWeekStarts(START + 20 * 86_400_000, 'Europe/Berlin', 5);
        expect(pagerLoadByWeek(pe, weeks, 'Europe/Berlin').reduce((s, w) => s + w.pageEvents, 0)).toBe(pe.length);
      }),
    );
  });

  it('pager load per week agrees with the week each event falls in on the zone’s wall clock', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: START, max: START + 100 * 86_400_000 }), { maxLength: 80 }), fc.constantFrom(...ZONES), (ats, zone) => {
        const weeks = lastWeekStarts(START + 90 * 86_400_000, zone, 12);
        const load = pagerLoadByWeek(ats.map((at) => ({ at })), weeks, zone);
        const reference = weeks.map((w) => ats.filter((at) => weekStartOf(at, zone) === w).length);
        expect(load.map((l) => l.pageEvents)).toEqual(reference);
      }),
      { numRuns: 200 },
    );
  });

  it('Gini is in [0, 1), ignores order and scale, and equals the double-sum definition', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 1000 }), { minLength: 1, maxLength: 40 }), fc.integer({ min: 1, max: 50 }), (xs, k) => {
        const g = gini(xs);
        expect(g).toBeGreaterThanOrEqual(0);
        expect(g).toBeLessThan(1);
        expect(gini([...xs].reverse())).toBeCloseTo(g, 9);
        expect(gini(xs.map((x) => x * k))).toBeCloseTo(g, 9);
        const n = xs.length;
        const mean = xs.reduce((a, b) => a + b, 0) / n;
        let sum = 0;
        for (const a of xs) for (const b of xs) sum += Math.abs(a - b);
        expect(g).toBeCloseTo(mean === 0 ? 0 : sum / (2 * n * n * mean), 9);
      }),
    );
  });

  it('percentiles are values of the list, p50 ≤ p90, and at least p % of values lie at or below', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 10_000 }), { minLength: 1 }), (xs) => {
        const p50 = percentile(xs, 50)!;
        const p90 = percentile(xs, 90)!;
        expect(xs).toContain(p50);
        expect(p50).toBeLessThanOrEqual(p90);
        expect(xs.filter((x) => x <= p90).length / xs.length).toBeGreaterThanOrEqual(0.9);
      }),
    );
  });

  it('on-call total hours lie between the larger role and the sum of both', () => {
    const shift = fc.record({
      userId: fc.constant('ana'),
      level: fc.integer({ min: 1, max: 3 }),
      start: fc.integer({ min: 0, max: 100 }).map((h) => h * 3_600_000),
      end: fc.integer({ min: 0, max: 100 }).map((h) => h * 3_600_000),
    });
    fc.assert(
      fc.property(fc.array(shift, { maxLength: 20 }), (shifts) => {
        const h = onCallHours(shifts, 10 * 3_600_000, 90 * 3_600_000).get('ana');
        if (!h) return;
        expect(h.total).toBeGreaterThanOrEqual(Math.max(h.primary, h.secondary));
        expect(h.total).toBeLessThanOrEqual(h.primary + h.secondary + 1e-9);
        expect(h.total).toBeLessThanOrEqual(80);
      }),
    );
  });
});
