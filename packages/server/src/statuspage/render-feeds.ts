import { Feed } from 'feed';
import { DateTime } from 'luxon';
import { escapeHtml, statusLabel } from './render-text.js';
import { shortlink } from './render-v2.js';
import type { IncidentWithUpdates, Snapshot } from './snapshot-repository.js';

/**
 * /history.atom and /history.rss: incidents and maintenance, each with its updates,
 * newest first (the `feed` library writes valid Atom 1.0 and RSS 2.0). Pure: every
 * date comes from the snapshot, so the same state gives the same bytes.
 */
export function feeds(s: Snapshot, pageUrl: string, feedBase: string): { atom: string; rss: string } {
  const zone = s.settings.time_zone;
  const all = [...s.incidents, ...s.maintenances].sort((a, b) => b.updated_at.getTime() - a.updated_at.getTime()).slice(0, 50);
  const updated = all.reduce((d, i) => (i.updated_at > d ? i.updated_at : d), s.settings.updated_at);
  const feed = new Feed({
    id: pageUrl,
    link: pageUrl,
    title: `${s.settings.name} status history`,
    description: `Incidents and maintenance of ${s.settings.name}`,
    updated,
    generator: false,
    copyright: s.settings.name,
    feedLinks: { atom: `${feedBase}history.atom`, rss: `${feedBase}history.rss` },
    ...(s.settings.logo_url ? { image: s.settings.logo_url } : {}),
  });
  for (const i of all) {
    feed.addItem({
      title: i.name,
      id: shortlink(pageUrl, i.id),
      guid: shortlink(pageUrl, i.id),
      link: shortlink(pageUrl, i.id),
      date: i.updated_at,
      published: i.created_at,
      description: `${statusLabel(i.status)}: ${i.updates[0]?.body ?? ''}`.slice(0, 500),
      content: updatesHtml(i, zone),
    });
  }
  return { atom: feed.atom1(), rss: feed.rss2() };
}

function updatesHtml(i: IncidentWithUpdates, zone: string): string {
  return i.updates
    .map((u) => {
      const at = DateTime.fromJSDate(u.display_at, { zone }).toFormat("LLL d, HH:mm ZZZZ");
      return `<p><small>${escapeHtml(at)}</small><br><strong>${escapeHtml(statusLabel(u.status))}</strong> - ${escapeHtml(u.body)}</p>`;
    })
    .join('');
}
