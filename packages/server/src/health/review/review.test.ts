import type { HealthPerson, HealthReport, Risk } from '@operable/shared';
import { describe, expect, it } from 'vitest';
import { renderHtml } from './html.js';
import { renderMarkdown } from './markdown.js';
import { buildReview, change } from './model.js';

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

const model = buildReview({
  current,
  previous,
  toil: toil(36),
  previousToil: toil(18),
  risks: [risk('Single ledger database, no replica', 5, 4, 'L', 'Ana'), risk('TLS certs rotated by hand', 4, 4, 'S', null)],
  openActions: 3,
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
    });
  });

  it('renders email-safe HTML: inline styles, no scripts or images, everything escaped', () => {
    const html = renderHtml(model);
    expect(html).toMatch(/^<!DOCTYPE html>/);
    expect(html).not.toMatch(/<script|<img|<link|<style|url\(|src=/i);
    expect(html).toContain('checkout|api');
    expect(html).toContain('walking the edge');
    const hostile = renderHtml(buildReview({ current: { ...current, people: [person('<img src=x onerror=alert(1)>', 'UTC', 1, 0, 0, [[0, 9, 1]])] }, previous, toil: null, risks: [], openActions: 0, generatedAt: model.generatedAt }));
    expect(hostile).not.toContain('<img');
    expect(hostile).toContain('&lt;img src=x onerror=alert(1)&gt;');
  });

  it('escapes pipes in Markdown table cells', () => {
    expect(renderMarkdown(model)).toContain('| checkout\\|api | http-5xx | 2 | 0 |');
  });
});
