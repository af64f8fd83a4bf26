import { isInterrupting } from './interruptions.js';
import { type NotificationEvent, toMs } from './types.js';

/**
 * One page event: one alert, or one incident, that caused at least one interrupting
 * notification to a person. Seven pages for one problem are one page event.
 */
export interface PageEvent {
  /** `incident:<id>` when the alert belongs to an incident, else `alert:<id>`. */
  key: string;
  /** First interrupting notification of the problem. */
  at: number;
  alertIds: string[];
  /** The service and key of the first paging alert (what to blame when ranking noise). */
  serviceId: string | null;
  alertKey: string | null;
  /** People it interrupted. */
  userIds: string[];
}

const problemKey = (e: NotificationEvent) => (e.incidentId ? `incident:${e.incidentId}` : `alert:${e.alertId}`);

/** Page events from notifications: drills and non-interrupting channels left out. */
export function pageEventsOf(events: readonly NotificationEvent[]): PageEvent[] {
  const byKey = new Map<string, { pe: PageEvent; users: Set<string>; alerts: Set<string> }>();
  const sorted = events.filter((e) => !e.isDrill && isInterrupting(e.channel)).sort((a, b) => toMs(a.at) - toMs(b.at));
  for (const e of sorted) {
    const key = problemKey(e);
    let entry = byKey.get(key);
    if (!entry) {
      entry = {
        pe: { key, at: toMs(e.at), alertIds: [], serviceId: e.serviceId ?? null, alertKey: e.alertKey ?? null, userIds: [] },
        users: new Set(),
        alerts: new Set(),
      };
      byKey.set(key, entry);
    }
    if (!entry.users.has(e.userId)) {
      entry.users.add(e.userId);
      entry.pe.userIds.push(e.userId);
    }
    if (!entry.alerts.has(e.alertId)) {
      entry.alerts.add(e.alertId);
      entry.pe.alertIds.push(e.alertId);
    }
  }
  return [...byKey.values()].map((v) => v.pe);
}
