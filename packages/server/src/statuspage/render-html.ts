import { createHash } from 'node:crypto';
import type { ComponentStatus } from '@operable/shared';
import { DateTime } from 'luxon';
import type { ComponentRow } from './repository.js';
import { escapeHtml as e, statusLabel } from './render-text.js';
import type { IncidentWithUpdates, Snapshot } from './snapshot-repository.js';
import { DAY_COLUMN, dayStatus, dayUptime, pageStatus, splitByDay, type DayTotals } from './status.js';
import { PAGE_CSS } from './page-css.js';
import { treeOrder } from './render-v2.js';

export const BAR_DAYS = 90;
const PAST_DAYS = 15;

/**
 * The public page: plain HTML and one inline stylesheet (no script at all), so it
 * works with JavaScript off, on a phone, in light and dark. Links are relative, so
 * the same bytes work live (/status) and exported to a static host (index.html).
 * Pure: `now` decides today's bar and the open spans.
 */
export function renderPage(s: Snapshot, now: Date): { html: string; styleHash: string } {
  const zone = s.settings.time_zone;
  const fmt = (d: Date, f = 'LLL d, HH:mm ZZZZ') => DateTime.fromJSDate(d, { zone }).toFormat(f);
  const time = (d: Date, f?: string) => `<time datetime="${DateTime.fromJSDate(d, { zone }).toISO()}">${e(fmt(d, f))}</time>`;
  const today = DateTime.fromJSDate(now, { zone }).startOf('day');
  const firstDay = today.minus({ days: BAR_DAYS - 1 }).toISODate()!;
  const bars = dayBars(s, now, firstDay);

  const leaves = s.components.filter((c) => !c.is_group);
  const openIncidents = s.incidents.filter((i) => ['investigating', 'identified', 'monitoring'].includes(i.status));
  const status = pageStatus(
    leaves.map((c) => c.status as ComponentStatus),
    openIncidents.map((i) => i.impact),
  );
  const style = `:root{--brand:${s.settings.brand_color};--header:${s.settings.header_color}}${PAGE_CSS}`;
  const styleHash = createHash('sha256').update(style).digest('base64');

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
    }<div class="bars" role="img" aria-label="${e(c.name)}: ${b.uptime} uptime over the last ${BAR_DAYS} days">${b.html}</div><div class="legend"><span>${BAR_DAYS} days ago</span><span>${b.uptime} uptime</span><span>Today</span></div></li>`;
  };
  const visible = (c: ComponentRow) => !(c.only_show_if_degraded && c.status === 'operational');
  const top = treeOrder(s.components).filter((c) => !c.group_id);
  const componentList = top
    .filter((c) => (c.is_group ? s.components.some((x) => x.group_id === c.id && visible(x)) : visible(c)))
    .map((c) => {
      if (!c.is_group) return componentBlock(c);
      const members = s.components.filter((x) => x.group_id === c.id && visible(x));
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
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><meta name="color-scheme" content="light dark"><meta http-equiv="refresh" content="60"><title>${name} status</title><link rel="alternate" type="application/atom+xml" title="${name} status history (Atom)" href="history.atom"><link rel="alternate" type="application/rss+xml" title="${name} status history (RSS)" href="history.rss"><style>${style}</style></head>
<body><header class="top"><div class="wrap">${logo}</div></header>
<main class="wrap">
<section class="overall indicator-${status.indicator}"><h1>${e(status.description)}</h1></section>
${openIncidents.length ? `<section class="active"><h2>Current incidents</h2>${openIncidents.map((i) => incidentBlock(i, true)).join('')}</section>` : ''}
${activeMaintenance.length ? `<section class="active maintenance"><h2>Maintenance in progress</h2>${activeMaintenance.map((i) => incidentBlock(i, true)).join('')}</section>` : ''}
${leaves.length ? `<section class="components-section"><h2>Components</h2><ul class="components">${componentList}</ul></section>` : ''}
${upcoming.length ? `<section class="upcoming"><h2>Scheduled maintenance</h2>${upcoming.map((i) => incidentBlock(i, true)).join('')}</section>` : ''}
<section class="past"><h2>Past incidents</h2>${past.join('')}</section>
</main>
<footer class="wrap">${contact ? `<div class="contact"><h2>Contact</h2>${contact}</div>` : ''}<p class="links">Page updated ${time(s.settings.updated_at)} · <a href="history.atom">Atom feed</a> · <a href="history.rss">RSS feed</a> · <a href="api/v2/summary.json">JSON API</a></p></footer>
</body></html>
`;
  return { html, styleHash };
}

const CLASS: Record<ComponentStatus, string> = { operational: 'o', degraded_performance: 'd', partial_outage: 'p', major_outage: 'm', under_maintenance: 'u' };

/** The 90 bars per component: stored daily totals plus the open span up to now. */
function dayBars(s: Snapshot, now: Date, firstDay: string): Map<string, { html: string; uptime: string }> {
  const zone = s.settings.time_zone;
  const totals = new Map<string, DayTotals>();
  const key = (id: string, day: string) => `${id} ${day}`;
  const get = (id: string, day: string) => {
    let t = totals.get(key(id, day));
    if (!t) totals.set(key(id, day), (t = { degraded: 0, partial: 0, major: 0, maintenance: 0 }));
    return t;
  };
  for (const d of s.days) {
    const t = get(d.component_id, d.day);
    t.degraded += d.degraded_seconds;
    t.partial += d.partial_seconds;
    t.major += d.major_seconds;
    t.maintenance += d.maintenance_seconds;
  }
  const FIELD = { degraded_seconds: 'degraded', partial_seconds: 'partial', major_seconds: 'major', maintenance_seconds: 'maintenance' } as const;
  for (const c of s.components) {
    const column = DAY_COLUMN[c.status as ComponentStatus];
    if (c.is_group || !column) continue;
    for (const p of splitByDay(c.status_since, now, zone)) get(c.id, p.day)[FIELD[column]] += p.seconds;
  }
  const start = DateTime.fromISO(firstDay, { zone });
  const dayList = Array.from({ length: BAR_DAYS }, (_, i) => start.plus({ days: i }).toISODate()!);
  const out = new Map<string, { html: string; uptime: string }>();
  for (const c of s.components) {
    if (c.is_group) continue;
    const since = c.start_date ?? DateTime.fromJSDate(c.created_at, { zone }).toISODate()!;
    let html = '';
    let sum = 0;
    let counted = 0;
    for (const day of dayList) {
      if (day < since) {
        html += '<i class="n"></i>';
        continue;
      }
      const t = totals.get(key(c.id, day)) ?? { degraded: 0, partial: 0, major: 0, maintenance: 0 };
      const st = dayStatus(t);
      sum += dayUptime(t);
      counted++;
      html += st === 'operational' ? '<i class="o"></i>' : `<i class="${CLASS[st]}" title="${day}: ${describe(t)}"></i>`;
    }
    out.set(c.id, { html, uptime: counted ? `${(Math.floor((sum / counted) * 10_000) / 100).toFixed(2)} %` : 'no data' });
  }
  return out;
}

function describe(t: DayTotals): string {
  const parts: string[] = [];
  const d = (sec: number) => (sec >= 3600 ? `${Math.floor(sec / 3600)} h ${Math.floor((sec % 3600) / 60)} min` : `${Math.max(1, Math.round(sec / 60))} min`);
  if (t.major) parts.push(`major outage ${d(t.major)}`);
  if (t.partial) parts.push(`partial outage ${d(t.partial)}`);
  if (t.degraded) parts.push(`degraded ${d(t.degraded)}`);
  if (t.maintenance) parts.push(`maintenance ${d(t.maintenance)}`);
  return parts.join(', ');
}
