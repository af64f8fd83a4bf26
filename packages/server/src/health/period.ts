import type { Ctx } from '../lib/context.js';
import { invalid } from '../lib/errors.js';
import { localTime, weekStartOf } from './metrics/index.js';

const DAY = 86_400_000;
/** A health view covers at most a year and a day: enough for any review, bounded for the database. */
export const MAX_RANGE_DAYS = 366;

export interface Period {
  from: Date;
  to: Date;
  weeks: number;
}

/** The period asked for, or this week so far (Monday 00:00 in the zone until now). */
export function periodOf(ctx: Ctx, zone: string, query: { from?: string; to?: string }): Period {
  const now = ctx.clock.now().getTime();
  const to = query.to ? Date.parse(query.to) : now;
  const from = query.from ? Date.parse(query.from) : weekStartOf(to === now ? now : to - 1, zone);
  if (!(to > from)) throw invalid([{ field: 'query.to', message: 'Must be after `from`' }]);
  if (to - from > MAX_RANGE_DAYS * DAY) throw invalid([{ field: 'query.from', message: `A period is at most ${MAX_RANGE_DAYS} days` }]);
  return { from: new Date(from), to: new Date(to), weeks: Math.max(1, (to - from) / (7 * DAY)) };
}

/** Local date (YYYY-MM-DD) of an instant in the zone. */
export const localDate = (at: number, zone: string): string => localTime(at, zone).toISODate()!;
