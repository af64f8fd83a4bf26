import { DateTime } from 'luxon';
import { localClock } from './local-clock.js';
import { type Bucket, type Instant, toMs } from './types.js';
import { safeZone } from './zone.js';

export { safeZone } from './zone.js';

/** The instant as wall-clock time in the zone. */
export function localTime(at: Instant, zone: string): DateTime {
  return DateTime.fromMillis(toMs(at), { zone: safeZone(zone) });
}

/**
 * The bucket of an instant in the person's own zone (humanops-metrics.md):
 * sleep every day 22:00–08:00; business Mon–Fri 08:00–18:00; off-hours Mon–Fri
 * 18:00–22:00 and Sat–Sun 08:00–22:00. Each range includes its start and excludes its
 * end, so 21:59:30 is off-hours and 22:00:30 is sleep. Read on the wall clock, so
 * DST changes move the buckets with the person's day.
 */
export function bucketOf(at: Instant, zone: string): Bucket {
  const t = localClock(toMs(at), zone);
  const minute = t.hour * 60 + t.minute;
  if (minute < 8 * 60 || minute >= 22 * 60) return 'sleep';
  const weekend = t.weekday >= 6; // Luxon: Monday 1 … Sunday 7
  if (!weekend && minute < 18 * 60) return 'business';
  return 'off_hours';
}

/** Weights of the fairness measure: business 1, off-hours 1.5, sleep 2. */
export const BUCKET_WEIGHT: Readonly<Record<Bucket, number>> = { business: 1, off_hours: 1.5, sleep: 2 };
