import { DateTime } from 'luxon';
import { UPTIME_CSS, pageStyle } from './page-css.js';
import type { ComponentRow } from './repository.js';
import { anchorsOf, BAR_DAYS, dayBars, describeDay, shownTree, type Bars } from './render-html.js';
import { escapeHtml as e, statusLabel } from './render-text.js';
import type { Snapshot } from './snapshot-repository.js';

/**
 * The uptime history page (uptime.html): per component, its uptime over the bars'
 * days and every day that was not operational, newest first, in words. The bars
 * keep these facts in `title`s, which a phone (no hover) and the keyboard never
 * show; the page's legends link here, to each component's anchor. Same rules as the
 * page: no script, one hashed stylesheet, relative links.
 *
 * Live, /uptime.html is redirected to /status/uptime.html (http/statuspage-public.ts),
 * so that `index.html` leads back to the page there as it does beside the exported file.
 */
export function renderUptimePage(s: Snapshot, now: Date, bars: Map<string, Bars> = dayBars(s, now)): { html: string; styleHash: string } {
  const { style, hash: styleHash } = pageStyle(s.settings, UPTIME_CSS);
  const anchors = anchorsOf(s.components);
  const dates = new Map<string, string>();
  const dateOf = (iso: string) => {
    let text = dates.get(iso);
    if (!text) dates.set(iso, (text = DateTime.fromISO(iso).toFormat('LLL d, yyyy')));
    return text;
  };

  const section = (c: ComponentRow, heading: 'h2' | 'h3') => {
    const b = bars.get(c.id)!;
    const counted = BAR_DAYS - b.from;
    const days = b.bad.length
      ? `<ol class="days">${b.bad
          .map((d) => `<li><time datetime="${d.date}">${dateOf(d.date)}</time><span class="st s-${d.status}">${statusLabel(d.status)}</span><span class="dur">${describeDay(d.totals)}</span></li>`)
          .reverse()
          .join('')}</ol>`
      : `<p class="quiet">${counted === 0 ? 'No data yet.' : counted === 1 ? 'Operational today.' : `Operational all ${counted} days.`}</p>`;
    return `<li class="component" id="${anchors.get(c.id)}"><div class="row"><${heading} class="name">${e(c.name)}</${heading}><span class="up">${b.uptime === 'no data' ? 'No data' : `${b.uptime} uptime`}</span></div>${days}</li>`;
  };
  const list = shownTree(s)
    .map(({ top, members }) =>
      top.is_group ? `<li class="group"><h2>${e(top.name)}</h2><ul class="components">${members.map((m) => section(m, 'h3')).join('')}</ul></li>` : section(top, 'h2'),
    )
    .join('');

  const name = e(s.settings.name);
  const logo = s.settings.logo_url ? `<img src="${e(s.settings.logo_url)}" alt="${name}" class="logo">` : `<span class="title">${name}</span>`;
  const html = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><meta name="color-scheme" content="light dark"><title>${name} uptime history</title><style>${style}</style></head>
<body><header class="top"><div class="wrap">${logo}</div></header>
<main class="wrap">
<p class="back"><a href="index.html">← Current status</a></p>
<h1>Uptime over the last ${BAR_DAYS} days</h1>
<p class="quiet intro">Every day that was not fully operational, newest first, with the time spent in each status. Days are counted in ${e(s.settings.time_zone)} time.</p>
${list ? `<ul class="components">${list}</ul>` : '<p>No components.</p>'}
</main>
</body></html>
`;
  return { html, styleHash };
}
