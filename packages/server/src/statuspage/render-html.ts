import type { ComponentStatus } from '@operable/shared';
import { DateTime } from 'luxon';
import type { ComponentRow } from './repository.js';
import { escapeHtml as e, statusLabel } from './render-text.js';
import type { IncidentWithUpdates, Snapshot } from './snapshot-repository.js';
import { DAY_COLUMN, dayStatus, dayUptime, pageStatus, splitByDay, type DayTotals } from './status.js';
import { pageCss, pageStyle } from './page-css.js';
import { treeOrder } from './render-v2.js';

export const BAR_DAYS = 90;
const PAST_DAYS = 15;
const PAGE_CSS = pageCss(BAR_DAYS);

/**
 * The public page: plain HTML and one inline stylesheet (no script at all), so it
 * works with JavaScript off, on a phone, in light and dark. Links are relative, so
 * the same bytes work live (/status) and exported to a static host (index.html).
 * Pure: `now` decides today's bar and the open spans.
 */
export function renderPage(s: Snapshot, now: Date, subscribeUrl: string, bars = dayBars(s, now)): { html: string; styleHash: string } {
  const zone = s.settings.time_zone;
  const fmt = (d: Date, f = 'LLL d, HH:mm ZZZZ') => DateTime.fromJSDate(d, { zone }).toFormat(f);
  const time = (d: Date, f?: string) => `<time datetime="${DateTime.fromJSDate(d, { zone }).toISO()}">${e(fmt(d, f))}</time>`;
  const today = DateTime.fromJSDate(now, { zone }).startOf('day');
  const anchors = anchorsOf(s.components);

  const leaves = s.components.filter((c) => !c.is_group);
  const openIncidents = s.incidents.filter((i) => ['investigating', 'identified', 'monitoring'].includes(i.status));
  const status = pageStatus(
    leaves.map((c) => c.status as ComponentStatus),
    openIncidents.map((i) => i.impact),
  );
  const { style, hash: styleHash } = pageStyle(s.settings, PAGE_CSS);

  const updates = (i: IncidentWithUpdates) =>
    `<ol class="updates">${i.updates
      .map((u) => `<li><strong>${e(statusLabel(u.status))}</strong> <span class="body">${e(u.body)}</span> <span class="when">${time(u.display_at)}</span></li>`)
      .join('')}</ol>`;
  const affected = (i: IncidentWithUpdates) => {
    const names = i.component_ids.map((id) => s.components.find((c) => c.id === id)?.name).filter(Boolean) as string[];
    return names.length ? `<p class="affects">Affects: ${names.map(e).join(', ')}</p>` : '';
  };
  const incidentBlock = (i: IncidentWithUpdates, open: boolean) =>
    `<article class="incident impact-${e(i.impact)}" id="incident-${i.id}"><h3>${e(i.name)}</h3>${
      i.kind === 'maintenance' && i.scheduled_for && i.scheduled_until ? `<p class="window">Scheduled ${time(i.scheduled_for)} – ${time(i.scheduled_until)}</p>` : ''
    }${affected(i)}${updates(i)}${open && i.next_update_at ? `<p class="next">Next update by ${time(i.next_update_at)}</p>` : ''}</article>`;

  const componentBlock = (c: ComponentRow) => {
    const b = bars.get(c.id)!;
    return `<li class="component"><div class="row"><span class="name">${e(c.name)}</span><span class="st s-${c.status}">${e(statusLabel(c.status))}</span></div>${
      c.description ? `<p class="desc">${e(c.description)}</p>` : ''
    }<div class="${b.from ? `bars from${b.from}` : 'bars'}" role="img" aria-label="${e(c.name)}: ${b.uptime} uptime over the last ${BAR_DAYS} days">${b.html}</div><p class="legend"><a href="uptime.html#${anchors.get(c.id)}">${b.uptime} uptime</a></p></li>`;
  };
  const componentList = shownTree(s)
    .map(({ top: c, members }) => {
      if (!c.is_group) return componentBlock(c);
      return `<li class="group"><details open><summary><span class="name">${e(c.name)}</span><span class="st s-${c.status}">${e(statusLabel(c.status))}</span></summary><ul class="components">${members.map(componentBlock).join('')}</ul></details></li>`;
    })
    .join('');

  const activeMaintenance = s.maintenances.filter((m) => m.status === 'in_progress' || m.status === 'verifying');
  const upcoming = s.maintenances.filter((m) => m.status === 'scheduled').sort((a, b) => (a.scheduled_for?.getTime() ?? 0) - (b.scheduled_for?.getTime() ?? 0));

  const past: string[] = [];
  for (let d = 0; d < PAST_DAYS; d++) {
    const day = today.minus({ days: d });
    const iso = day.toISODate();
    const that = [...s.incidents, ...s.maintenances]
      .filter((i) => !['investigating', 'identified', 'monitoring', 'scheduled', 'in_progress', 'verifying'].includes(i.status))
      .filter((i) => DateTime.fromJSDate(i.kind === 'maintenance' ? (i.scheduled_for ?? i.started_at) : i.started_at, { zone }).toISODate() === iso);
    past.push(`<section class="day"><h3>${e(day.toFormat('LLL d, yyyy'))}</h3>${that.length ? that.map((i) => incidentBlock(i, false)).join('') : '<p class="quiet">No incidents reported.</p>'}</section>`);
  }

  const contact = [
    s.settings.contact_text ? `<p>${e(s.settings.contact_text)}</p>` : '',
    s.settings.contact_email ? `<p>Email: <a href="mailto:${e(s.settings.contact_email)}">${e(s.settings.contact_email)}</a></p>` : '',
    s.settings.contact_url ? `<p><a href="${e(s.settings.contact_url)}">Contact us</a></p>` : '',
  ].join('');
  const name = e(s.settings.name);
  const logo = s.settings.logo_url ? `<img src="${e(s.settings.logo_url)}" alt="${name}" class="logo">` : `<span class="title">${name}</span>`;

  const html = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><meta name="color-scheme" content="light dark"><title>${name} status</title><link rel="alternate" type="application/atom+xml" title="${name} status history (Atom)" href="history.atom"><link rel="alternate" type="application/rss+xml" title="${name} status history (RSS)" href="history.rss"><style>${style}</style></head>
<body><header class="top"><div class="wrap">${logo}</div></header>
<main class="wrap">
<section class="overall indicator-${status.indicator}"><h1>${e(status.description)}</h1></section>
${openIncidents.length ? `<section class="active"><h2>Current incidents</h2>${openIncidents.map((i) => incidentBlock(i, true)).join('')}</section>` : ''}
${activeMaintenance.length ? `<section class="active maintenance"><h2>Maintenance in progress</h2>${activeMaintenance.map((i) => incidentBlock(i, true)).join('')}</section>` : ''}
${leaves.length ? `<section class="components-section"><h2>Components</h2><ul class="components">${componentList}</ul></section>` : ''}
${upcoming.length ? `<section class="upcoming"><h2>Scheduled maintenance</h2>${upcoming.map((i) => incidentBlock(i, true)).join('')}</section>` : ''}
<section class="past"><h2>Past incidents</h2>${past.join('')}</section>
</main>
<footer class="wrap"><form class="subscribe" method="post" action="${e(subscribeUrl)}"><h2>Get updates by email</h2><label for="subscribe-email">Email address</label> <input id="subscribe-email" type="email" name="email" required autocomplete="email"> <button type="submit">Subscribe</button></form>${contact ? `<div class="contact"><h2>Contact</h2>${contact}</div>` : ''}<p class="links">Page updated ${time(s.settings.updated_at)} · <a href="history.atom">Atom feed</a> · <a href="history.rss">RSS feed</a> · <a href="api/v2/summary.json">JSON API</a></p></footer>
</body></html>
`;
  return { html, styleHash };
}

/**
 * The anchors of the uptime page's sections (render-uptime.ts), which the page's
 * legends link to: `c-` and the first 8 hex digits of the component's id (random in
 * its v4 UUID), or the whole id where an older component has those 8 already. Whole
 * ids cost the 500-component bench page 13 KB gzipped (+40 %; hex does not
 * compress), 8 digits 4 KB.
 */
export function anchorsOf(components: ComponentRow[]): Map<string, string> {
  const taken = new Set<string>();
  const out = new Map<string, string>();
  const oldestFirst = [...components].sort((a, b) => a.created_at.getTime() - b.created_at.getTime() || (a.id < b.id ? -1 : 1));
  for (const c of oldestFirst) {
    const short = c.id.slice(0, 8);
    out.set(c.id, `c-${e(taken.has(short) ? c.id : short)}`);
    taken.add(short);
  }
  return out;
}

/**
 * The components the public pages show, in the page's order: top-level components
 * and groups, each group with its shown members. A component set to show only while
 * degraded is left out while operational; a group with no shown member too.
 */
export function shownTree(s: Snapshot): { top: ComponentRow; members: ComponentRow[] }[] {
  const visible = (c: ComponentRow) => !(c.only_show_if_degraded && c.status === 'operational');
  return treeOrder(s.components)
    .filter((c) => !c.group_id)
    .map((c) => ({ top: c, members: c.is_group ? s.components.filter((x) => x.group_id === c.id && visible(x)) : [] }))
    .filter(({ top, members }) => (top.is_group ? members.length > 0 : visible(top)));
}

const CLASS: Record<ComponentStatus, string> = { operational: 'o', degraded_performance: 'd', partial_outage: 'p', major_outage: 'm', under_maintenance: 'u' };

/** A day that was not operational: its local date (ISO), the worst status that lasted at all, and the seconds per status. */
export interface BadDay {
  date: string;
  status: ComponentStatus;
  totals: DayTotals;
}

/** One component's bars: how many days before its first have no data, and an element for each day that was not operational. */
export interface Bars {
  from: number;
  html: string;
  uptime: string;
  /** The same days as the elements, oldest first (the uptime page lists them). */
  bad: BadDay[];
}

/**
 * The bars per component: stored daily totals (operational days have no row) plus
 * the open span up to now. Indexed by day number, no per-day date work: this runs
 * for every component on every change. Operational days and days without data are
 * drawn by the stylesheet (page-css.ts), so they cost no bytes here.
 */
export function dayBars(s: Snapshot, now: Date): Map<string, Bars> {
  const zone = s.settings.time_zone;
  const start = DateTime.fromISO(s.firstDay, { zone });
  const dayList = Array.from({ length: BAR_DAYS }, (_, i) => start.plus({ days: i }));
  const isoDays = dayList.map((d) => d.toISODate()!);
  // The page's own date style (past incidents say "Dec 5, 2026"); the 90 days need no year.
  const shortDays = dayList.map((d) => d.toFormat('LLL d'));
  const index = new Map(isoDays.map((d, i) => [d, i]));
  const perComponent = new Map<string, (DayTotals | undefined)[]>();
  const slot = (id: string, i: number) => {
    let days = perComponent.get(id);
    if (!days) perComponent.set(id, (days = new Array<DayTotals | undefined>(BAR_DAYS)));
    return (days[i] ??= { degraded: 0, partial: 0, major: 0, maintenance: 0 });
  };
  for (const d of s.days) {
    if (d.i < 0 || d.i >= BAR_DAYS) continue;
    const t = slot(d.component_id, d.i);
    t.degraded += d.degraded_seconds;
    t.partial += d.partial_seconds;
    t.major += d.major_seconds;
    t.maintenance += d.maintenance_seconds;
  }
  const FIELD = { degraded_seconds: 'degraded', partial_seconds: 'partial', major_seconds: 'major', maintenance_seconds: 'maintenance' } as const;
  for (const c of s.components) {
    const column = DAY_COLUMN[c.status as ComponentStatus];
    if (c.is_group || !column) continue;
    // At least a second: the page is rebuilt at the change itself, when the outage has
    // lasted nothing yet, and today's bar must not stay green until the next change.
    for (const p of splitByDay(c.status_since, new Date(Math.max(now.getTime(), c.status_since.getTime() + 1000)), zone)) {
      const i = index.get(p.day);
      if (i !== undefined) slot(c.id, i)[FIELD[column]] += p.seconds;
    }
  }
  const out = new Map<string, Bars>();
  for (const c of s.components) {
    if (c.is_group) continue;
    const since = c.start_date ?? DateTime.fromJSDate(c.created_at, { zone }).toISODate()!;
    const days = perComponent.get(c.id);
    // Days before the component's first have no data; they always come first.
    let from = 0;
    while (from < BAR_DAYS && isoDays[from]! < since) from++;
    const parts: string[] = [];
    const bad: BadDay[] = [];
    let down = 0;
    for (let i = from; i < BAR_DAYS; i++) {
      const t = days?.[i];
      const st = t ? dayStatus(t) : 'operational';
      if (st === 'operational' || !t) continue;
      down += 1 - dayUptime(t);
      parts.push(`<i class="${CLASS[st]} at${i}" title="${shortDays[i]}: ${describeDay(t)}"></i>`);
      bad.push({ date: isoDays[i]!, status: st, totals: t });
    }
    const counted = BAR_DAYS - from;
    out.set(c.id, { from, html: parts.join(''), uptime: counted ? `${(Math.floor((1 - down / counted) * 10_000) / 100).toFixed(2)} %` : 'no data', bad });
  }
  return out;
}

/** A day's time per status, worst first ("major outage 1 h 0 min, degraded 10 min"): the bars' titles and the uptime page. */
export function describeDay(t: DayTotals): string {
  const parts: string[] = [];
  const d = (sec: number) => (sec >= 3600 ? `${Math.floor(sec / 3600)} h ${Math.floor((sec % 3600) / 60)} min` : `${Math.max(1, Math.round(sec / 60))} min`);
  if (t.major) parts.push(`major outage ${d(t.major)}`);
  if (t.partial) parts.push(`partial outage ${d(t.partial)}`);
  if (t.degraded) parts.push(`degraded ${d(t.degraded)}`);
  if (t.maintenance) parts.push(`maintenance ${d(t.maintenance)}`);
  return parts.join(', ');
}
