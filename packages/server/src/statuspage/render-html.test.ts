import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BAR_DAYS, dayBars, renderPage } from './render-html.js';
import { component, day, FIRST_DAY, NOW, snapshot } from '../test-support/statuspage-snapshot.js';

/** The bars of one component as the page writes them: the container's classes and each day element's classes and title. */
function barsOf(html: string, name: string) {
  const m = new RegExp(`<div class="([^"]*)" role="img" aria-label="${name}: ([^"]*)">(.*?)</div><p class="legend"><a href="uptime.html#c-[^"]*">([^<]*)</a></p>`).exec(html);
  if (!m) throw new Error(`no bars for ${name}`);
  const days = [...m[3]!.matchAll(/<i class="(\w) at(\d+)" title="([^"]*)"><\/i>/g)].map((d) => ({ status: d[1], at: Number(d[2]), title: d[3] }));
  expect(m[3]).toBe(days.map((d) => `<i class="${d.status} at${d.at}" title="${d.title}"></i>`).join(''));
  return { classes: m[1]!.split(' '), label: m[2], days, legend: m[4] };
}

describe('the page’s daily bars', () => {
  it('90 operational days are the bar alone: not one element per day', () => {
    const { html } = renderPage(snapshot([component('a', 'API')]), NOW, 'http://x/status/subscribe');
    const bars = barsOf(html, 'API');
    expect(bars.classes).toEqual(['bars']);
    expect(bars.days).toEqual([]);
    expect(bars.label).toBe(`100.00 % uptime over the last ${BAR_DAYS} days`);
    expect(bars.legend).toBe('100.00 % uptime');
  });

  it('a bad day in the middle is one element on its day, with its date and durations', () => {
    const { html } = renderPage(snapshot([component('a', 'API')], [day('a', 45, { major_seconds: 3600, degraded_seconds: 600 })]), NOW, 'http://x/status/subscribe');
    const bars = barsOf(html, 'API');
    expect(bars.days).toEqual([{ status: 'm', at: 45, title: 'Sep 17: major outage 1 h 0 min, degraded 10 min' }]);
    // One hour of 90 days' worth of time: 1/24 of a day down.
    expect(bars.legend).toBe(`${(Math.floor((1 - 1 / 24 / 90) * 10_000) / 100).toFixed(2)} % uptime`);
  });

  it('days before a component’s first show no data and do not count, whatever was recorded on them', () => {
    const c = component('a', 'API', { start_date: '2026-10-02' });
    const { html } = renderPage(snapshot([c], [day('a', 3, { major_seconds: 86_400 }), day('a', 89, { partial_seconds: 60 })]), NOW, 'http://x/status/subscribe');
    const bars = barsOf(html, 'API');
    expect(bars.classes).toEqual(['bars', 'from60']);
    expect(bars.days).toEqual([{ status: 'p', at: 89, title: 'Oct 31: partial outage 1 min' }]);
    const future = renderPage(snapshot([component('b', 'Later', { start_date: '2026-12-01' })]), NOW, 'http://x/status/subscribe').html;
    expect(barsOf(future, 'Later')).toMatchObject({ classes: ['bars', `from${BAR_DAYS}`], days: [], legend: 'no data uptime' });
  });

  it('the open status counts up to now on today’s bar', () => {
    const c = component('a', 'API', { status: 'degraded_performance', status_since: new Date('2026-10-31T11:30:00Z') });
    expect(barsOf(renderPage(snapshot([c]), NOW, 'http://x/status/subscribe').html, 'API').days).toEqual([{ status: 'd', at: 89, title: 'Oct 31: degraded 30 min' }]);
  });

  it('an outage that begins as the page is built shows on today’s bar at once', () => {
    const c = component('a', 'API', { status: 'major_outage', status_since: NOW });
    expect(barsOf(renderPage(snapshot([c]), NOW, 'http://x/status/subscribe').html, 'API').days).toEqual([{ status: 'm', at: 89, title: 'Oct 31: major outage 1 min' }]);
  });

  it('any set of bad days: one element each, on its own day, in order; the stylesheet places every one', () => {
    const statusDay = fc.record({
      i: fc.integer({ min: 0, max: BAR_DAYS - 1 }),
      kind: fc.constantFrom('degraded_seconds', 'partial_seconds', 'major_seconds', 'maintenance_seconds'),
      seconds: fc.integer({ min: 1, max: 86_400 }),
    });
    fc.assert(
      fc.property(fc.array(statusDay, { maxLength: 120 }), fc.integer({ min: 0, max: BAR_DAYS }), (rows, from) => {
        const start = new Date(Date.parse(`${FIRST_DAY}T00:00:00Z`) + from * 86_400_000).toISOString().slice(0, 10);
        const s = snapshot([component('a', 'API', { start_date: start })], rows.map((r) => day('a', r.i, { [r.kind]: r.seconds })));
        const bars = dayBars(s, NOW).get('a')!;
        const shown = [...bars.html.matchAll(/ at(\d+)"/g)].map((m) => Number(m[1]));
        expect(shown).toEqual([...new Set(rows.map((r) => r.i))].filter((i) => i >= from).sort((a, b) => a - b));
        expect(bars.from).toBe(from);
      }),
    );
    const { html } = renderPage(snapshot([component('a', 'API')]), NOW, 'http://x/status/subscribe');
    for (let n = 0; n < BAR_DAYS; n++) expect(html).toContain(`.at${n}{--at:`);
    for (let n = 1; n <= BAR_DAYS; n++) expect(html).toContain(`.from${n}{--from:`);
  });

  it('keeps each status’s colours, light and dark, and the style hash is the hash of the style block', () => {
    const { html, styleHash } = renderPage(snapshot([component('a', 'API')]), NOW, 'http://x/status/subscribe');
    const style = /<style>(.*?)<\/style>/s.exec(html)![1]!;
    expect(createHash('sha256').update(style).digest('base64')).toBe(styleHash);
    for (const rule of ['--ok:#2da44e', '--none:#d0d7de', '.bars .d{--c:#d4a72c}', '.bars .p{--c:#fb8f44}', '.bars .m{--c:#cf222e}', '.bars .u{--c:#54aeff}', '.bars{--none:#30363d;--panel:#161b22}']) {
      expect(style).toContain(rule);
    }
    expect(style).toContain(`.legend::before{content:"${BAR_DAYS} days ago"}`);
  });
});
