import type { ComponentStatus, PublicIncident, StatuspageComponent, StatuspageSettings } from '@operable/shared';
import type { ComponentRow, IncidentRow, SettingsRow, SourceRow, TemplateRow, UpdateRow } from './repository.js';

const iso = (d: Date | null) => (d ? d.toISOString() : null);

export function toSettings(r: SettingsRow): StatuspageSettings {
  return {
    pageId: r.page_id,
    name: r.name,
    logoUrl: r.logo_url,
    brandColor: r.brand_color,
    headerColor: r.header_color,
    contactEmail: r.contact_email,
    contactUrl: r.contact_url,
    contactText: r.contact_text,
    timeZone: r.time_zone,
    pageUrl: r.page_url,
    updatedAt: r.updated_at.toISOString(),
  };
}

export function toComponent(r: ComponentRow, sources: SourceRow[]): StatuspageComponent {
  const mine = sources.filter((s) => s.component_id === r.id);
  return {
    id: r.id,
    name: r.name,
    description: r.description,
    isGroup: r.is_group,
    groupId: r.group_id,
    position: r.position,
    showcase: r.showcase,
    onlyShowIfDegraded: r.only_show_if_degraded,
    startDate: r.start_date,
    status: r.status as ComponentStatus,
    manualStatus: r.manual_status as ComponentStatus | null,
    automaticStatus: r.auto_status as ComponentStatus,
    manualOverride: mine.length > 0 && r.manual_status !== null,
    sources: mine.map((s) => ({ kind: s.kind, id: s.source_id, name: s.name, failingStatus: s.failing_status as 'partial_outage' })),
    createdAt: r.created_at.toISOString(),
    updatedAt: r.updated_at.toISOString(),
  };
}

export function toIncident(r: IncidentRow & { updates: UpdateRow[] }): PublicIncident {
  return {
    id: r.id,
    kind: r.kind,
    name: r.name,
    status: r.status as PublicIncident['status'],
    impact: r.impact as PublicIncident['impact'],
    componentIds: r.component_ids,
    internalIncidentId: r.internal_incident_id,
    nextUpdateAt: iso(r.next_update_at),
    startedAt: r.started_at.toISOString(),
    monitoringAt: iso(r.monitoring_at),
    resolvedAt: iso(r.resolved_at),
    scheduledFor: iso(r.scheduled_for),
    scheduledUntil: iso(r.scheduled_until),
    autoTransition: r.auto_transition,
    createdAt: r.created_at.toISOString(),
    updatedAt: r.updated_at.toISOString(),
    updates: r.updates.map((u) => ({
      id: u.id,
      status: u.status as PublicIncident['status'],
      body: u.body,
      displayAt: u.display_at.toISOString(),
      affectedComponents: u.affected_components as PublicIncident['updates'][number]['affectedComponents'],
      deliverNotifications: u.deliver_notifications,
      createdBy: u.created_by,
      createdAt: u.created_at.toISOString(),
    })),
  };
}

export function toTemplate(r: TemplateRow) {
  return {
    id: r.id,
    name: r.name,
    kind: r.kind,
    status: r.status as PublicIncident['status'],
    title: r.title,
    body: r.body,
    createdAt: r.created_at.toISOString(),
    updatedAt: r.updated_at.toISOString(),
  };
}
