import type { Incident, IncidentDetail, IncidentRoleAssignment, IncidentTimelineEntry, IncidentUpdate } from '@operable/shared';
import { severityName } from '@operable/shared';
import type { Db } from '../db/index.js';
import { renderMarkdown } from './markdown.js';
import type { IncidentRow, TimelineRow } from './repository.js';
import { rolesOf } from './roles-repository.js';
import { servicesOf } from './repository.js';
import { userNames } from '../auth/index.js';

/** Rows to the shapes of the shared contract. */

const iso = (d: Date | null | undefined) => (d ? new Date(d).toISOString() : null);

type RoleView = Awaited<ReturnType<typeof rolesOf>>[number];

export function toRole(r: RoleView): IncidentRoleAssignment {
  return {
    id: r.id,
    role: r.role,
    user: { id: r.user_id, name: r.user_name },
    assignedAt: iso(r.assigned_at)!,
    assignedBy: r.assigned_by && r.assigned_by_name ? { id: r.assigned_by, name: r.assigned_by_name } : null,
    endedAt: iso(r.ended_at),
    handedTo: r.handed_to && r.handed_to_name ? { id: r.handed_to, name: r.handed_to_name } : null,
    page:
      r.page_alert_id && r.page_number !== null && r.page_status && r.paged_at
        ? {
            alertId: r.page_alert_id,
            alertNumber: Number(r.page_number),
            status: r.page_status,
            pagedAt: iso(r.paged_at)!,
            notifiedAt: iso(r.page_notified_at as Date | null),
            acknowledgedAt: iso(r.page_acknowledged_at),
          }
        : null,
  };
}

/** Incidents with their services and current role holders, in two queries for any number of incidents. */
export async function toIncidents(db: Db, rows: IncidentRow[], now: Date): Promise<Incident[]> {
  const ids = rows.map((r) => r.id);
  const [services, roles, creators] = await Promise.all([servicesOf(db, ids), rolesOf(db, ids, true), userNames(db, rows.flatMap((r) => (r.created_by ? [r.created_by] : [])))]);
  return rows.map((r) => ({
    id: r.id,
    number: Number(r.number),
    title: r.title,
    severity: r.severity,
    severityName: severityName(r.severity),
    status: r.status,
    drill: r.drill,
    summary: r.summary,
    assess: r.assess,
    blastRadius: r.blast_radius,
    compensate: r.compensate,
    warRoomUrl: r.war_room_url,
    slackChannel: r.slack_channel_id ? { id: r.slack_channel_id, name: r.slack_channel_name ?? r.slack_channel_id } : null,
    nextUpdateAt: iso(r.next_update_at),
    updateOverdue: r.status !== 'resolved' && !!r.next_update_at && r.next_update_at.getTime() <= now.getTime(),
    declaredAt: iso(r.declared_at)!,
    resolvedAt: iso(r.resolved_at),
    createdBy: r.created_by && creators.has(r.created_by) ? { id: r.created_by, name: creators.get(r.created_by)! } : null,
    services: services.filter((s) => s.incident_id === r.id).map((s) => ({ id: s.id, name: s.name, teamId: s.team_id, source: s.source })),
    roles: roles.filter((x) => x.incident_id === r.id).map(toRole),
  }));
}

const MARKDOWN_KINDS = new Set(['note', 'update_posted']);

export function toTimelineEntry(t: TimelineRow): IncidentTimelineEntry {
  return {
    id: String(t.id),
    at: iso(t.at)!,
    kind: t.kind as IncidentTimelineEntry['kind'],
    actor: { id: t.actor_id, name: t.actor_label },
    text: t.text,
    html: MARKDOWN_KINDS.has(t.kind) ? renderMarkdown(t.text) : null,
    data: (t.data ?? {}) as Record<string, unknown>,
    keyMoment: t.key_moment,
  };
}

export function toUpdate(u: { id: string; at: Date; author_id: string | null; author_label: string; status: string; severity: number; body: string; next_update_at: Date | null }): IncidentUpdate {
  return {
    id: u.id,
    at: iso(u.at)!,
    author: { id: u.author_id, name: u.author_label },
    status: u.status as IncidentUpdate['status'],
    severity: u.severity,
    body: u.body,
    html: renderMarkdown(u.body),
    nextUpdateAt: iso(u.next_update_at),
  };
}

export type { IncidentDetail };
