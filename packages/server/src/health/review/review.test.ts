import type { HealthPerson, HealthReport, Risk } from '@operable/shared';
import { describe, expect, it } from 'vitest';
import { renderHtml } from './html.js';
import { renderMarkdown } from './markdown.js';
import { buildReview, change } from './model.js';
import { actionItemsAt, postmortemsAt, wellbeingWeeks, type ActionFacts, type PostmortemFacts } from './work.js';

const grid = (cells: [number, number, number][]) => {
  const g = Array.from({ length: 7 }, () => new Array<number>(24).fill(0));
  for (const [d, h, n] of cells) g[d]![h] = n;
  return g;
};
const person = (name: string, zone: string, b: number, o: number, s: number, cells: [number, number, number][], extra: Partial<HealthPerson> = {}): HealthPerson => ({
  user: { id: `00000000-0000-4000-8000-00000000000${name.length}`, name, timeZone: zone },
  interruptions: { business: b, off_hours: o, sleep: s },
  total: b + o + s,
  weighted: b + 1.5 * o + 2 * s,
  disruptedHours: b + o + s,
  onCallHours: { primary: 0, secondary: 0, total: 0 },
  recovery: { granted: 0, taken: 0, declined: 0, upcoming: 0 },
  heatMap: grid(cells),
  ...extra,
});
const weeks = (counts: number[], lastStart: string) =>
  counts.map((n, i) => ({
    weekStart: new Date(Date.parse(lastStart) - (counts.length - 1 - i) * 7 * 86_400_000).toISOString(),
    pageEvents: n,
    band: (n < 2 ? 'healthy' : n <= 5 ? 'edge' : 'unhealthy') as 'healthy' | 'edge' | 'unhealthy',
  }));
const base = (over: Partial<HealthReport>): HealthReport => ({
  scope: { kind: 'team', id: '00000000-0000-4000-8000-0000000000aa', name: 'Payments', timeZone: 'Europe/Berlin' },
  from: '2026-10-25T23:00:00.000Z',
  to: '2026-11-01T23:00:00.000Z',
  weeks: 1,
  pageEvents: 0,
  pageEventsPerWeek: 0,
  band: 'healthy',
  interruptions: { business: 0, off_hours: 0, sleep: 0 },
  interruptionsTotal: 0,
  disruptedHours: 0,
  fairness: { gini: 0, uneven: false },
  mtta: { count: 0, p50Seconds: null, p90Seconds: null },
  mttr: { count: 0, p50Seconds: null, p90Seconds: null },
  unacknowledged: 0,
  unresolved: 0,
  ackSla: [],
  noisiest: { services: { byPageEvents: [], bySleepInterruptions: [] }, alertKeys: { byPageEvents: [], bySleepInterruptions: [] } },
  recovery: { granted: 0, taken: 0, declined: 0, upcoming: 0 },
  people: [],
  drills: { pageEvents: 0, interruptions: 0 },
  pagerLoad: [],
  ...over,
});

/**
 * The fixture week: Payments (Berlin), the week of Monday 26 October 2026. Ana was
 * woken twice by the ledger's disk alert, Ben handled a business-hours page, Cy had
 * a quiet week. Last week was calmer.
 */
const current = base({
  pageEvents: 4,
  pageEventsPerWeek: 4,
  band: 'edge',
  interruptions: { business: 1, off_hours: 1, sleep: 2 },
  interruptionsTotal: 4,
  disruptedHours: 4,
  fairness: { gini: 0.444, uneven: true },
  mtta: { count: 4, p50Seconds: 180, p90Seconds: 840 },
  mttr: { count: 3, p50Seconds: 2700, p90Seconds: 9000 },
  unresolved: 1,
  ackSla: [
    { level: 1, targetMinutes: 5, pages: 4, withinTarget: 3, share: 0.75 },
    { level: 2, targetMinutes: 30, pages: 1, withinTarget: 1, share: 1 },
  ],
  noisiest: {
    services: { byPageEvents: [], bySleepInterruptions: [] },
    alertKeys: {
      byPageEvents: [
        { serviceId: null, serviceName: 'ledger', alertKey: 'disk-full', pageEvents: 2, sleepInterruptions: 2 },
        { serviceId: null, serviceName: 'checkout|api', alertKey: 'http-5xx', pageEvents: 2, sleepInterruptions: 0 },
      ],
      bySleepInterruptions: [],
    },
  },
  recovery: { granted: 2, taken: 1, declined: 0, upcoming: 1 },
  people: [
    person('Ana', 'Europe/Berlin', 0, 1, 2, [[1, 3, 1], [3, 2, 1], [4, 20, 1]], { onCallHours: { primary: 168, secondary: 0, total: 168 }, recovery: { granted: 2, taken: 1, declined: 0, upcoming: 1 } }),
    person('Ben', 'America/New_York', 1, 0, 0, [[2, 10, 1]], { onCallHours: { primary: 0, secondary: 168, total: 168 } }),
    person('Cy', 'Asia/Kolkata', 0, 0, 0, []),
  ],
  drills: { pageEvents: 1, interruptions: 1 },
  pagerLoad: weeks([0, 1, 3, 2, 0, 6, 1, 1, 2, 0, 2, 4], '2026-10-25T23:00:00.000Z'),
});
const previous = base({
  from: '2026-10-18T22:00:00.000Z',
  to: '2026-10-25T23:00:00.000Z',
  pageEvents: 2,
  interruptions: { business: 2, off_hours: 0, sleep: 0 },
  interruptionsTotal: 2,
  disruptedHours: 2,
  fairness: { gini: 0.667, uneven: true },
  mtta: { count: 2, p50Seconds: 240, p90Seconds: 300 },
  mttr: { count: 2, p50Seconds: 2700, p90Seconds: 3600 },
});
const risk = (title: string, impact: number, likelihood: number, effort: string, owner: string | null): Risk => ({
  id: '00000000-0000-4000-8000-0000000000bb',
  teamId: '00000000-0000-4000-8000-0000000000aa',
  title,
  description: '',
  kind: 'operational',
  impact,
  likelihood,
  score: impact * likelihood,
  effort,
  owner: owner ? { id: '00000000-0000-4000-8000-0000000000cc', name: owner } : null,
  status: 'open',
  serviceIds: [],
  actionItemIds: [],
  createdAt: '2026-10-01T00:00:00.000Z',
  updatedAt: '2026-10-01T00:00:00.000Z',
});
const toil = (hours: number) => ({
  teamId: current.scope.id!,
  from: '2026-10-26',
  to: '2026-11-01',
  people: 3,
  toilHours: hours,
  workingHours: 120,
  workingHoursFrom: { settings: 2, fallback: 1 },
  share: hours / 120,
  target: 0.25,
  overTarget: hours / 120 > 0.25,
  weekly: [],
  topRecurring: [
    { what: 'Rotated certs by hand', times: 3, hours: 2.25 },
    { what: 'Restarted the ledger queue', times: 2, hours: 1.5 },
  ],
  entries: [],
});

/**
 * The fixture's work, by hand. Weeks start Monday 00:00 in Berlin, which left summer
 * time on Sunday 25 October: this week is [25 Oct 23:00Z, 1 Nov 23:00Z), the one before
 * [18 Oct 22:00Z, 25 Oct 23:00Z).
 */
const T = Date.parse;
const THIS = { start: T('2026-10-25T23:00:00Z'), end: T('2026-11-01T23:00:00Z'), date: '2026-10-26' };
const LAST = { start: T('2026-10-18T22:00:00Z'), end: THIS.start, date: '2026-10-19' };
const trend = [
  { start: T('2026-10-04T22:00:00Z'), end: T('2026-10-11T22:00:00Z'), date: '2026-10-05' },
  { start: T('2026-10-11T22:00:00Z'), end: LAST.start, date: '2026-10-12' },
  LAST,
  THIS,
];
// Last week: 2 answers (2 and 3; the second at 23:30 on Sunday in Berlin), mean 2.5, 30 min of sleep lost.
// This week: 3 answers (4, 5, 2), mean 11/3 = 3.7, 90 + 60 = 150 min of sleep lost. Nobody answered before.
const answers = [
  { at: T('2026-10-20T10:00:00Z'), stress: 2, sleepLostMinutes: 0 },
  { at: T('2026-10-25T22:30:00Z'), stress: 3, sleepLostMinutes: 30 },
  { at: T('2026-10-27T03:00:00Z'), stress: 4, sleepLostMinutes: 90 },
  { at: T('2026-10-29T02:00:00Z'), stress: 5, sleepLostMinutes: 60 },
  { at: T('2026-10-30T12:00:00Z'), stress: 2, sleepLostMinutes: 0 },
];
const pm = (id: string, title: string, incidentNumber: number, state: PostmortemFacts['state'], created: string, due: string, held: string | null): PostmortemFacts => ({
  id: `00000000-0000-4000-8000-0000000000${id}`,
  title,
  incidentNumber,
  state,
  createdAt: T(created),
  meetingDueAt: T(due),
  meetingHeldAt: held ? T(held) : null,
});
// At this week's end: #41 (meeting due Thu, not held: overdue) and #43 (due next Wednesday) await review.
// At last week's end: #41 (not yet due) and #39 (due 22 Oct, held only on 27 Oct: overdue).
// #37 was closed without a meeting: never awaited.
const postmortems = [
  pm('41', 'Ledger disk full', 41, 'in_review', '2026-10-22T09:00:00Z', '2026-10-29T10:00:00Z', null),
  pm('43', 'Checkout 5xx after deploy', 43, 'draft', '2026-10-28T09:00:00Z', '2026-11-04T10:00:00Z', null),
  pm('39', 'DNS outage', 39, 'reviewed', '2026-10-15T09:00:00Z', '2026-10-22T10:00:00Z', '2026-10-27T14:00:00Z'),
  pm('37', 'Cache stampede', 37, 'closed', '2026-10-10T09:00:00Z', '2026-10-17T10:00:00Z', null),
];
const item = (title: string, from: string, owner: string | null, dueOn: string | null, created: string, closed: string | null, done: boolean): ActionFacts => ({
  title,
  from,
  owner,
  dueOn,
  createdAt: T(created),
  closedAt: closed ? T(closed) : null,
  done,
});
// This week: open at the end are the disk alert (due Fri 30 Oct: overdue from Sat 00:00 UTC), the
// runbook and the TLS item: 3, 1 overdue; the retry budget was opened and done: 1 opened, 1 done.
// Last week's end: disk alert, runbook, TLS and the flapping alert (dropped this week): 4, none overdue;
// the first three were opened that week and the DNS item done.
const actionItems = [
  item('Add disk usage alert at 80 %', 'Ledger disk full', 'Ana', '2026-10-30', '2026-10-23T09:00:00Z', null, false),
  item('Runbook for ledger failover', 'Ledger disk full', null, '2026-11-05', '2026-10-23T09:00:00Z', null, false),
  item('Retry budget for checkout', 'Checkout 5xx after deploy', 'Ben', null, '2026-10-28T09:00:00Z', '2026-10-30T09:00:00Z', true),
  item('Rotate TLS certs automatically', 'Team action list', 'Cy', null, '2026-10-20T09:00:00Z', null, false),
  item('Mute flapping disk alert', 'Team action list', null, null, '2026-10-10T09:00:00Z', '2026-10-27T09:00:00Z', false),
  item('DNS TTL review', 'DNS outage', 'Ben', '2026-10-20', '2026-10-16T09:00:00Z', '2026-10-24T09:00:00Z', true),
];
const work = {
  wellbeing: wellbeingWeeks(answers, trend),
  postmortems: postmortemsAt(postmortems, THIS.end),
  actionItems: actionItemsAt(actionItems, THIS.start, THIS.end),
};
const previousWork = {
  wellbeing: wellbeingWeeks(answers, [{ start: T('2026-09-27T22:00:00Z'), end: trend[0]!.start, date: '2026-09-28' }, ...trend.slice(0, 3)]),
  postmortems: postmortemsAt(postmortems, LAST.end),
  actionItems: actionItemsAt(actionItems, LAST.start, LAST.end),
};
const EMPTY_WORK = { wellbeing: { weeks: [] }, postmortems: { awaiting: 0, overdue: 0, items: [] }, actionItems: { open: 0, overdue: 0, opened: 0, closed: 0, items: [] } };

const model = buildReview({
  current,
  previous,
  toil: toil(36),
  previousToil: toil(18),
  risks: [risk('Single ledger database, no replica', 5, 4, 'L', 'Ana'), risk('TLS certs rotated by hand', 4, 4, 'S', null)],
  work,
  previousWork,
  generatedAt: '2026-11-03T08:00:00.000Z',
});

describe('weekly operational review', () => {
  it('renders the fixture week as the Markdown in fixtures/week.md', async () => {
    await expect(renderMarkdown(model)).toMatchFileSnapshot('./fixtures/week.md');
  });

  it('gives deltas with arrows, lower being better', () => {
    const byLabel = Object.fromEntries(model.deltas.map((d) => [d.label, change(d)]));
    expect(byLabel).toEqual({
      'Page events': '▲ +2',
      Interruptions: '▲ +2',
      'Sleep-hours interruptions': '▲ +2',
      'Disrupted hours': '▲ +2',
      'Fairness (Gini)': '▼ −0.22',
      'MTTA p50': '▼ −1 min',
      'MTTR p50': '= no change',
      'Toil share': '▲ +15 pts',
      'Post-mortems awaiting review': '= no change',
      'Open action items': '▼ −1',
      'Overdue action items': '▲ +1',
      'Average stress after incidents (1–5)': '▲ +1.2',
      'Sleep lost after incidents': '▲ +2 h',
    });
  });

  it('works out the week’s wellbeing, post-mortems due and action items as they stood at its end', () => {
    expect(work.wellbeing.weeks).toEqual([
      { weekStart: '2026-10-05', answers: 0, averageStress: null, sleepLostMinutes: 0 },
      { weekStart: '2026-10-12', answers: 0, averageStress: null, sleepLostMinutes: 0 },
      { weekStart: '2026-10-19', answers: 2, averageStress: 2.5, sleepLostMinutes: 30 },
      { weekStart: '2026-10-26', answers: 3, averageStress: 3.7, sleepLostMinutes: 150 },
    ]);
    expect(work.postmortems).toMatchObject({ awaiting: 2, overdue: 1 });
    expect(work.postmortems.items.map((p) => [p.incidentNumber, p.overdue])).toEqual([[41, true], [43, false]]);
    expect(previousWork.postmortems.items.map((p) => [p.incidentNumber, p.overdue])).toEqual([[39, true], [41, false]]);
    expect(work.actionItems).toMatchObject({ open: 3, overdue: 1, opened: 1, closed: 1 });
    expect(work.actionItems.items.map((i) => i.title)).toEqual(['Add disk usage alert at 80 %', 'Runbook for ledger failover', 'Rotate TLS certs automatically']);
    expect(previousWork.actionItems).toMatchObject({ open: 4, overdue: 0, opened: 3, closed: 1 });
  });

  it('never names a person in the wellbeing section', () => {
    const text = renderMarkdown(model);
    const section = text.slice(text.indexOf('## Wellbeing'), text.indexOf('## Post-mortems due'));
    for (const name of ['Ana', 'Ben', 'Cy']) expect(section).not.toContain(name);
  });

  it('renders email-safe HTML: inline styles, no scripts or images, everything escaped', () => {
    const html = renderHtml(model);
    expect(html).toMatch(/^<!DOCTYPE html>/);
    expect(html).not.toMatch(/<script|<img|<link|<style|url\(|src=/i);
    expect(html).toContain('checkout|api');
    expect(html).toContain('walking the edge');
    const hostile = renderHtml(buildReview({ current: { ...current, people: [person('<img src=x onerror=alert(1)>', 'UTC', 1, 0, 0, [[0, 9, 1]])] }, previous, toil: null, risks: [], work: EMPTY_WORK, previousWork: EMPTY_WORK, generatedAt: model.generatedAt }));
    expect(hostile).not.toContain('<img');
    expect(hostile).toContain('&lt;img src=x onerror=alert(1)&gt;');
    // The work sections too: titles and owners come from people.
    expect(html).toContain('Post-mortems due');
    expect(html).toContain('Thu 29 Oct 2026 <strong style="color:#c62828;">overdue</strong>');
    const item = { title: '<script>x</script>', from: 'Team action list', owner: '<b>Eve</b>', dueOn: null, overdue: false };
    const hostileWork = renderHtml(buildReview({ current, previous, toil: null, risks: [], work: { ...EMPTY_WORK, actionItems: { ...EMPTY_WORK.actionItems, open: 1, items: [item] } }, previousWork: EMPTY_WORK, generatedAt: model.generatedAt }));
    expect(hostileWork).not.toMatch(/<script|<b>/);
    expect(hostileWork).toContain('&lt;script&gt;x&lt;/script&gt;');
  });

  it('escapes pipes in Markdown table cells', () => {
    expect(renderMarkdown(model)).toContain('| checkout\\|api | http-5xx | 2 | 0 |');
  });
});
