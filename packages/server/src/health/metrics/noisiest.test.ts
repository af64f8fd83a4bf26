import { describe, expect, it } from 'vitest';
import { interruptionsOf } from './interruptions.js';
import { noisiestSources } from './noisiest.js';
import { pageEventsOf } from './page-events.js';
import type { NotificationEvent } from './types.js';

const ms = (iso: string) => Date.parse(iso);
const page = (iso: string, alertId: string, serviceId: string, alertKey: string, userId = 'ana'): NotificationEvent => ({
  at: ms(iso),
  userId,
  zone: 'UTC',
  channel: 'sms',
  alertId,
  serviceId,
  alertKey,
});

describe('noisiest sources', () => {
  const events = [
    page('2026-11-02T10:00:00Z', 'a1', 'api', 'disk'), // business
    page('2026-11-02T11:00:00Z', 'a2', 'api', 'disk'),
    page('2026-11-03T02:00:00Z', 'a3', 'api', 'cpu'), // sleep
    page('2026-11-03T03:00:00Z', 'a4', 'db', 'disk'), // sleep
    page('2026-11-03T03:00:20Z', 'a4', 'db', 'disk', 'ben'), // sleep, second person
    page('2026-11-04T04:00:00Z', 'a5', 'db', 'replication'), // sleep
    page('2026-11-04T12:00:00Z', 'a6', 'web', 'http'),
  ];
  const n = noisiestSources(pageEventsOf(events), interruptionsOf(events), 2);

  it('ranks services by page events, then by sleep interruptions', () => {
    expect(n.services.byPageEvents.map((s) => [s.id, s.pageEvents, s.sleepInterruptions])).toEqual([
      ['api', 3, 1],
      ['db', 2, 3],
    ]);
    expect(n.services.bySleepInterruptions.map((s) => [s.id, s.sleepInterruptions])).toEqual([
      ['db', 3],
      ['api', 1],
    ]);
  });

  it('keeps equal keys of different services apart', () => {
    expect(n.alertKeys.byPageEvents.map((s) => [s.id, s.pageEvents])).toEqual([
      ['api/disk', 2],
      ['db/disk', 1], // ties at one page event: db/disk woke two people
    ]);
    expect(n.alertKeys.bySleepInterruptions.map((s) => [s.id, s.sleepInterruptions])).toEqual([
      ['db/disk', 2],
      ['api/cpu', 1],
    ]);
  });
});
