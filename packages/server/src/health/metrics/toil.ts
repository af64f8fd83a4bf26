/** Toil should stay at or under a quarter of working time. */
export const TOIL_TARGET_SHARE = 0.25;

/** Working hours of one person in a full week (Mon–Fri 08:00–18:00 would be 50; a 40-hour week is the usual contract). */
export const WORKING_HOURS_PER_PERSON_WEEK = 40;

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

/** Logged toil hours against working hours (people × weeks × hours a week). */
export function toilShare(entries: readonly ToilEntry[], people: number, weeks: number, hoursPerWeek = WORKING_HOURS_PER_PERSON_WEEK): ToilShare {
  const toilHours = entries.reduce((s, e) => s + Math.max(0, e.minutes), 0) / 60;
  const workingHours = Math.max(0, people) * Math.max(0, weeks) * hoursPerWeek;
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
