import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { anchorsOf, BAR_DAYS, dayBars, renderPage } from './render-html.js';
import { renderUptimePage } from './render-uptime.js';
import { component, day, FIRST_DAY, NOW, snapshot } from '../test-support/statuspage-snapshot.js';

/** One component's section: its heading, uptime and the days listed, as text. */
function sectionOf(html: string, id: string) {
  const m = new RegExp(`<li class="component" id="c-${id}"><div class="row"><(h[23]) class="name">(.*?)</h[23]><span class="up">([^<]*)</span></div>(.*?)</li>(?=<li class="component"|</ul>)`).exec(html);
  if (!m) throw new Error(`no section c-${id}`);
  const days = [...m[4]!.matchAll(/<li><time datetime="([^"]+)">([^<]+)<\/time><span class="st s-(\w+)">([^<]+)<\/span><span class="dur">([^<]+)<\/span><\/li>/g)].map((d) => ({ iso: d[1], date: d[2], status: d[3], label: d[4], durations: d[5] }));
  return { heading: m[1], name: m[2], uptime: m[3], days, quiet: /<p class="quiet">([^<]*)<\/p>/.exec(m[4]!)?.[1] };
}

describe('the uptime history page', () => {
  const days = [day('a', 45, { major_seconds: 3600, degraded_seconds: 600 }), day('a', 80, { maintenance_seconds: 7200 }), day('a', 10, { partial_seconds: 90 })];

  it('lists each bad day newest first, with its date, worst status and the bars’ own durations', () => {
    const s = snapshot([component('a', 'API'), component('b', 'Website')], days);
    const html = renderUptimePage(s, NOW).html;
    const api = sectionOf(html, 'a');
    expect(api.days).toEqual([
      { iso: '2026-10-22', date: 'Oct 22, 2026', status: 'under_maintenance', label: 'Under maintenance', durations: 'maintenance 2 h 0 min' },
      { iso: '2026-09-17', date: 'Sep 17, 2026', status: 'major_outage', label: 'Major outage', durations: 'major outage 1 h 0 min, degraded 10 min' },
      { iso: '2026-08-13', date: 'Aug 13, 2026', status: 'partial_outage', label: 'Partial outage', durations: 'partial outage 2 min' },
    ]);
    expect(api.uptime).toBe(`${dayBars(s, NOW).get('a')!.uptime} uptime`);
    // The same facts as the bars' titles on the page.
    const titles = [...renderPage(s, NOW, 'http://x/status/subscribe').html.matchAll(/title="(\w{3} \d+): ([^"]+)"/g)].map((m) => `${m[1]}: ${m[2]}`);
    expect(titles).toEqual(api.days.map((d) => `${d.date.replace(/, \d{4}$/, '')}: ${d.durations}`).reverse());
    expect(sectionOf(html, 'b')).toMatchObject({ uptime: '100.00 % uptime', days: [], quiet: `Operational all ${BAR_DAYS} days.` });
  });

  it('a component without data yet says so', () => {
    const html = renderUptimePage(snapshot([component('a', 'Later', { start_date: '2026-12-01' })]), NOW).html;
    expect(sectionOf(html, 'a')).toMatchObject({ uptime: 'No data', quiet: 'No data yet.' });
  });

  it('has an anchor for every legend link of the page, grouped as the page, and links back to it', () => {
    const group = component('g', 'Platform', { is_group: true });
    const hidden = component('h', 'Quiet one', { only_show_if_degraded: true });
    const s = snapshot([component('w', 'Website'), group, component('a', 'API', { group_id: 'g' }), component('d', 'Database', { group_id: 'g', position: 1 }), hidden], days);
    const page = renderPage(s, NOW, 'http://x/status/subscribe').html;
    const html = renderUptimePage(s, NOW).html;
    const links = [...page.matchAll(/href="uptime\.html#([^"]+)"/g)].map((m) => m[1]);
    expect(links).toEqual(['c-w', 'c-a', 'c-d']);
    expect([...html.matchAll(/ id="([^"]+)"/g)].map((m) => m[1])).toEqual(links);
    expect(html).toContain('<li class="group"><h2>Platform</h2><ul class="components"><li class="component" id="c-a"><div class="row"><h3 class="name">API</h3>');
    expect(sectionOf(html, 'w').heading).toBe('h2');
    expect(html).toContain('<a href="index.html">');
  });

  it('anchors by the id’s first 8 digits; a younger component with the same 8 keeps its whole id', () => {
    const at = (iso: string) => ({ created_at: new Date(iso) });
    const old = component('0123abcd-0000-4000-8000-000000000002', 'Old', at('2026-01-01T00:00:00Z'));
    const young = component('0123abcd-0000-4000-8000-000000000001', 'Young', at('2026-02-01T00:00:00Z'));
    const other = component('89abcdef-0000-4000-8000-000000000003', 'Other', at('2026-03-01T00:00:00Z'));
    const anchors = anchorsOf([young, other, old]);
    expect(Object.fromEntries(anchors)).toEqual({ [old.id]: 'c-0123abcd', [young.id]: `c-${young.id}`, [other.id]: 'c-89abcdef' });
    const s = snapshot([young, other, old]);
    const links = [...renderPage(s, NOW, 'http://x/status/subscribe').html.matchAll(/href="uptime\.html#([^"]+)"/g)].map((m) => m[1]);
    expect([...renderUptimePage(s, NOW).html.matchAll(/ id="([^"]+)"/g)].map((m) => m[1])).toEqual(links);
    expect(new Set(links)).toEqual(new Set(anchors.values()));
  });

  it('escapes hostile names and carries no script; the style hash is the hash of its style block', () => {
    const s = snapshot([component('a', '<script>alert(1)</script> "quoted" & more')], days);
    const { html, styleHash } = renderUptimePage({ ...s, settings: { ...s.settings, name: '"Acme" <b>' } }, NOW);
    expect(html).not.toMatch(/<script/i);
    expect(sectionOf(html, 'a').name).toBe('&lt;script&gt;alert(1)&lt;/script&gt; &quot;quoted&quot; &amp; more');
    expect(html).toContain('<title>&quot;Acme&quot; &lt;b&gt; uptime history</title>');
    const style = /<style>(.*?)<\/style>/s.exec(html)![1]!;
    expect(createHash('sha256').update(style).digest('base64')).toBe(styleHash);
    expect(style).toContain('--brand:#8250df');
    expect(style).toContain('@media (prefers-color-scheme:dark)');
    // No bar rules: the page has no bars.
    expect(style).not.toContain('.at0{');
  });
});
