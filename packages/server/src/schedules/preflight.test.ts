import fc from 'fast-check';
import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import type { LayerSpec, OverrideSpec, ScheduleSpec } from './oncall.js';
import { findingView, preflightFindings, preflightNotices, preflightScan, PREFLIGHT_WINDOW } from './preflight.js';
import { layerSpec } from '../test-support/schedule-specs.js';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const ZONE = 'Europe/London';
const at = (text: string) => DateTime.fromISO(text, { zone: ZONE }).toMillis();
const iso = (ms: number) => new Date(ms).toISOString();

const layer = (o: Partial<LayerSpec> = {}): LayerSpec => layerSpec({ participantIds: ['ana', 'ben'], ...o });
const spec = (layers: LayerSpec[], overrides: OverrideSpec[] = []): ScheduleSpec => ({ timeZone: ZONE, layers, overrides });
const NOW = at('2026-02-02T12:00'); // a Monday; ben's week runs from Tuesday 27 January, ana's from 3 February

describe('preflightScan', () => {
  it('finds everyone on call in the next 14 days with the real start of their first stretch', () => {
    const scan = preflightScan(spec([layer(), layer({ id: 'L2', role: 'secondary', participantIds: ['cai'] })]), NOW);
    expect(scan.people.map((p) => [p.userId, p.role, iso(p.start), p.startKnown])).toEqual([
      ['cai', 'secondary', iso(NOW - PREFLIGHT_WINDOW), false], // on since before the window looks back: start unknown
      ['ben', 'primary', iso(at('2026-01-27T10:00')), true],
      ['ana', 'primary', iso(at('2026-02-03T10:00')), true],
    ]);
    expect(scan.gaps).toEqual([]);
  });

  it('finds gaps in the primary line only: a hole an override leaves, and a rotation that has not started', () => {
    const hole = spec([layer({ restriction: [{ days: [1, 2, 3, 4, 5], start: '00:00', end: '00:00' }] })]);
    const weekend = preflightScan(hole, NOW).gaps.map((g) => [iso(g.start), iso(g.end)]);
    expect(weekend).toEqual([
      [iso(at('2026-02-07T00:00')), iso(at('2026-02-09T00:00'))],
      [iso(at('2026-02-14T00:00')), iso(at('2026-02-16T00:00'))],
    ]);
    const late = preflightScan(spec([layer({ startDate: '2026-02-09' })]), NOW).gaps;
    expect(late).toEqual([{ role: 'primary', start: NOW - PREFLIGHT_WINDOW, end: at('2026-02-10T10:00'), startKnown: false, endKnown: true }]);
    const secondaryOnly = preflightScan(spec([layer({ role: 'secondary' })]), NOW).gaps;
    expect(secondaryOnly).toEqual([{ role: 'primary', start: NOW - PREFLIGHT_WINDOW, end: NOW + PREFLIGHT_WINDOW, startKnown: false, endKnown: false }]);
  });
});

describe('preflightFindings', () => {
  const s = spec([layer({ participantIds: ['ana', 'ben', 'cai'] })]);

  it('warns about everyone a high-urgency page could not reach, and nobody else', () => {
    const findings = preflightFindings(preflightScan(s, NOW), new Set(['ana', 'cai']));
    expect(findings).toEqual([{ kind: 'unreachable', key: `contact:ben:${iso(at('2026-02-03T10:00'))}`, userId: 'ben', role: 'primary', start: at('2026-02-03T10:00') }]);
    expect(preflightFindings(preflightScan(s, NOW), new Set(['ana', 'ben', 'cai']))).toEqual([]);
  });

  it('keys do not change from day to day while the problem stays the same; new stretches and gaps get new ones', () => {
    const gappy = spec([layer({ restriction: [{ days: [1, 2, 3, 4, 5], start: '00:00', end: '00:00' }] })]);
    const keys = (now: number) => preflightFindings(preflightScan(gappy, now), new Set()).map((f) => f.key);
    const startOf = (key: string) => Date.parse(key.split(':').slice(2).join(':'));
    const monday = keys(NOW);
    // Half a day later nothing has changed: the same keys, so no new warning.
    expect(keys(NOW + 12 * HOUR)).toEqual(monday);
    // Days later, every gap Monday saw keeps its key; a person whose stretch is over is keyed by their next one.
    for (const later of [NOW + 2 * DAY, NOW + 6 * DAY]) {
      for (const k of keys(later)) if (k.startsWith('gap:') && startOf(k) < NOW + PREFLIGHT_WINDOW) expect(monday).toContain(k);
    }
    expect(keys(NOW + 2 * DAY)).toContain(`contact:ben:${iso(at('2026-02-10T10:00'))}`);
    // A gap already running keeps its start as key (until it began more than the window ago).
    expect(keys(at('2026-02-07T12:00'))).toContain(`gap:primary:${iso(at('2026-02-07T00:00'))}`);
  });

  it('property: over a fortnight of daily runs, a person is warned once per stretch, a gap once per start', () => {
    const gappy = spec([layer({ participantIds: ['ana', 'ben', 'cai'], restriction: [{ days: [1, 2, 3, 4, 5], start: '00:00', end: '00:00' }] })]);
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 23 }), (hour) => {
        const sent = new Set<string>();
        for (let d = 0; d < 14; d++) for (const f of preflightFindings(preflightScan(gappy, NOW + hour * HOUR + d * DAY), new Set())) sent.add(f.key);
        const gaps = [...sent].filter((k) => k.startsWith('gap:'));
        const people = [...sent].filter((k) => k.startsWith('contact:'));
        expect(gaps.length).toBeLessThanOrEqual(6); // about four weekends touched by the window, no daily repeats
        expect(people.length).toBeLessThanOrEqual(6);
      }),
      { numRuns: 10 },
    );
  });
});

describe('preflightNotices', () => {
  const sched = { id: 's1', name: 'Payments', timeZone: ZONE };
  const names = new Map([['ben', 'Ben']]);

  it('tells the unreachable person what to do, and the team every finding', () => {
    const gap = { kind: 'gap' as const, key: 'g', role: 'primary' as const, start: at('2026-02-07T00:00'), end: at('2026-02-09T00:00'), endKnown: true };
    const ben = { kind: 'unreachable' as const, key: 'c', userId: 'ben', role: 'primary' as const, start: at('2026-02-03T10:00') };
    const n = preflightNotices(sched, [ben, gap], names, 'https://o.test', NOW);
    expect(n.personal).toHaveLength(1);
    expect(n.personal[0]!.userId).toBe('ben');
    expect(n.personal[0]!.text).toContain('You are on call as primary for Payments from Tue 3 Feb 2026 10:00 (Europe/London), but no verified contact method would page you');
    expect(n.personal[0]!.text).toContain('https://o.test/profile');
    expect(n.team!.text).toContain('- Ben is on call as primary from Tue 3 Feb 2026 10:00 but has no verified contact method for high-urgency pages.');
    expect(n.team!.text).toContain('- Nobody is on call as primary from Sat 7 Feb 2026 00:00 until Mon 9 Feb 2026 00:00');
  });

  it('says "now" for what has begun and "beyond the next 14 days" for an open end; nothing to say, no notices', () => {
    const open = { kind: 'gap' as const, key: 'g', role: 'primary' as const, start: NOW - DAY, end: NOW + PREFLIGHT_WINDOW, endKnown: false };
    expect(preflightNotices(sched, [open], names, 'https://o.test', NOW).team!.text).toContain('Nobody is on call as primary from now until beyond the next 14 days');
    expect(preflightNotices(sched, [], names, 'https://o.test', NOW)).toEqual({ personal: [], team: null });
  });

  it('keeps findings in the inbox with ISO times', () => {
    expect(findingView({ kind: 'gap', key: 'g', role: 'primary', start: 0, end: DAY, endKnown: false })).toEqual({ kind: 'gap', role: 'primary', start: iso(0), end: null });
  });
});
