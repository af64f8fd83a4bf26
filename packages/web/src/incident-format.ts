import type { Incident, IncidentRole, IncidentRoleAssignment, IncidentStatus, IncidentSubscriber, IncidentTimelineEntry, KeyMoment } from '@operable/shared';

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

export const KEY_MOMENT_LABELS: Record<KeyMoment, string> = {
  detected: 'Detected',
  acknowledged: 'Acknowledged',
  mitigated: 'Mitigated',
  resolved: 'Resolved',
};

export const KEY_MOMENT_ORDER: KeyMoment[] = ['detected', 'acknowledged', 'mitigated', 'resolved'];

/**
 * The choices for marking one timeline entry: an incident holds each moment once,
 * so a moment already on another entry says it moves from there (by that entry's time).
 */
export function keyMomentChoices(
  timeline: readonly Pick<IncidentTimelineEntry, 'id' | 'at' | 'keyMoment'>[],
  entryId: string,
  timeOf: (iso: string) => string,
): { moment: KeyMoment; label: string; current: boolean; movesFrom: string | null }[] {
  return KEY_MOMENT_ORDER.map((moment) => {
    const holder = timeline.find((e) => e.keyMoment === moment);
    const current = holder?.id === entryId;
    return { moment, label: KEY_MOMENT_LABELS[moment], current, movesFrom: holder && !current ? timeOf(holder.at) : null };
  });
}

export const SUBSCRIBER_CHANNEL_LABELS: Record<IncidentSubscriber['channel'], string> = {
  email: 'Email',
  webhook: 'Webhook',
  slack: 'Slack',
};

/** What the address field asks for, per channel. */
export const SUBSCRIBER_ADDRESS_HINTS: Record<IncidentSubscriber['channel'], string> = {
  email: 'An email address; updates arrive as mail, never as a page.',
  webhook: 'A URL that receives each update as signed JSON.',
  slack: 'A Slack incoming-webhook URL; updates post to its channel.',
};

/** Whether `email` already follows the incident by email (then "Subscribe me" has nothing to add). */
export function followsByEmail(subscribers: readonly Pick<IncidentSubscriber, 'channel' | 'address'>[], email: string): boolean {
  const me = email.trim().toLowerCase();
  return subscribers.some((s) => s.channel === 'email' && s.address.trim().toLowerCase() === me);
}
