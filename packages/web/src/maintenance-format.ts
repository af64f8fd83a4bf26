import type { MaintenanceWindow, User } from '@operable/shared';
import { zoneName } from './schedule-layout';

/**
 * Words for maintenance windows and where each stands now: in effect, upcoming,
 * recurring or ended. Pure; the state is worked out again from the window's times
 * at `now`, so a list fetched a minute ago does not keep showing a window that has
 * since ended as in effect.
 */

type Occurrence = MaintenanceWindow['next'][number];
type Timed = Pick<MaintenanceWindow, 'kind' | 'startsAt' | 'endsAt' | 'activeUntil' | 'next'>;

const DAY_SHORT = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];
const ms = (iso: string | null | undefined) => (iso ? Date.parse(iso) : NaN);

/** [1..5] → "Mon–Fri", [6, 7] → "Sat, Sun", [1, 2, 3, 5] → "Mon–Wed, Fri", all seven → "Every day". */
export function describeDays(days: readonly number[]): string {
  const sorted = [...new Set(days)].filter((d) => d >= 1 && d <= 7).sort((a, b) => a - b);
  if (sorted.length === 7) return 'Every day';
  const runs: number[][] = [];
  for (const d of sorted) {
    const run = runs[runs.length - 1];
    if (run && run[run.length - 1] === d - 1) run.push(d);
    else runs.push([d]);
  }
  // Two days in a row read better as a list ("Sat, Sun") than as a range.
  return runs
    .flatMap((run) => (run.length > 2 ? [`${DAY_SHORT[run[0]! - 1]}–${DAY_SHORT[run[run.length - 1]! - 1]}`] : run.map((d) => DAY_SHORT[d - 1]!)))
    .join(', ');
}

/** 30 → "30 min", 60 → "1 h", 90 → "1 h 30 min", 1440 → "1 day", 10080 → "7 days". */
export function formatMinutes(minutes: number): string {
  const total = Math.max(0, Math.round(minutes));
  const days = Math.floor(total / 1440);
  const hours = Math.floor((total % 1440) / 60);
  const mins = total % 60;
  const parts = [days ? `${days} ${days === 1 ? 'day' : 'days'}` : '', hours ? `${hours} h` : '', mins || !total ? `${mins} min` : ''];
  return parts.filter(Boolean).join(' ');
}

/** "Mon–Fri 02:00 for 30 min, Europe/Berlin". */
export function describeRecurring(w: { days: readonly number[]; start: string; durationMinutes: number; timeZone: string }): string {
  return `${describeDays(w.days)} ${w.start} for ${formatMinutes(w.durationMinutes)}, ${zoneName(w.timeZone)}`;
}

/** The window's recurrence as words, or null for a one-off window (or a view missing its fields). */
export function recurrenceOf(w: Pick<MaintenanceWindow, 'kind' | 'days' | 'start' | 'durationMinutes' | 'timeZone'>): string | null {
  if (w.kind !== 'recurring' || !w.days || !w.start || w.durationMinutes === null || !w.timeZone) return null;
  return describeRecurring({ days: w.days, start: w.start, durationMinutes: w.durationMinutes, timeZone: w.timeZone });
}

/** "All services", or the covered services' names. */
export function scopeText(w: Pick<MaintenanceWindow, 'serviceIds' | 'services'>): string {
  if (w.serviceIds === null) return 'All services';
  return w.services.map((s) => s.name).join(', ') || 'No services';
}

/** The occurrences as the server sent them, or the one-off span when it sent none. */
function occurrences(w: Timed): Occurrence[] {
  if (w.next.length) return w.next;
  return w.kind === 'once' && w.startsAt && w.endsAt ? [{ startsAt: w.startsAt, endsAt: w.endsAt }] : [];
}

/** Until when the window is in effect at `now` (epoch ms), or null when it is not. */
export function inEffectUntil(w: Timed, now: number): number | null {
  let until = ms(w.activeUntil) > now ? ms(w.activeUntil) : null;
  for (const o of occurrences(w)) {
    if (ms(o.startsAt) <= now && now < ms(o.endsAt)) until = Math.max(until ?? 0, ms(o.endsAt));
  }
  return until;
}

/** The first occurrence that has not started by `now`, if the server listed one. */
export function nextOccurrence(w: Timed, now: number): Occurrence | null {
  return occurrences(w).find((o) => ms(o.startsAt) > now) ?? null;
}

export type MaintenanceState = 'active' | 'upcoming' | 'recurring' | 'ended';

export function windowState(w: Timed, now: number): MaintenanceState {
  if (inEffectUntil(w, now) !== null) return 'active';
  if (w.kind === 'recurring') return 'recurring';
  return ms(w.endsAt) > now ? 'upcoming' : 'ended';
}

export interface MaintenanceGroups<W> {
  /** Soonest to end first. */
  active: W[];
  /** Soonest to start first. */
  upcoming: W[];
  /** Next occurrence first. */
  recurring: W[];
  /** Most recently ended first. */
  ended: W[];
}

/** Splits windows by where they stand at `now`, each group in the order people look for. */
export function groupWindows<W extends Timed & { name: string }>(items: readonly W[], now: number): MaintenanceGroups<W> {
  const groups: MaintenanceGroups<W> = { active: [], upcoming: [], recurring: [], ended: [] };
  for (const w of items) groups[windowState(w, now)].push(w);
  const by = (key: (w: W) => number, desc = false) => (a: W, b: W) => (desc ? key(b) - key(a) : key(a) - key(b)) || a.name.localeCompare(b.name);
  const nextStart = (w: W) => ms(nextOccurrence(w, now)?.startsAt) || Infinity;
  groups.active.sort(by((w) => inEffectUntil(w, now) ?? Infinity));
  groups.upcoming.sort(by((w) => ms(w.startsAt)));
  groups.recurring.sort(by(nextStart));
  groups.ended.sort(by((w) => ms(w.endsAt), true));
  return groups;
}

/** For a service's page: until when maintenance covers it now (the latest end of the windows in effect), and which. */
export function serviceMaintenance<W extends Timed & { name: string }>(items: readonly W[], now: number): { until: number; names: string[] } | null {
  const active = items.map((w) => ({ w, until: inEffectUntil(w, now) })).filter((a): a is { w: W; until: number } => a.until !== null);
  if (!active.length) return null;
  return { until: Math.max(...active.map((a) => a.until)), names: active.map((a) => a.w.name) };
}

type Person = Pick<User, 'role' | 'teamIds'>;

/** Whether the person may plan maintenance at all: admins, and responders in a team. */
export function canPlanMaintenance(user: Person): boolean {
  return user.role === 'admin' || (user.role === 'responder' && user.teamIds.length > 0);
}

/**
 * Whether the person may change or delete a window, by the server's rule: admins any,
 * responders one whose services all belong to their teams. `teamOf` answers from the
 * services list; a service it doesn't know counts as not theirs (the server decides).
 */
export function canEditWindow(user: Person, w: Pick<MaintenanceWindow, 'serviceIds'>, teamOf: (serviceId: string) => string | undefined): boolean {
  if (user.role === 'admin') return true;
  if (user.role !== 'responder' || w.serviceIds === null || !w.serviceIds.length) return false;
  return w.serviceIds.every((id) => {
    const team = teamOf(id);
    return team !== undefined && user.teamIds.includes(team);
  });
}

/** The services a person may put in a window, keeping those already chosen so editing doesn't drop them. */
export function selectableServices<S extends { id: string; teamId: string }>(user: Person, services: readonly S[], chosen: readonly string[]): S[] {
  if (user.role === 'admin') return [...services];
  return services.filter((s) => user.teamIds.includes(s.teamId) || chosen.includes(s.id));
}
