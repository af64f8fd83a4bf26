import { localTime } from './bucket.js';
import type { PageEvent } from './page-events.js';

/** The bands of a team's weekly pager load: < 2 healthy, 2–5 walking the edge, > 5 unhealthy. */
export type PagerLoadBand = 'healthy' | 'edge' | 'unhealthy';

/** Band of page events per week (a count, or a weekly average over a longer range). */
export function pagerLoadBand(pageEventsPerWeek: number): PagerLoadBand {
  if (pageEventsPerWeek < 2) return 'healthy';
  if (pageEventsPerWeek <= 5) return 'edge';
  return 'unhealthy';
}

/** Monday 00:00 of the week holding `at`, in the zone (a team's zone), as epoch ms. */
export function weekStartOf(at: number, zone: string): number {
  return localTime(at, zone).startOf('week').toMillis();
}

/** The `count` week starts ending with the week holding `at`, oldest first, on the zone's wall clock. */
export function lastWeekStarts(at: number, zone: string, count: number): number[] {
  const current = localTime(at, zone).startOf('week');
  return Array.from({ length: count }, (_, i) => current.minus({ weeks: count - 1 - i }).toMillis());
}

export interface WeekLoad {
  weekStart: number;
  pageEvents: number;
  band: PagerLoadBand;
}

/**
 * Page events per week for the given week starts (consecutive Mondays 00:00 in the
 * team's zone, oldest first, as from `lastWeekStarts`). A page event belongs to the
 * week of its first interrupting notification; events outside every week are ignored.
 */
export function pagerLoadByWeek(pageEvents: readonly Pick<PageEvent, 'at'>[], weekStarts: readonly number[], zone: string): WeekLoad[] {
  const counts = new Array<number>(weekStarts.length).fill(0);
  if (weekStarts.length) {
    // Weeks are instants on the zone's wall clock: compare instants (no time-zone work per event).
    const end = localTime(weekStarts[weekStarts.length - 1]!, zone).plus({ weeks: 1 }).toMillis();
    for (const pe of pageEvents) {
      if (pe.at < weekStarts[0]! || pe.at >= end) continue;
      let lo = 0;
      let hi = weekStarts.length - 1;
      while (lo < hi) {
        const mid = (lo + hi + 1) >> 1;
        if (weekStarts[mid]! <= pe.at) lo = mid;
        else hi = mid - 1;
      }
      counts[lo]! += 1;
    }
  }
  return weekStarts.map((w, i) => ({ weekStart: w, pageEvents: counts[i]!, band: pagerLoadBand(counts[i]!) }));
}
