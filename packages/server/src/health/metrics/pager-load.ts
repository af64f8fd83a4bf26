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
 * Page events per week for the given week starts (Monday 00:00 in the team's zone,
 * oldest first). A page event belongs to the week of its first interrupting
 * notification; events outside every week are ignored.
 */
export function pagerLoadByWeek(pageEvents: readonly Pick<PageEvent, 'at'>[], weekStarts: readonly number[], zone: string): WeekLoad[] {
  const counts = new Map<number, number>(weekStarts.map((w) => [w, 0]));
  for (const pe of pageEvents) {
    const w = weekStartOf(pe.at, zone);
    const c = counts.get(w);
    if (c !== undefined) counts.set(w, c + 1);
  }
  return weekStarts.map((w) => {
    const pageEvents = counts.get(w) ?? 0;
    return { weekStart: w, pageEvents, band: pagerLoadBand(pageEvents) };
  });
}
