import type { IncidentDetail, UpdateIncident } from '@operable/shared';
import { severityName } from '@operable/shared';
import type { z } from 'zod';
import type { Ctx } from '../lib/context.js';
import { conflict, invalid, notFound } from '../lib/errors.js';
import { loadForChange, recordChange, writeEntry, who } from './access.js';
import { mirrorAlertLogs } from './mirror.js';
import { getIncident } from './read.js';
import {
  addServices,
  dropOrphanAlertServices,
  findAlerts,
  findServicesById,
  linkAlerts,
  removeService,
  unlinkAlert,
  updateIncidentRow,
  type IncidentRow,
} from './repository.js';
import { statusChange } from './rules.js';
import { afterResolve } from './wellbeing.js';

const FIELD_NAMES: Record<string, string> = {
  title: 'title',
  summary: 'summary',
  assess: 'assessment',
  blastRadius: 'blast radius',
  compensate: 'compensation plan',
  warRoomUrl: 'war room link',
};

/** Title, triage fields, war room, severity, status (resolve and reopen), drill flag. Each kind of change gets its own entry. */
export async function updateIncident(ctx: Ctx, ref: string, patch: z.output<typeof UpdateIncident>): Promise<IncidentDetail> {
  const before = await loadForChange(ctx, ref);
  const now = ctx.clock.now();
  let row: IncidentRow = before;
  const fields = (Object.keys(FIELD_NAMES) as (keyof typeof FIELD_NAMES)[]).filter((k) => {
    const v = patch[k as keyof typeof patch];
    return v !== undefined && v !== before[COLUMN[k]!];
  });
  if (fields.length) {
    row = await updateIncidentRow(ctx.db, before.id, {
      ...(patch.title !== undefined ? { title: patch.title } : {}),
      ...(patch.summary !== undefined ? { summary: patch.summary } : {}),
      ...(patch.assess !== undefined ? { assess: patch.assess } : {}),
      ...(patch.blastRadius !== undefined ? { blast_radius: patch.blastRadius } : {}),
      ...(patch.compensate !== undefined ? { compensate: patch.compensate } : {}),
      ...(patch.warRoomUrl !== undefined ? { war_room_url: patch.warRoomUrl } : {}),
      updated_at: now,
    });
    await recordChange(
      ctx,
      row,
      { kind: 'fields_changed', text: `${who(ctx)} updated the ${fields.map((f) => FIELD_NAMES[f]).join(', ')}`, data: { fields } },
      { action: 'incident.update', before: pick(before, fields), after: pick(row, fields) },
    );
  }
  if (patch.severity !== undefined && patch.severity !== before.severity) {
    row = await changeSeverity(ctx, row, patch.severity);
  }
  if (patch.drill !== undefined && patch.drill !== before.drill) {
    row = await updateIncidentRow(ctx.db, before.id, { drill: patch.drill, updated_at: now });
    await recordChange(
      ctx,
      row,
      { kind: 'fields_changed', text: patch.drill ? `${who(ctx)} marked the incident as a drill` : `${who(ctx)} marked the incident as real (not a drill)`, data: { fields: ['drill'] } },
      { action: 'incident.update', before: { drill: before.drill }, after: { drill: patch.drill } },
    );
  }
  if (patch.status !== undefined) row = await changeStatus(ctx, row, patch.status);
  return getIncident(ctx, row.id);
}

const COLUMN: Record<string, keyof IncidentRow> = { title: 'title', summary: 'summary', assess: 'assess', blastRadius: 'blast_radius', compensate: 'compensate', warRoomUrl: 'war_room_url' };
const pick = (row: IncidentRow, fields: string[]) => Object.fromEntries(fields.map((f) => [f, row[COLUMN[f]!]]));

export async function changeSeverity(ctx: Ctx, row: IncidentRow, to: number): Promise<IncidentRow> {
  if (to === row.severity) return row;
  const after = await updateIncidentRow(ctx.db, row.id, { severity: to, updated_at: ctx.clock.now() });
  await recordChange(
    ctx,
    after,
    { kind: 'severity_changed', text: `${who(ctx)} changed the severity from ${severityName(row.severity)} to ${severityName(to)}`, data: { from: row.severity, to } },
    { action: 'incident.severity', before: { severity: row.severity }, after: { severity: to } },
  );
  return after;
}

/** Any status to any other. Resolving stamps resolved_at and asks responders how they are; leaving resolved reopens. */
export async function changeStatus(ctx: Ctx, row: IncidentRow, to: IncidentRow['status']): Promise<IncidentRow> {
  const move = statusChange(row.status, to);
  if (move === 'none') return row;
  const now = ctx.clock.now();
  const after = await updateIncidentRow(ctx.db, row.id, { status: to, resolved_at: to === 'resolved' ? now : null, updated_at: now });
  const text =
    move === 'resolve'
      ? `${who(ctx)} resolved the incident`
      : move === 'reopen'
        ? `${who(ctx)} reopened the incident (${to})`
        : `${who(ctx)} changed the status from ${row.status} to ${to}`;
  await recordChange(
    ctx,
    after,
    {
      kind: move === 'reopen' ? 'reopened' : 'status_changed',
      text,
      data: { from: row.status, to },
      keyMoment: move === 'resolve' ? 'resolved' : to === 'monitoring' ? 'mitigated' : undefined,
    },
    { action: move === 'resolve' ? 'incident.resolve' : move === 'reopen' ? 'incident.reopen' : 'incident.status', before: { status: row.status }, after: { status: to } },
  );
  if (move === 'resolve') {
    ctx.log.event('INCIDENT_RESOLVED', { incidentId: row.id, number: row.number });
    await afterResolve(ctx, after);
  } else ctx.log.event('INCIDENT_CHANGED', { incidentId: row.id, status: to });
  return after;
}

export async function linkAlert(ctx: Ctx, ref: string, alertId: string): Promise<IncidentDetail> {
  const incident = await loadForChange(ctx, ref);
  const [alert] = await findAlerts(ctx.db, [alertId]);
  if (!alert) throw invalid([{ field: 'alertId', message: 'No such alert' }]);
  const now = ctx.clock.now();
  if (!(await linkAlerts(ctx.db, incident.id, [alertId], 'linked', ctx.actor.userId, now)).length) throw conflict(`Alert #${alert.number} is already part of this incident`);
  const added = await addServices(ctx.db, incident.id, [alert.service_id], 'alert', now);
  await recordChange(
    ctx,
    incident,
    { kind: 'alert_linked', text: `${who(ctx)} linked alert #${alert.number}: ${alert.summary}`, data: { alertId, alertNumber: Number(alert.number), summary: alert.summary } },
    { action: 'incident.link_alert', after: { alertId } },
  );
  if (added.length) await writeEntry(ctx, incident.id, { kind: 'service_added', text: `${alert.service_name} joined the incident with alert #${alert.number}`, data: { serviceId: alert.service_id, name: alert.service_name } });
  await mirrorAlertLogs(ctx.db, ctx.clock, { incidentId: incident.id });
  return getIncident(ctx, incident.id);
}

export async function unlinkAlertVerb(ctx: Ctx, ref: string, alertId: string): Promise<IncidentDetail> {
  const incident = await loadForChange(ctx, ref);
  const [alert] = await findAlerts(ctx.db, [alertId]);
  if (!alert || !(await unlinkAlert(ctx.db, incident.id, alertId))) throw notFound('Linked alert', alertId);
  await recordChange(
    ctx,
    incident,
    { kind: 'alert_unlinked', text: `${who(ctx)} unlinked alert #${alert.number}`, data: { alertId, alertNumber: Number(alert.number) } },
    { action: 'incident.unlink_alert', before: { alertId } },
  );
  for (const serviceId of await dropOrphanAlertServices(ctx.db, incident.id)) {
    const [s] = await findServicesById(ctx.db, [serviceId]);
    await writeEntry(ctx, incident.id, { kind: 'service_removed', text: `${s?.name ?? 'A service'} left the incident with its last alert`, data: { serviceId, name: s?.name } });
  }
  return getIncident(ctx, incident.id);
}

export async function addServiceVerb(ctx: Ctx, ref: string, serviceId: string): Promise<IncidentDetail> {
  const incident = await loadForChange(ctx, ref);
  const [service] = await findServicesById(ctx.db, [serviceId]);
  if (!service) throw invalid([{ field: 'serviceId', message: 'No such service' }]);
  await addServices(ctx.db, incident.id, [serviceId], 'manual', ctx.clock.now());
  await recordChange(ctx, incident, { kind: 'service_added', text: `${who(ctx)} added ${service.name}`, data: { serviceId, name: service.name } }, { action: 'incident.add_service', after: { serviceId } });
  return getIncident(ctx, incident.id);
}

export async function removeServiceVerb(ctx: Ctx, ref: string, serviceId: string): Promise<IncidentDetail> {
  const incident = await loadForChange(ctx, ref);
  const [service] = await findServicesById(ctx.db, [serviceId]);
  if (!service || !(await removeService(ctx.db, incident.id, serviceId))) throw notFound('Incident service', serviceId);
  await recordChange(ctx, incident, { kind: 'service_removed', text: `${who(ctx)} removed ${service.name}`, data: { serviceId, name: service.name } }, { action: 'incident.remove_service', before: { serviceId } });
  return getIncident(ctx, incident.id);
}
