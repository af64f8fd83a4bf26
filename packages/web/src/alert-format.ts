import type { Alert } from '@operable/shared';

/** Words for alert states and log events. Pure, so it can be unit-tested. */

export type AlertStatus = Alert['status'];
export type AlertUrgency = Alert['urgency'];

export const STATUS_LABELS: Record<AlertStatus, string> = {
  triggered: 'Triggered',
  acknowledged: 'Acknowledged',
  resolved: 'Resolved',
};

export const URGENCY_LABELS: Record<AlertUrgency, string> = {
  high: 'High urgency',
  low: 'Low urgency',
};

/** The status filter's choices; `open` means triggered or acknowledged. */
export const STATUS_FILTERS = [
  { value: 'open', label: 'Open (not resolved)' },
  { value: 'triggered', label: 'Triggered' },
  { value: 'acknowledged', label: 'Acknowledged' },
  { value: 'resolved', label: 'Resolved' },
  { value: 'all', label: 'All' },
] as const;

const EVENT_LABELS: Record<string, string> = {
  triggered: 'Triggered',
  acknowledged: 'Acknowledged',
  resolved: 'Resolved',
  re_triggered: 'Triggered again',
  suppressed: 'Suppressed by maintenance',
  grouped: 'Grouped into another alert',
  group_handed_over: 'Resolved while its group is still open: another alert leads the group',
  leads_group: 'Now leads its storm group (the previous leader resolved; no new page)',
  not_paged: 'Nobody paged',
  escalate_now: 'Escalated by hand',
  escalated: 'Escalated',
  step_skipped: 'Step skipped (nobody to notify)',
  escalation_exhausted: 'Escalation finished without an acknowledgement',
  notified: 'Notified',
  notify_failed: 'Notification failed',
  fall_through: 'Trying the next contact method',
  unreachable: 'Couldn’t reach someone',
  notification_deferred: 'Notification held until working hours',
  notification_throttled: 'Notification delayed (too many messages)',
};

/** "notification_failed" → "Notification failed", with known events worded by hand. */
export function eventLabel(event: string): string {
  const known = EVENT_LABELS[event];
  if (known) return known;
  const words = event.replace(/[_.-]+/g, ' ').trim();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** Log entry details as short "key: value" parts; nested values as compact JSON. */
export function detailParts(details: unknown): string[] {
  if (details === null || details === undefined) return [];
  if (typeof details !== 'object' || Array.isArray(details)) return [JSON.stringify(details)];
  return Object.entries(details as Record<string, unknown>)
    .filter(([, v]) => v !== null && v !== undefined && !(Array.isArray(v) && v.length === 0) && !isIds(v))
    .map(([k, v]) => `${k}: ${show(v)}`);
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Internal ids (of people, messages) mean nothing to the person reading the log. */
function isIds(v: unknown): boolean {
  const all = Array.isArray(v) ? v : [v];
  return all.length > 0 && all.every((x) => typeof x === 'string' && UUID.test(x));
}

function show(v: unknown): string {
  if (typeof v === 'string') return v;
  if (Array.isArray(v) && v.every((x) => typeof x !== 'object' || x === null)) return v.join(', ');
  return JSON.stringify(v);
}

/** True when the status filter value is one the API accepts as is. */
export function statusQuery(filter: string): string | undefined {
  return filter === 'all' ? undefined : filter;
}
