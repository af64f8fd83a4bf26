/**
 * Plain-data inputs of the health metrics (humanops-metrics.md). No database: the
 * health queries, the weekly review and the replay feature all build these arrays and
 * call the same functions, so a number is the same everywhere it is shown.
 */

/** An instant: a Date or epoch milliseconds. */
export type Instant = Date | number;

export const toMs = (at: Instant): number => (typeof at === 'number' ? at : at.getTime());

/** One notification attempt to one person (a row of `notifications`, or a replayed one). */
export interface NotificationEvent {
  at: Instant;
  userId: string;
  /** The person's own IANA zone; an unknown zone is read as UTC. */
  zone: string;
  /** Contact channel: push/ntfy, sms, voice, slack/teams/chat (DM), email, webhook. */
  channel: string;
  alertId: string;
  /** Alerts of one incident are one page event. */
  incidentId?: string | null;
  serviceId?: string | null;
  /** The alert's dedup key ("alert key"). */
  alertKey?: string | null;
  /** Drills are reported apart and never counted. */
  isDrill?: boolean;
}

export type Bucket = 'business' | 'off_hours' | 'sleep';
export const BUCKETS: readonly Bucket[] = ['business', 'off_hours', 'sleep'];

export type BucketCounts = Record<Bucket, number>;
export const emptyBuckets = (): BucketCounts => ({ business: 0, off_hours: 0, sleep: 0 });
