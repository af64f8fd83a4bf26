import { invalid } from '../../lib/errors.js';

/**
 * Per-person bundling: when several notifications for one person and one contact
 * method fall due close together, send one message listing them instead of many.
 * The first notification after a quiet spell goes at once (a page is never delayed);
 * only the burst behind it waits, and never longer than the bundle window.
 */

export type Urgency = 'high' | 'low';

export interface PendingNotification {
  id: string;
  personId: string;
  method: string;
  dueAt: Date;
  alertId: string;
  summary: string;
  urgency: Urgency;
  /** The alert's number: among items due together, the older alert is listed first. */
  alertNumber?: number;
}

export interface Bundle<T extends PendingNotification = PendingNotification> {
  personId: string;
  method: string;
  /** High urgency first, then by due time, so a page is never buried under low ones. */
  items: T[];
}

export interface BundleOptions {
  /** Default 30. */
  windowSeconds?: number;
  /** A group this large goes at once, in messages of at most this many items. Default 20. */
  maxItems?: number;
  /** Last send per `bundleKey(personId, method)`. */
  lastSentAt?: ReadonlyMap<string, Date>;
}

export interface BundleResult<T extends PendingNotification = PendingNotification> {
  send: Bundle<T>[];
  /** Everything not sent now, including items not yet due: `send` and `hold` partition the input. */
  hold: T[];
  /** When to call again so nothing held waits past its window; null when nothing is held. */
  wakeAt: Date | null;
}

export const DEFAULT_BUNDLE_WINDOW_SECONDS = 30;
export const DEFAULT_BUNDLE_MAX_ITEMS = 20;

export const bundleKey = (personId: string, method: string) => `${personId}|${method}`;

export function bundle<T extends PendingNotification>(pending: readonly T[], now: Date, options: BundleOptions = {}): BundleResult<T> {
  const windowSeconds = options.windowSeconds ?? DEFAULT_BUNDLE_WINDOW_SECONDS;
  const maxItems = options.maxItems ?? DEFAULT_BUNDLE_MAX_ITEMS;
  checkOptions(windowSeconds, maxItems);
  const windowMs = windowSeconds * 1000;
  const t = now.getTime();

  const hold: T[] = [];
  const groups = new Map<string, T[]>();
  for (const item of pending) {
    if (item.dueAt.getTime() > t) {
      hold.push(item);
      continue;
    }
    const key = bundleKey(item.personId, item.method);
    const group = groups.get(key);
    if (group) group.push(item);
    else groups.set(key, [item]);
  }

  const send: Bundle<T>[] = [];
  for (const [key, group] of groups) {
    group.sort(byPriority);
    const oldest = group.reduce((min, i) => Math.min(min, i.dueAt.getTime()), Infinity);
    const last = options.lastSentAt?.get(key)?.getTime();
    const quiet = last === undefined || t - last >= windowMs;
    const waitedEnough = t - oldest >= windowMs;
    // Past its window or first after a quiet spell, the whole group goes now; a full
    // group only sends full messages and keeps the rest gathering. Sorting by priority
    // first means a split never holds a high-urgency item while sending a low one.
    const flushAll = quiet || waitedEnough;
    const sendCount = flushAll ? group.length : group.length - (group.length % maxItems);
    const [first] = group;
    for (let i = 0; i < sendCount; i += maxItems) {
      send.push({ personId: first!.personId, method: first!.method, items: group.slice(i, Math.min(i + maxItems, sendCount)) });
    }
    hold.push(...group.slice(sendCount));
  }

  send.sort((a, b) => byPriority(a.items[0]!, b.items[0]!));
  return { send, hold, wakeAt: wakeAt(hold, t, windowMs) };
}

/**
 * A held item that is due is released by its group's oldest item reaching the
 * window; one not yet due may go the moment it is due (if its person has been quiet).
 */
function wakeAt(hold: readonly PendingNotification[], now: number, windowMs: number): Date | null {
  if (hold.length === 0) return null;
  let earliest = Infinity;
  for (const item of hold) {
    const due = item.dueAt.getTime();
    earliest = Math.min(earliest, due > now ? due : due + windowMs);
  }
  return new Date(earliest);
}

function byPriority(a: PendingNotification, b: PendingNotification): number {
  if (a.urgency !== b.urgency) return a.urgency === 'high' ? -1 : 1;
  return a.dueAt.getTime() - b.dueAt.getTime() || (a.alertNumber ?? 0) - (b.alertNumber ?? 0) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

function checkOptions(windowSeconds: number, maxItems: number): void {
  if (!Number.isFinite(windowSeconds) || windowSeconds < 0) {
    throw invalid([{ field: 'windowSeconds', message: 'Must be zero or a positive number of seconds' }]);
  }
  if (!Number.isInteger(maxItems) || maxItems < 1) {
    throw invalid([{ field: 'maxItems', message: 'Must be a whole number of at least 1' }]);
  }
}

export interface BundleListing<T extends PendingNotification = PendingNotification> {
  /** One item per alert, high urgency first, then by due time: at most `maxListed`. */
  listed: T[];
  /** Alerts in the bundle but not listed: the message says "and N more". */
  more: number;
}

/**
 * What one message shows of a bundle. A storm can put hundreds of alerts in front
 * of one person at once; a message listing them all is unreadable on a phone (and
 * too long for SMS, push and chat limits), and splitting it into many messages
 * buzzes the phone many times for one storm. So a message lists at most
 * `maxListed` alerts, the most urgent and oldest first, and counts the rest; it
 * still carries (and the alert log records as notified) every alert.
 */
export function listBundle<T extends PendingNotification>(items: readonly T[], maxListed = DEFAULT_BUNDLE_MAX_ITEMS): BundleListing<T> {
  if (!Number.isInteger(maxListed) || maxListed < 1) throw invalid([{ field: 'maxListed', message: 'Must be a whole number of at least 1' }]);
  // Two notifications about one alert (a re-notify) are one line to the reader.
  const byAlert = new Map<string, T>();
  for (const item of [...items].sort(byPriority)) if (!byAlert.has(item.alertId)) byAlert.set(item.alertId, item);
  const alerts = [...byAlert.values()];
  return { listed: alerts.slice(0, maxListed), more: Math.max(0, alerts.length - maxListed) };
}

/** Shown in an SMS or a subject line, so it stays short: a count and the first few. */
export function renderBundleText(items: readonly PendingNotification[], maxListed = 3): string {
  const { listed, more } = listBundle(items, Math.max(1, maxListed));
  if (listed.length === 0) return '';
  if (listed.length === 1 && more === 0) return shorten(listed[0]!.summary);
  // In a mixed list the reader should see at a glance which lines can wait.
  const line = (i: PendingNotification) => `${i.urgency === 'low' ? '[low] ' : ''}${shorten(i.summary)}`;
  return `${listed.length + more} alerts: ${listed.map(line).join('; ')}${more > 0 ? `; and ${more} more` : ''}`;
}

const SUMMARY_CHARS = 80;

function shorten(summary: string): string {
  const flat = summary.replace(/\s+/g, ' ').trim() || '(no summary)';
  return flat.length <= SUMMARY_CHARS ? flat : `${flat.slice(0, SUMMARY_CHARS - 1)}…`;
}
