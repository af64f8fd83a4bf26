import type { Incident, IncidentRole, IncidentRoleAssignment, IncidentStatus } from '@operable/shared';

/** Words for incidents: statuses, roles, the one next action. Pure, so it is unit-tested. */

export const INCIDENT_STATUS_LABELS: Record<IncidentStatus, string> = {
  investigating: 'Investigating',
  identified: 'Identified',
  monitoring: 'Monitoring',
  resolved: 'Resolved',
};

export const ROLE_LABELS: Record<IncidentRole, string> = {
  commander: 'Incident commander',
  communicator: 'Communicator',
  scribe: 'Scribe',
  responder: 'Responder',
};

export const ROLE_ORDER: IncidentRole[] = ['commander', 'communicator', 'scribe', 'responder'];

/** Where a paged role holder stands, in words. */
export function pageState(a: IncidentRoleAssignment): string | null {
  const p = a.page;
  if (!p) return null;
  if (p.acknowledgedAt || p.status !== 'triggered') return 'acknowledged the page';
  if (p.notifiedAt) return 'page delivered, not acknowledged yet';
  return 'paged, no delivery yet';
}

export type IncidentNextAction = 'post-update' | 'assign-communicator' | 'resolve' | 'none';

/**
 * The one thing to do next: a missing or overdue update first (stakeholders are
 * waiting), then a communicator when there is none, then resolving once monitoring.
 */
export function incidentNextAction(i: Pick<Incident, 'status' | 'updateOverdue' | 'nextUpdateAt' | 'roles'>, updates: number): IncidentNextAction {
  if (i.status === 'resolved') return 'none';
  if (i.updateOverdue || updates === 0) return 'post-update';
  if (!i.roles.some((r) => r.role === 'communicator')) return 'assign-communicator';
  if (i.status === 'monitoring') return 'resolve';
  return 'post-update';
}

export const NEXT_ACTION_LABELS: Record<Exclude<IncidentNextAction, 'none'>, string> = {
  'post-update': 'Post an update',
  'assign-communicator': 'Assign a communicator',
  resolve: 'Resolve the incident',
};

/** "in 12 min" / "overdue by 4 min" for the next update. */
export function nextUpdateText(nextUpdateAt: string | null, now: number): string {
  if (!nextUpdateAt) return 'No next update planned';
  const diff = Math.round((Date.parse(nextUpdateAt) - now) / 60_000);
  if (diff > 0) return `Next update due in ${diff} min`;
  if (diff === 0) return 'Next update due now';
  return `Update overdue by ${-diff} min`;
}
