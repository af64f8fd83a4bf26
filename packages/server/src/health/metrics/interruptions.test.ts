import { describe, expect, it } from 'vitest';
import { bucketCounts, disruptedHours, interruptionsOf, weightedInterruptions } from './interruptions.js';
import { pageEventsOf } from './page-events.js';
import { personLoads, teamFairness } from './people.js';
import type { NotificationEvent } from './types.js';

const Z = 'Africa/Cairo';
const ms = (iso: string) => Date.parse(iso);
const n = (iso: string, channel: string, alertId: string, extra: Partial<NotificationEvent> = {}): NotificationEvent => ({
  at: ms(iso),
  userId: 'ana',
  zone: Z,
  channel,
  alertId,
  serviceId: 'api',
  alertKey: `k-${alertId}`,
  ...extra,
});

/**
 * Ana, in Cairo, the week of Monday 26 October 2026. Cairo leaves summer time at
 * midnight on Thursday (UTC+3 → UTC+2), in the middle of her week.
 */
const week: NotificationEvent[] = [
  // Tue 27, 21:59:30 local (UTC+3): SMS, then voice 30 s later, push at exactly 60 s → one off-hours interruption
  n('2026-10-27T18:59:30Z', 'sms', 'a1'),
  n('2026-10-27T19:00:00Z', 'voice', 'a1'),
  n('2026-10-27T19:00:30Z', 'push', 'a1'),
  // …and the email never interrupts
  n('2026-10-27T18:59:31Z', 'email', 'a1'),
  // 22:00:30 local would have joined the burst above (60 s after 21:59:30); 22:00:31 opens a new one, in sleep
  n('2026-10-27T19:00:31Z', 'sms', 'a2'),
  // Thu 29, 23:30 local twice: before (UTC+3) and after (UTC+2) the clocks go back — two sleep interruptions, two clock hours
  n('2026-10-29T20:30:00Z', 'voice', 'a3'),
  n('2026-10-29T21:30:00Z', 'voice', 'a3'),
  // Fri 30, 21:59:30 local (UTC+2) off-hours; 22:00:30 local on another alert, 61 s later → sleep
  n('2026-10-30T19:59:30Z', 'slack', 'a4'),
  n('2026-10-30T20:00:31Z', 'ntfy', 'a5'),
  // Sat 31, 10:00 local: weekend off-hours
  n('2026-10-31T08:00:00Z', 'sms', 'a6'),
  // Mon 26, 09:15 local: business; a webhook alongside it is not an interruption
  n('2026-10-26T06:15:00Z', 'push', 'a7'),
  n('2026-10-26T06:15:00Z', 'webhook', 'a7'),
  // a drill at 03:00 local: reported apart, never counted
  n('2026-10-28T00:00:00Z', 'voice', 'drill', { isDrill: true }),
];

describe('interruptions of one person (hand-worked week with a mid-week DST change)', () => {
  const list = interruptionsOf(week);

  it('folds channels and repeats within 60 s, and splits at 61 s', () => {
    expect(list.map((i) => [new Date(i.at).toISOString(), i.bucket, i.notifications])).toEqual([
      ['2026-10-26T06:15:00.000Z', 'business', 1],
      ['2026-10-27T18:59:30.000Z', 'off_hours', 3],
      ['2026-10-27T19:00:31.000Z', 'sleep', 1],
      ['2026-10-29T20:30:00.000Z', 'sleep', 1],
      ['2026-10-29T21:30:00.000Z', 'sleep', 1],
      ['2026-10-30T19:59:30.000Z', 'off_hours', 1],
      ['2026-10-30T20:00:31.000Z', 'sleep', 1],
      ['2026-10-31T08:00:00.000Z', 'off_hours', 1],
    ]);
  });

  it('counts buckets, weights and disrupted hours', () => {
    const counts = bucketCounts(list);
    expect(counts).toEqual({ business: 1, off_hours: 3, sleep: 4 });
    // 1×1 + 3×1.5 + 4×2
    expect(weightedInterruptions(counts)).toBe(13.5);
    // hours (local): Mon 09, Tue 21, Tue 22, Thu 23 (+3), Thu 23 (+2), Fri 21, Fri 22, Sat 10
    expect(disruptedHours(list)).toBe(8);
  });

  it('counts each alert that interrupted as one page event, however many pages', () => {
    const events = pageEventsOf(week);
    expect(events.map((e) => e.key).sort()).toEqual(['alert:a1', 'alert:a2', 'alert:a3', 'alert:a4', 'alert:a5', 'alert:a6', 'alert:a7']);
    expect(events.find((e) => e.key === 'alert:a3')!.at).toBe(ms('2026-10-29T20:30:00Z'));
  });

  it('counts alerts of one incident as one page event, and several people once', () => {
    const events = pageEventsOf([
      n('2026-11-02T10:00:00Z', 'sms', 'x1', { incidentId: 'inc-1' }),
      n('2026-11-02T10:03:00Z', 'sms', 'x2', { incidentId: 'inc-1' }),
      n('2026-11-02T10:05:00Z', 'voice', 'x2', { incidentId: 'inc-1', userId: 'ben' }),
      n('2026-11-02T11:00:00Z', 'email', 'x3'),
    ]);
    expect(events).toEqual([
      { key: 'incident:inc-1', at: ms('2026-11-02T10:00:00Z'), alertIds: ['x1', 'x2'], serviceId: 'api', alertKey: 'k-x1', userIds: ['ana', 'ben'] },
    ]);
  });

  it('treats people separately: the same minute interrupts Ana and Ben once each', () => {
    const two = interruptionsOf([n('2026-11-02T10:00:00Z', 'sms', 'x'), n('2026-11-02T10:00:10Z', 'sms', 'x', { userId: 'ben', zone: 'UTC' })]);
    expect(two.map((i) => [i.userId, i.bucket])).toEqual([
      ['ana', 'business'], // 12:00 in Cairo
      ['ben', 'business'],
    ]);
  });

  it('anchors the 60 s on the burst’s first notification, so a steady drip still counts', () => {
    const drip = [0, 50, 100, 150].map((s) => n(new Date(ms('2026-11-02T10:00:00Z') + s * 1000).toISOString(), 'sms', 'd'));
    expect(interruptionsOf(drip).map((i) => i.notifications)).toEqual([2, 2]);
  });

  it('gives every team member a row and a Gini over them', () => {
    const loads = personLoads(list, ['ana', 'ben', 'cy']);
    expect(loads.map((l) => [l.userId, l.total, l.weighted])).toEqual([
      ['ana', 8, 13.5],
      ['ben', 0, 0],
      ['cy', 0, 0],
    ]);
    // one person carries everything: 1 − 1/3
    expect(teamFairness(loads).gini).toBeCloseTo(2 / 3, 10);
    expect(teamFairness(loads).uneven).toBe(true);
  });
});
