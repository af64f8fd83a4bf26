import type { ReplayReport, ReplayResult } from '@operable/shared';
import { describe, expect, it } from 'vitest';
import {
  bucketSummary,
  defaultPeriod,
  diff,
  downloadName,
  personRows,
  readAssumeAck,
  readPeriod,
  readVariant,
  summarySentence,
  teamWeeks,
  totals,
  weekLabel,
} from './replay-format';

const WEEK = 7 * 86_400_000;
const W0 = Date.parse('2026-03-02T00:00:00Z');

type Person = ReplayReport['people'][number];
function person(name: string, sleep: number, offHours = 0, business = 0, extra: Partial<Person> = {}): Person {
  return {
    name,
    email: `${name.toLowerCase()}@example.com`,
    zone: 'Europe/Berlin',
    teams: ['Shop'],
    interruptions: { business, off_hours: offHours, sleep },
    total: business + offHours + sleep,
    disruptedHours: 0,
    pageEvents: business + offHours + sleep,
    recoveryDays: 0,
    ...extra,
  };
}

function report(people: Person[], opened: number, weeks: number[] = []): ReplayReport {
  const band = (n: number) => (n < 2 ? 'healthy' : n <= 5 ? 'edge' : 'unhealthy') as 'healthy' | 'edge' | 'unhealthy';
  return {
    from: '2026-03-02T00:00:00.000Z',
    until: '2026-05-25T00:00:00.000Z',
    alerts: { opened, paged: opened, grouped: 0, suppressed: 0 },
    people,
    teams: [{ name: 'Shop', weeks: weeks.map((n, i) => ({ weekStart: W0 + i * WEEK, pageEvents: n, band: band(n) })), interruptions: { business: 0, off_hours: 0, sleep: 0 }, gini: 0, uneven: false }],
    mtta: { count: 0, p50: null, p90: null },
    noisiest: [],
    missedPages: [],
  };
}

const run = (r: ReplayReport) => ({ report: r, skipped: [], changes: [] });
const result = (current: ReplayReport, variant: ReplayReport | null): Pick<ReplayResult, 'current' | 'variant'> => ({ current: run(current), variant: variant && run(variant) });

describe('the summary sentence', () => {
  it('leads with fewer interruptions and sleep hours, and says the alerts are the same', () => {
    const cur = report([person('Ann', 30, 10, 5), person('Bo', 12, 3, 2)], 412);
    const variant = report([person('Ann', 12, 4, 2), person('Bo', 9, 1, 0)], 412);
    expect(summarySentence(result(cur, variant))).toBe('With the variant: 34 fewer interruptions, 21 fewer in sleep hours; same 412 alerts');
  });

  it('says more when the variant is worse, and shows a changed alert count', () => {
    const cur = report([person('Ann', 1)], 5);
    const variant = report([person('Ann', 2, 1)], 6);
    expect(summarySentence(result(cur, variant))).toBe('With the variant: 2 more interruptions, 1 more in sleep hours; 5 → 6 alerts');
  });

  it('says "the same" when nothing changes, with singular words where they fit', () => {
    const cur = report([person('Ann', 0, 0, 3)], 1);
    expect(summarySentence(result(cur, report([person('Ann', 0, 0, 3)], 1)))).toBe(
      'With the variant: the same interruptions, the same in sleep hours; same 1 alert',
    );
  });

  it('without a variant, says what the current configuration did', () => {
    const cur = report([person('Ann', 4, 1), person('Bo', 0), person('Cy', 1, 0, 1_200)], 2_000);
    expect(summarySentence(result(cur, null))).toBe('With the current configuration: 1,206 interruptions (5 in sleep hours) for 2 people; 2,000 alerts');
  });

  it('adds up every person by bucket', () => {
    expect(totals(report([person('Ann', 3, 2, 1), person('Bo', 1)], 0))).toEqual({ sleep: 4, off_hours: 2, business: 1, total: 7 });
  });
});

describe('differences, readable without colour', () => {
  it('names the direction and size of a change', () => {
    expect(diff(12, 3)).toMatchObject({ delta: -9, direction: 'fewer', text: '12 → 3 (9 fewer)' });
    expect(diff(3, 5)).toMatchObject({ delta: 2, direction: 'more', text: '3 → 5 (2 more)' });
    expect(diff(4, 4)).toMatchObject({ delta: 0, direction: 'same', text: '4 (same)' });
    expect(diff(4, null)).toMatchObject({ delta: 0, direction: 'same', text: '4' });
    expect(diff(1500, 1000).text).toBe('1,500 → 1,000 (500 fewer)');
  });

  it('matches people by email, leaves out those nobody paged, and puts the most interrupted first', () => {
    const cur = report([person('Ann', 12), person('Bo', 1), person('Quiet', 0)], 13);
    const variant = report([person('Ann', 3), person('Bo', 1), person('Quiet', 0), person('New', 0, 0, 5)], 13);
    const rows = personRows(cur, variant);
    expect(rows.map((r) => r.name)).toEqual(['New', 'Ann', 'Bo']);
    expect(rows[0]!.total.text).toBe('0 → 5 (5 more)');
    expect(rows[1]!.buckets.sleep.text).toBe('12 → 3 (9 fewer)');
    expect(rows.map((r) => r.changed)).toEqual([true, true, false]);
  });

  it('someone the variant no longer pages counts as zero there', () => {
    const rows = personRows(report([person('Ann', 2)], 2), report([], 2));
    expect(rows[0]!.total.text).toBe('2 → 0 (2 fewer)');
  });

  it('without a variant, rows carry only the current numbers', () => {
    const rows = personRows(report([person('Ann', 2, 1)], 3), null);
    expect(rows[0]!.buckets.sleep.text).toBe('2');
    expect(rows[0]!.changed).toBe(false);
  });

  it('describes each bucket chart in words', () => {
    const rows = personRows(report([person('Ann', 12)], 12), report([person('Ann', 3)], 12));
    expect(bucketSummary(rows, 'sleep')).toBe('Interruptions in sleep hours per person: Ann 12 → 3 (9 fewer).');
    expect(bucketSummary([], 'business')).toBe('Interruptions in business hours: nobody was interrupted.');
  });
});

describe('weeks per team', () => {
  it('lines current and variant up on the same weeks, with a summary of the worst', () => {
    const [shop] = teamWeeks(report([], 0, [7, 1, 0]), report([], 0, [3, 1, 0]));
    expect(shop!.weeks).toEqual([W0, W0 + WEEK, W0 + 2 * WEEK]);
    expect(shop!.current).toEqual([7, 1, 0]);
    expect(shop!.variant).toEqual([3, 1, 0]);
    expect(shop!.summary).toBe(
      'Shop, 3 weeks; current: at most 7 page events in a week, 1 unhealthy week; variant: at most 3 page events in a week, 0 unhealthy weeks',
    );
  });

  it('labels a week by its first day in the team’s zone', () => {
    expect(weekLabel(Date.parse('2026-03-01T23:00:00Z'))).toBe('2 Mar 2026'); // Berlin midnight
    expect(weekLabel(Date.parse('2026-03-02T05:00:00Z'))).toBe('2 Mar 2026'); // Chicago midnight
  });

  it('has no variant series without a variant', () => {
    expect(teamWeeks(report([], 0, [1]), null)[0]!.variant).toBeNull();
  });
});

describe('form input', () => {
  it('defaults to the last 12 weeks', () => {
    expect(defaultPeriod(Date.parse('2026-05-25T10:00:00Z'))).toEqual({ from: '2026-03-02', to: '2026-05-25' });
  });

  it('reads a period as whole days, and names the wrong field', () => {
    expect(readPeriod('2026-03-02', '2026-03-08')).toEqual({ ok: true, period: { from: '2026-03-02T00:00:00.000Z', to: '2026-03-09T00:00:00.000Z' } });
    expect(readPeriod('', '2026-03-08')).toMatchObject({ ok: false, field: 'period.from' });
    expect(readPeriod('2026-03-08', '2026-03-01')).toMatchObject({ ok: false, field: 'period.to' });
  });

  it('reads the variant: empty is none, otherwise a JSON object', () => {
    expect(readVariant('  ')).toEqual({ ok: true, variant: undefined });
    expect(readVariant('{"services":[]}')).toEqual({ ok: true, variant: { services: [] } });
    expect(readVariant('[1]')).toMatchObject({ ok: false });
    expect(readVariant('{services:')).toMatchObject({ ok: false, message: expect.stringMatching(/^This is not valid JSON/) });
  });

  it('reads assumed acknowledgement minutes: none, all three, or the field that is wrong', () => {
    expect(readAssumeAck({ business: '', offHours: '', sleep: '' })).toEqual({ ok: true, assumeAck: null });
    expect(readAssumeAck({ business: '5', offHours: '10', sleep: '15' })).toEqual({ ok: true, assumeAck: { business: 5, offHours: 10, sleep: 15 } });
    expect(readAssumeAck({ business: '5', offHours: '', sleep: '15' })).toMatchObject({ ok: false, field: 'assumeAck.offHours' });
    expect(readAssumeAck({ business: '5', offHours: '2.5', sleep: '15' })).toMatchObject({ ok: false, field: 'assumeAck.offHours' });
  });

  it('names downloads after the period', () => {
    expect(downloadName(report([], 0), 'md')).toBe('replay-2026-03-02-to-2026-05-25.md');
  });
});
