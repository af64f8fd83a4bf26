/** Toil should stay at or under a quarter of working time. */
export const TOIL_TARGET_SHARE = 0.25;

/** Working hours of one person in a full week when theirs are not set (a 40-hour week is the usual contract). */
export const WORKING_HOURS_PER_PERSON_WEEK = 40;

export interface PersonWeek {
  hours: number;
  /** From the person's working-hours setting, or the 40-hour fallback. */
  source: 'working_hours' | 'default';
}

const minuteOf = (t: string): number | null => {
  const m = /^([01]\d|2[0-3]):([0-5]\d)$/.exec(t);
  return m ? Number(m[1]) * 60 + Number(m[2]) : null;
};

/**
 * A person's working hours in a week from their setting (ISO weekdays, a daily start
 * and end in their zone): days × the daily span, a span past midnight counted to the
 * next day's end (22:00–06:00 is 8 hours). No days, an empty span or an unreadable
 * setting falls back to 40 hours.
 */
export function weeklyWorkingHours(setting: { days?: readonly number[]; start?: string; end?: string } | null | undefined): PersonWeek {
  const days = new Set((setting?.days ?? []).filter((d) => Number.isInteger(d) && d >= 1 && d <= 7)).size;
  const start = setting?.start ? minuteOf(setting.start) : null;
  const end = setting?.end ? minuteOf(setting.end) : null;
  if (!days || start === null || end === null || start === end) return { hours: WORKING_HOURS_PER_PERSON_WEEK, source: 'default' };
  const span = end > start ? end - start : end + 24 * 60 - start;
  return { hours: (days * span) / 60, source: 'working_hours' };
}

export interface ToilEntry {
  minutes: number;
  what: string;
  category?: string | null;
  serviceId?: string | null;
}

export interface ToilShare {
  toilHours: number;
  workingHours: number;
  /** toil / working; null when there are no working hours. */
  share: number | null;
  overTarget: boolean;
}

/** Logged toil hours against working hours: the people's weekly hours (each their own, or 40) × weeks. */
export function toilShare(entries: readonly ToilEntry[], people: readonly PersonWeek[], weeks: number): ToilShare {
  const toilHours = entries.reduce((s, e) => s + Math.max(0, e.minutes), 0) / 60;
  const workingHours = people.reduce((s, p) => s + Math.max(0, p.hours), 0) * Math.max(0, weeks);
  const share = workingHours > 0 ? toilHours / workingHours : null;
  return { toilHours, workingHours, share, overTarget: share !== null && share > TOIL_TARGET_SHARE };
}

export interface RecurringToil {
  what: string;
  times: number;
  hours: number;
}

/** What keeps coming back: entries grouped by their text (case and spacing ignored), most hours first. */
export function topRecurringToil(entries: readonly ToilEntry[], top = 5): RecurringToil[] {
  const groups = new Map<string, RecurringToil>();
  for (const e of entries) {
    const key = e.what.trim().replace(/\s+/g, ' ').toLowerCase();
    const g = groups.get(key) ?? { what: e.what.trim(), times: 0, hours: 0 };
    g.times += 1;
    g.hours += Math.max(0, e.minutes) / 60;
    groups.set(key, g);
  }
  return [...groups.values()]
    .sort((a, b) => b.hours - a.hours || b.times - a.times || (a.what < b.what ? -1 : 1))
    .slice(0, top);
}
