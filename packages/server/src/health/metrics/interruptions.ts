import { bucketOf, BUCKET_WEIGHT } from './bucket.js';
import { localClock } from './local-clock.js';
import { type Bucket, type BucketCounts, emptyBuckets, type NotificationEvent, toMs } from './types.js';

/**
 * Channels that interrupt a person: push, SMS, voice, chat DM. Email does not; a
 * personal webhook is a machine's business.
 */
export const INTERRUPTING_CHANNELS: ReadonlySet<string> = new Set(['push', 'ntfy', 'sms', 'voice', 'slack', 'teams', 'chat']);

export const isInterrupting = (channel: string): boolean => INTERRUPTING_CHANNELS.has(channel.toLowerCase());

/** Several channels or repeats to one person within this span count as one interruption. */
export const INTERRUPTION_DEDUP_MS = 60_000;

/** One interruption of one person: the first notification of a ≤ 60 s burst. */
export interface Interruption {
  userId: string;
  zone: string;
  at: number;
  bucket: Bucket;
  /** What caused it: the alert (and its service and key) of the burst's first notification. */
  alertId: string;
  serviceId: string | null;
  alertKey: string | null;
  /** Notifications the burst folded together (≥ 1). */
  notifications: number;
}

/**
 * Interruptions per person. Non-interrupting channels and drills are left out. A
 * notification at most 60 s after the notification that opened the current burst
 * (any channel, any alert: the person was interrupted once) joins that burst; the
 * next one after it opens a new interruption. Anchoring on the burst's first
 * notification means a steady drip every 50 s still counts once a minute or so,
 * never once for ever.
 */
export function interruptionsOf(events: readonly NotificationEvent[]): Interruption[] {
  const byUser = new Map<string, { at: number; e: NotificationEvent }[]>();
  for (const e of events) {
    if (e.isDrill || !isInterrupting(e.channel)) continue;
    const list = byUser.get(e.userId) ?? [];
    list.push({ at: toMs(e.at), e });
    byUser.set(e.userId, list);
  }
  const out: Interruption[] = [];
  for (const list of byUser.values()) {
    list.sort((a, b) => a.at - b.at);
    let open: Interruption | null = null;
    for (const { at, e } of list) {
      if (open && at - open.at <= INTERRUPTION_DEDUP_MS) {
        open.notifications += 1;
        continue;
      }
      open = {
        userId: e.userId,
        zone: e.zone,
        at,
        bucket: bucketOf(at, e.zone),
        alertId: e.alertId,
        serviceId: e.serviceId ?? null,
        alertKey: e.alertKey ?? null,
        notifications: 1,
      };
      out.push(open);
    }
  }
  return out.sort((a, b) => a.at - b.at || (a.userId < b.userId ? -1 : a.userId > b.userId ? 1 : 0));
}

/** Interruptions of one person by bucket. */
export function bucketCounts(interruptions: readonly Interruption[]): BucketCounts {
  const counts = emptyBuckets();
  for (const i of interruptions) counts[i.bucket] += 1;
  return counts;
}

/** Weighted interruptions: business 1, off-hours 1.5, sleep 2. */
export function weightedInterruptions(counts: BucketCounts): number {
  return counts.business * BUCKET_WEIGHT.business + counts.off_hours * BUCKET_WEIGHT.off_hours + counts.sleep * BUCKET_WEIGHT.sleep;
}

/**
 * Disrupted hours: distinct clock hours, in the person's zone, holding at least one
 * interruption. The two 01:00 hours of a DST fall-back night are two hours.
 */
export function disruptedHours(interruptions: readonly Interruption[]): number {
  const hours = new Set<string>();
  for (const i of interruptions) hours.add(`${i.userId}\u0000${localClock(i.at, i.zone).hourStart}`);
  return hours.size;
}
