import fc from 'fast-check';
import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import {
  buildHandoffReport,
  handoffsBetween,
  MAX_LISTED,
  rankNoise,
  renderHandoffText,
  runsOf,
  type AlertFact,
  type Handoff,
  type HandoffFacts,
  type IncidentFact,
  type NoiseFact,
} from './handoff-report.js';
import type { LayerSpec, OverrideSpec, ScheduleSpec, Span } from './oncall.js';
import { layerSpec } from '../test-support/schedule-specs.js';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const ZONE = 'Europe/Berlin';
const at = (text: string, zone = ZONE) => DateTime.fromISO(text, { zone }).toMillis();
const utc = (ms: number) => new Date(ms).toISOString();

const layer = layerSpec;
const spec = (layers: LayerSpec[], overrides: OverrideSpec[] = [], timeZone = ZONE): ScheduleSpec => ({ timeZone, layers, overrides });
const override = (o: Partial<OverrideSpec> & Pick<OverrideSpec, 'userId' | 'start' | 'end'>): OverrideSpec => ({ id: `o-${o.userId}-${o.start}`, role: 'primary', createdAt: 0, ...o });
const brief = (hs: Handoff[]) => hs.map((h) => [h.role, utc(h.at), h.outgoing, h.incoming]);

describe('handoffsBetween: when the person on call changes', () => {
  const weekly = spec([layer()]);

  it('a weekly rotation hands over every Tuesday 10:00 local, with the outgoing stretch and the incoming one', () => {
    const hs = handoffsBetween(weekly, at('2026-01-06T10:00'), at('2026-01-27T10:00'));
    expect(brief(hs)).toEqual([
      ['primary', '2026-01-13T09:00:00.000Z', 'ana', 'ben'],
      ['primary', '2026-01-20T09:00:00.000Z', 'ben', 'cai'],
      ['primary', '2026-01-27T09:00:00.000Z', 'cai', 'ana'],
    ]);
    expect(hs[0]).toMatchObject({ shiftStart: at('2026-01-06T10:00'), incomingUntil: at('2026-01-20T10:00'), gap: null });
  });

  it('the window is (after, until]: a handoff at `after` was reported by the previous pass, one at `until` belongs to this one', () => {
    expect(handoffsBetween(weekly, at('2026-01-13T10:00'), at('2026-01-13T10:00'))).toEqual([]);
    expect(brief(handoffsBetween(weekly, at('2026-01-13T10:00') - 1, at('2026-01-13T10:00')))).toEqual([['primary', '2026-01-13T09:00:00.000Z', 'ana', 'ben']]);
    expect(handoffsBetween(weekly, at('2026-01-13T10:00'), at('2026-01-20T10:00') - 1)).toEqual([]);
  });

  it('stays at 10:00 local across the spring change (09:00 UTC before, 08:00 UTC after 29 March)', () => {
    const hs = handoffsBetween(weekly, at('2026-03-20T00:00'), at('2026-04-01T00:00'));
    expect(hs.map((h) => utc(h.at))).toEqual(['2026-03-24T09:00:00.000Z', '2026-03-31T08:00:00.000Z']);
  });

  it('an override of the same person who is on call anyway is no handoff', () => {
    const s = spec([layer()], [override({ userId: 'ana', start: at('2026-01-13T08:00'), end: at('2026-01-13T12:00') })]);
    expect(brief(handoffsBetween(s, at('2026-01-07T00:00'), at('2026-01-19T00:00')))).toEqual([['primary', '2026-01-13T11:00:00.000Z', 'ana', 'ben']]);
  });

  it('someone covering two hours mid-shift is two handoffs, and the shift after the cover starts at its end', () => {
    const s = spec([layer()], [override({ userId: 'cai', start: at('2026-01-08T14:00'), end: at('2026-01-08T16:00') })]);
    const hs = handoffsBetween(s, at('2026-01-07T00:00'), at('2026-01-14T00:00'));
    expect(brief(hs)).toEqual([
      ['primary', '2026-01-08T13:00:00.000Z', 'ana', 'cai'],
      ['primary', '2026-01-08T15:00:00.000Z', 'cai', 'ana'],
      ['primary', '2026-01-13T09:00:00.000Z', 'ana', 'ben'],
    ]);
    expect(hs[2]!.shiftStart).toBe(at('2026-01-08T16:00'));
  });

  it('nights off in a restricted layer are no handoff; a change across them happens when the incoming person starts, naming the gap', () => {
    const restricted = spec([layer({ restriction: [{ days: [1, 2, 3, 4, 5], start: '09:00', end: '17:00' }] })]);
    const hs = handoffsBetween(restricted, at('2026-01-06T00:00'), at('2026-01-21T00:00'));
    // Tuesday's rotation handoff falls inside the window (10:00), so it is back to back.
    expect(brief(hs)).toEqual([
      ['primary', '2026-01-13T09:00:00.000Z', 'ana', 'ben'],
      ['primary', '2026-01-20T09:00:00.000Z', 'ben', 'cai'],
    ]);
    expect(hs.every((h) => h.gap === null)).toBe(true);

    const evenings = spec([layer({ handoffTime: '20:00', restriction: [{ days: [1, 2, 3, 4, 5], start: '09:00', end: '17:00' }] })]);
    // The rotation changes Tuesday 20:00, in the night off: nothing happens on Tuesday.
    expect(handoffsBetween(evenings, at('2026-01-13T00:00'), at('2026-01-14T00:00'))).toEqual([]);
    const [wed] = handoffsBetween(evenings, at('2026-01-13T00:00'), at('2026-01-15T00:00'));
    expect(wed).toMatchObject({ outgoing: 'ana', incoming: 'ben', at: at('2026-01-14T09:00'), gap: { start: at('2026-01-13T17:00'), end: at('2026-01-14T09:00') } });
    expect(wed!.shiftStart).toBe(at('2026-01-07T09:00'));
  });

  it('reports the secondary role too, in time order, primary before secondary at the same instant', () => {
    const s = spec([layer(), layer({ id: 'L2', position: 1, role: 'secondary', participantIds: ['dee', 'eli'] })]);
    expect(brief(handoffsBetween(s, at('2026-01-07T00:00'), at('2026-01-14T00:00')))).toEqual([
      ['primary', '2026-01-13T09:00:00.000Z', 'ana', 'ben'],
      ['secondary', '2026-01-13T09:00:00.000Z', 'dee', 'eli'],
    ]);
  });

  it('one person alone never hands over; an empty window has nothing', () => {
    expect(handoffsBetween(spec([layer({ participantIds: ['ana'] })]), at('2026-01-01T00:00'), at('2026-03-01T00:00'))).toEqual([]);
    expect(handoffsBetween(weekly, at('2026-02-01T00:00'), at('2026-01-01T00:00'))).toEqual([]);
  });

  it('the first shift of a rotation is no handoff: nobody hands over', () => {
    expect(handoffsBetween(weekly, at('2026-01-01T00:00'), at('2026-01-07T00:00'))).toEqual([]);
  });

  it('property: splitting a window anywhere loses and repeats no handoff (what the engine cursor relies on)', () => {
    const s = spec([layer({ shiftUnit: 'day', participantIds: ['ana', 'ben', 'ana', 'cai'] })], [override({ userId: 'ben', start: at('2026-01-10T03:00'), end: at('2026-01-10T05:00') })]);
    const start = at('2026-01-05T00:00');
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 20 * DAY }), fc.integer({ min: 0, max: 20 * DAY }), (x, y) => {
        const [a, b] = [start + Math.min(x, y), start + Math.max(x, y)];
        const c = start + 20 * DAY;
        expect([...handoffsBetween(s, start, a), ...handoffsBetween(s, a, b), ...handoffsBetween(s, b, c)]).toEqual(handoffsBetween(s, start, c));
      }),
      { numRuns: 40 },
    );
  });

  it('property: the outgoing and incoming person always differ', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom('ana', 'ben', 'cai'), { minLength: 1, maxLength: 6 }), fc.integer({ min: 1, max: 3 }), (people, length) => {
        const hs = handoffsBetween(spec([layer({ shiftUnit: 'day', shiftLength: length, participantIds: people })]), at('2026-01-05T00:00'), at('2026-02-05T00:00'));
        expect(hs.every((h) => h.outgoing !== h.incoming)).toBe(true);
      }),
      { numRuns: 40 },
    );
  });
});

describe('runsOf', () => {
  const span = (userId: string, start: number, end: number): Span => ({ userId, start, end, role: 'primary', layerId: 'L1', overrideId: null, shiftIndex: 0 });
  it('joins one person’s spans across gaps until someone else comes', () => {
    expect(runsOf([span('a', 0, 1), span('a', 2, 3), span('b', 3, 4), span('a', 5, 6)])).toEqual([
      { userId: 'a', start: 0, end: 3 },
      { userId: 'b', start: 3, end: 4 },
      { userId: 'a', start: 5, end: 6 },
    ]);
    expect(runsOf([])).toEqual([]);
  });
});

const handoff: Handoff = {
  role: 'primary',
  at: at('2026-03-10T10:00'),
  outgoing: 'u-ana',
  incoming: 'u-ben',
  shiftStart: at('2026-03-03T10:00'),
  incomingUntil: at('2026-03-17T10:00'),
  gap: null,
};
const alert = (n: number, o: Partial<AlertFact> = {}): AlertFact => ({
  id: `a-${n}`,
  number: n,
  summary: `Alert ${n}`,
  serviceId: 's-checkout',
  serviceName: 'Checkout',
  status: 'triggered',
  createdAt: at('2026-03-04T12:00') + n * HOUR,
  ...o,
});
const noise = (serviceName: string, dedupKey: string, alerts: number, occurrences = alerts): NoiseFact => ({
  serviceId: `s-${serviceName}`,
  serviceName,
  dedupKey,
  summary: `${dedupKey} fired`,
  alerts,
  occurrences,
});
function facts(o: Partial<HandoffFacts> = {}): HandoffFacts {
  return {
    schedule: { id: 'sch-1', name: 'Payments', timeZone: ZONE },
    handoff,
    names: new Map([
      ['u-ana', 'Ana'],
      ['u-ben', 'Ben'],
    ]),
    late: false,
    pages: [],
    open: [],
    openTotal: 0,
    noise: [],
    notes: [],
    ...o,
  };
}

describe('buildHandoffReport', () => {
  it('lists pages first-paged first, with when and how many messages', () => {
    const r = buildHandoffReport(
      facts({
        pages: [
          { ...alert(2), pagedAt: at('2026-03-05T03:00'), messages: 2 },
          { ...alert(1), pagedAt: at('2026-03-04T14:00'), messages: 1 },
        ],
      }),
    );
    expect(r.pages.map((p) => [p.number, p.pagedAt, p.messages])).toEqual([
      [1, '2026-03-04T13:00:00.000Z', 1],
      [2, '2026-03-05T02:00:00.000Z', 2],
    ]);
    expect(r.pages[0]!.service).toEqual({ id: 's-checkout', name: 'Checkout' });
  });

  it('lists open alerts newest first, at most MAX_LISTED, and keeps the full count', () => {
    const open = Array.from({ length: MAX_LISTED + 3 }, (_, i) => alert(i + 1));
    const r = buildHandoffReport(facts({ open, openTotal: 40 }));
    expect(r.open).toHaveLength(MAX_LISTED);
    expect(r.open[0]!.number).toBe(MAX_LISTED + 3);
    expect(r.openTotal).toBe(40);
    // A count lower than the list (a race between the two queries) never undercounts what is shown.
    expect(buildHandoffReport(facts({ open: [alert(1), alert(2)], openTotal: 1 })).openTotal).toBe(2);
  });

  it('names both people, falls back for deleted ones, and carries schedule, role, times, gap and lateness', () => {
    const r = buildHandoffReport(facts({ names: new Map([['u-ana', 'Ana']]), late: true, handoff: { ...handoff, gap: { start: at('2026-03-09T17:00'), end: at('2026-03-10T10:00') } } }));
    expect(r).toMatchObject({
      scheduleId: 'sch-1',
      scheduleName: 'Payments',
      timeZone: ZONE,
      role: 'primary',
      changeoverAt: '2026-03-10T09:00:00.000Z',
      shiftStart: '2026-03-03T09:00:00.000Z',
      outgoing: { id: 'u-ana', name: 'Ana' },
      incoming: { id: 'u-ben', name: 'Deleted user' },
      gap: { start: '2026-03-09T16:00:00.000Z', end: '2026-03-10T09:00:00.000Z' },
      late: true,
    });
  });

  it('keeps the outgoing notes with text, oldest shift first', () => {
    const r = buildHandoffReport(
      facts({
        notes: [
          { shiftStart: at('2026-03-06T10:00'), body: 'Second stretch', updatedAt: at('2026-03-07T10:00') },
          { shiftStart: at('2026-03-03T10:00'), body: 'db-2 disk fills up', updatedAt: at('2026-03-04T10:00') },
          { shiftStart: at('2026-03-05T10:00'), body: '  \n ', updatedAt: at('2026-03-05T11:00') },
        ],
      }),
    );
    expect(r.notes.map((n) => n.body)).toEqual(['db-2 disk fills up', 'Second stretch']);
  });

  it('counts every alert of the shift, not only the listed sources', () => {
    const r = buildHandoffReport(facts({ noise: Array.from({ length: 8 }, (_, i) => noise('Checkout', `k${i}`, i + 1)) }));
    expect(r.alertsInShift).toBe(36);
    expect(r.noisiest.keys).toHaveLength(5);
  });
});

describe('rankNoise', () => {
  it('ranks keys by alerts, then by repeats, then by name; services by their keys summed', () => {
    const ranked = rankNoise([noise('Search', 'slow', 2, 2), noise('Checkout', 'http-5xx', 3, 40), noise('Checkout', 'latency', 3, 3), noise('Auth', 'x', 2, 2), noise('Search', 'index', 1, 1)]);
    expect(ranked.keys.map((k) => `${k.service.name}/${k.dedupKey}`)).toEqual(['Checkout/http-5xx', 'Checkout/latency', 'Auth/x', 'Search/slow', 'Search/index']);
    expect(ranked.services.map((s) => [s.name, s.alerts, s.occurrences])).toEqual([
      ['Checkout', 6, 43],
      ['Search', 3, 3],
      ['Auth', 2, 2],
    ]);
  });

  it('lists at most five of each; nothing for a quiet shift', () => {
    const many = Array.from({ length: 9 }, (_, i) => noise(`Svc${i}`, 'k', 9 - i));
    const ranked = rankNoise(many);
    expect(ranked.keys.map((k) => k.service.name)).toEqual(['Svc0', 'Svc1', 'Svc2', 'Svc3', 'Svc4']);
    expect(ranked.services).toHaveLength(5);
    expect(rankNoise([])).toEqual({ services: [], keys: [] });
  });

  it('property: ranking never invents or loses alerts among the services listed, and is ordered', () => {
    const fact = fc.record({ serviceName: fc.constantFrom('A', 'B', 'C'), dedupKey: fc.constantFrom('k1', 'k2', 'k3', 'k4'), alerts: fc.integer({ min: 1, max: 50 }) });
    fc.assert(
      fc.property(fc.uniqueArray(fact, { selector: (f) => `${f.serviceName}/${f.dedupKey}`, maxLength: 12 }), (rows) => {
        const ranked = rankNoise(rows.map((r) => noise(r.serviceName, r.dedupKey, r.alerts)));
        const total = rows.reduce((n, r) => n + r.alerts, 0);
        expect(ranked.services.reduce((n, s) => n + s.alerts, 0)).toBe(total); // three services fit in five
        for (let i = 1; i < ranked.keys.length; i++) expect(ranked.keys[i - 1]!.alerts).toBeGreaterThanOrEqual(ranked.keys[i]!.alerts);
      }),
      { numRuns: 80 },
    );
  });
});

describe('renderHandoffText', () => {
  const full = buildHandoffReport(
    facts({
      pages: [{ ...alert(7, { summary: 'High 5xx rate on checkout' }), pagedAt: at('2026-03-04T14:05'), messages: 1 }],
      open: [alert(7, { summary: 'High 5xx rate on checkout', status: 'acknowledged' })],
      openTotal: 3,
      noise: [noise('Checkout', 'http-5xx', 4, 19)],
      notes: [{ shiftStart: at('2026-03-03T10:00'), body: 'Disk on db-2 fills up; see runbook.', updatedAt: at('2026-03-09T18:00') }],
    }),
  );
  const text = renderHandoffText(full, 'https://operable.example.com/');

  it('says who hands what to whom, when, in the schedule zone', () => {
    expect(text).toContain('Ana hands primary on call for Payments to Ben at Tue 10 Mar 2026 10:00 (Europe/Berlin).');
    expect(text).toContain('Shift: Tue 3 Mar 2026 10:00 – Tue 10 Mar 2026 10:00.');
  });

  it('lists pages, open alerts (with how many more), the noisiest sources and the notes', () => {
    expect(text).toContain('Pages during the shift (1):\n- #7 Checkout: High 5xx rate on checkout (triggered), first paged Wed 4 Mar 2026 14:05');
    expect(text).toContain('Still open (3):\n- #7 Checkout: High 5xx rate on checkout (acknowledged)');
    expect(text).toContain('- and 2 more');
    expect(text).toContain('Noisiest sources (4 alerts in the shift):\n- Checkout: 4 alerts, 19 events\n- Checkout / http-5xx (http-5xx fired): 4 alerts, 19 events');
    expect(text).toContain('Notes from Ana:\n\nDisk on db-2 fills up; see runbook.');
    expect(text).toContain('Schedule: https://operable.example.com/schedules/sch-1');
  });

  it('says so when a section is empty, when the report is late, and when nobody was on call in between', () => {
    const quiet = renderHandoffText(
      buildHandoffReport(facts({ late: true, handoff: { ...handoff, gap: { start: at('2026-03-09T17:00'), end: at('2026-03-10T10:00') } } })),
      'https://x.test',
    );
    expect(quiet).toContain('Pages during the shift: none.');
    expect(quiet).toContain('Still open: nothing.');
    expect(quiet).toContain('Noisiest sources: no alerts in the shift.');
    expect(quiet).toContain('Notes from Ana: none.');
    expect(quiet).toContain('This report is late');
    expect(quiet).toContain('Nobody was on call from Mon 9 Mar 2026 17:00 to Tue 10 Mar 2026 10:00.');
  });

  it('lists the incidents of the shift, oldest first, with the outgoing person’s roles', () => {
    const incident = (number: number, o: Partial<IncidentFact> = {}): IncidentFact => ({
      id: `inc-${number}`,
      number,
      title: 'Checkout down',
      severity: 1,
      status: 'resolved',
      drill: false,
      declaredAt: at('2026-03-05T02:00'),
      resolvedAt: at('2026-03-05T03:30'),
      roles: ['commander'],
      ...o,
    });
    const r = buildHandoffReport(facts({ incidents: [incident(9, { title: 'Game day', drill: true, severity: 2, status: 'monitoring', resolvedAt: null, roles: [], declaredAt: at('2026-03-06T15:00') }), incident(8)] }));
    expect(r.incidents!.map((i) => i.number)).toEqual([8, 9]);
    expect(renderHandoffText(r, 'https://x.test')).toContain(
      'Incidents during the shift (2):\n- #8 SEV1 Checkout down (resolved at Thu 5 Mar 2026 03:30); Ana: commander\n- #9 SEV2 DRILL Game day (monitoring, still running)',
    );
    expect(renderHandoffText(buildHandoffReport(facts()), 'https://x.test')).toContain('Incidents during the shift: none.');
  });

  it('keeps each alert on one line whatever its summary holds', () => {
    const r = buildHandoffReport(facts({ open: [alert(1, { summary: 'two\nlines\tand  spaces' })], openTotal: 1 }));
    expect(renderHandoffText(r, 'https://x.test')).toContain('- #1 Checkout: two lines and spaces (triggered)');
  });
});
