import type { ComponentStatus } from '@operable/shared';
import { DateTime } from 'luxon';
import type { ComponentRow } from './repository.js';
import type { IncidentWithUpdates, Snapshot } from './snapshot-repository.js';
import { pageStatus } from './status.js';

/**
 * The Atlassian Statuspage public API v2 documents, built from one snapshot
 * (wire-formats.md §5): exact field names, enums and nesting. Pure.
 */

export const V2_PATHS = [
  'summary.json',
  'status.json',
  'components.json',
  'incidents.json',
  'incidents/unresolved.json',
  'scheduled-maintenances.json',
  'scheduled-maintenances/upcoming.json',
  'scheduled-maintenances/active.json',
] as const;

export interface PageInfo {
  pageUrl: string;
  zone: string;
}

/** Top level by position then name, each group followed by its members: the order the page shows. */
export function treeOrder(all: ComponentRow[]): ComponentRow[] {
  const ids = new Set(all.map((c) => c.id));
  const top = all.filter((c) => !c.group_id || !ids.has(c.group_id));
  return top.flatMap((c) => (c.is_group ? [c, ...all.filter((x) => x.group_id === c.id)] : [c]));
}

export function pageUrlOf(s: Snapshot, publicUrl: string): string {
  return s.settings.page_url ?? `${publicUrl.replace(/\/$/, '')}/status`;
}

export const shortlink = (pageUrl: string, id: string) => `${pageUrl}#incident-${id}`;

export function v2Documents(s: Snapshot, pageUrl: string): Record<(typeof V2_PATHS)[number], unknown> {
  const zone = s.settings.time_zone;
  const t = (d: Date | null) => (d ? DateTime.fromJSDate(d, { zone }).toISO() : null);
  const page = { id: s.settings.page_id, name: s.settings.name, url: pageUrl, time_zone: zone, updated_at: t(s.settings.updated_at) };

  const byId = new Map(s.components.map((c) => [c.id, c]));
  const component = (c: ComponentRow) => ({
    id: c.id,
    name: c.name,
    status: c.status as ComponentStatus,
    created_at: t(c.created_at),
    updated_at: t(c.updated_at),
    position: c.position,
    description: c.description || null,
    showcase: c.showcase,
    start_date: c.start_date,
    group_id: c.group_id,
    page_id: s.settings.page_id,
    group: c.is_group,
    only_show_if_degraded: c.only_show_if_degraded,
    ...(c.is_group ? { components: s.components.filter((x) => x.group_id === c.id).map((x) => x.id) } : {}),
  });
  const components = treeOrder(s.components).map(component);

  const incident = (i: IncidentWithUpdates) => ({
    id: i.id,
    name: i.name,
    status: i.status,
    created_at: t(i.created_at),
    updated_at: t(i.updated_at),
    monitoring_at: t(i.monitoring_at),
    resolved_at: t(i.resolved_at),
    impact: i.impact,
    shortlink: shortlink(pageUrl, i.id),
    started_at: t(i.started_at),
    page_id: s.settings.page_id,
    incident_updates: i.updates.map((u) => ({
      id: u.id,
      status: u.status,
      body: u.body,
      incident_id: i.id,
      created_at: t(u.created_at),
      updated_at: t(u.updated_at),
      display_at: t(u.display_at),
      affected_components: u.affected_components,
      deliver_notifications: u.deliver_notifications,
    })),
    components: i.component_ids.flatMap((id) => {
      const c = byId.get(id);
      return c ? [component(c)] : [];
    }),
    ...(i.kind === 'maintenance' ? { scheduled_for: t(i.scheduled_for), scheduled_until: t(i.scheduled_until) } : {}),
  });

  const incidents = s.incidents.slice(0, 50).map(incident);
  const unresolved = s.incidents.filter((i) => ['investigating', 'identified', 'monitoring'].includes(i.status)).map(incident);
  const byStart = (a: IncidentWithUpdates, b: IncidentWithUpdates) => (a.scheduled_for?.getTime() ?? 0) - (b.scheduled_for?.getTime() ?? 0);
  const upcomingRows = s.maintenances.filter((m) => m.status === 'scheduled').sort(byStart);
  const activeRows = s.maintenances.filter((m) => m.status === 'in_progress' || m.status === 'verifying').sort(byStart);
  const maintenances = s.maintenances.slice(0, 50).map(incident);
  const upcoming = upcomingRows.map(incident);
  const active = activeRows.map(incident);
  const status = pageStatus(
    s.components.filter((c) => !c.is_group).map((c) => c.status as ComponentStatus),
    s.incidents.filter((i) => ['investigating', 'identified', 'monitoring'].includes(i.status)).map((i) => i.impact),
  );

  return {
    'summary.json': { page, components, incidents: unresolved, scheduled_maintenances: [...active, ...upcoming], status },
    'status.json': { page, status },
    'components.json': { page, components },
    'incidents.json': { page, incidents },
    'incidents/unresolved.json': { page, incidents: unresolved },
    'scheduled-maintenances.json': { page, scheduled_maintenances: maintenances },
    'scheduled-maintenances/upcoming.json': { page, scheduled_maintenances: upcoming },
    'scheduled-maintenances/active.json': { page, scheduled_maintenances: active },
  };
}
