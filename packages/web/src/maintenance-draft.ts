import type { MaintenanceWindow, MaintenanceWindowInput } from '@operable/shared';
import { fromLocalInput, toLocalInput } from './zoned-time';

/**
 * The maintenance form's editable state and its translation to and from the API.
 * Pure, so the presets and the checks before sending are unit-tested.
 */

export type MaintenanceKind = MaintenanceWindow['kind'];

export interface MaintenanceDraft {
  name: string;
  /** Every service, present and future (admins only). */
  allServices: boolean;
  serviceIds: string[];
  kind: MaintenanceKind;
  /** One-off: <input type="datetime-local"> values, read in the viewer's zone. */
  startsAt: string;
  endsAt: string;
  /**
   * The instants behind startsAt and endsAt when a preset or the saved window filled
   * them in. They are sent as long as the inputs still show them, so a saved window
   * keeps its seconds and an hour that repeats at a DST change keeps its occurrence.
   */
  exact: { startsAt: string | null; endsAt: string | null };
  /** Recurring: local start time and days in timeZone, minutes as typed. */
  timeZone: string;
  days: number[];
  start: string;
  durationMinutes: string;
}

const MINUTE = 60_000;

/**
 * The longest window, a week: the contract's MAX_MAINTENANCE_MINUTES (the test checks
 * they agree). Importing it as a value would bring zod's schemas into the bundle.
 */
export const MAX_MAINTENANCE_MINUTES = 7 * 24 * 60;

/** The quick choices for "we deploy now", in minutes. */
export const PRESET_MINUTES = [30, 60, 120] as const;

/** A one-off span from `now` lasting `minutes`, as the form's fields. */
export function presetSpan(now: number, minutes: number, zone: string): Pick<MaintenanceDraft, 'startsAt' | 'endsAt' | 'exact'> {
  const end = now + minutes * MINUTE;
  return {
    startsAt: toLocalInput(now, zone),
    endsAt: toLocalInput(end, zone),
    exact: { startsAt: new Date(now).toISOString(), endsAt: new Date(end).toISOString() },
  };
}

/** A new window: one-off, from now for an hour; the recurring fields ready with a nightly default. */
export function newDraft(now: number, zone: string, serviceIds: string[] = []): MaintenanceDraft {
  return {
    name: '',
    allServices: false,
    serviceIds: [...new Set(serviceIds)],
    kind: 'once',
    ...presetSpan(now, 60, zone),
    timeZone: zone,
    days: [1, 2, 3, 4, 5],
    start: '02:00',
    durationMinutes: '30',
  };
}

/** A saved window in the form; the other kind's fields keep their defaults, should the kind be changed. */
export function draftFromWindow(w: MaintenanceWindow, zone: string, now: number): MaintenanceDraft {
  const draft: MaintenanceDraft = { ...newDraft(now, zone, w.serviceIds ?? []), name: w.name, allServices: w.serviceIds === null, kind: w.kind };
  if (w.kind === 'once' && w.startsAt && w.endsAt) {
    draft.startsAt = toLocalInput(Date.parse(w.startsAt), zone);
    draft.endsAt = toLocalInput(Date.parse(w.endsAt), zone);
    draft.exact = { startsAt: w.startsAt, endsAt: w.endsAt };
  }
  if (w.kind === 'recurring') {
    draft.timeZone = w.timeZone ?? zone;
    draft.days = w.days ? [...w.days] : draft.days;
    draft.start = w.start ?? draft.start;
    draft.durationMinutes = w.durationMinutes === null ? draft.durationMinutes : String(w.durationMinutes);
  }
  return draft;
}

/** The instant an input shows: the exact one behind it if it still shows that, else read in the zone. */
function instantOf(input: string, exact: string | null, zone: string): number | null {
  if (exact && toLocalInput(Date.parse(exact), zone) === input) return Date.parse(exact);
  return fromLocalInput(input, zone);
}

/** The one-off span the form shows (epoch ms, and its length in whole minutes), or null while it is incomplete or backwards. */
export function draftSpan(d: MaintenanceDraft, zone: string): { start: number; end: number; minutes: number } | null {
  const start = instantOf(d.startsAt, d.exact.startsAt, zone);
  const end = instantOf(d.endsAt, d.exact.endsAt, zone);
  return start === null || end === null || end <= start ? null : { start, end, minutes: Math.round((end - start) / MINUTE) };
}

export type DraftResult = { ok: true; input: MaintenanceWindowInput } | { ok: false; problem: string };

/** The request body, or a problem the person can fix before sending. */
export function readDraft(d: MaintenanceDraft, zone: string): DraftResult {
  const fail = (problem: string): DraftResult => ({ ok: false, problem });
  const name = d.name.trim();
  if (!name) return fail('Give the maintenance window a name.');
  if (!d.allServices && !d.serviceIds.length) return fail('Choose at least one service.');
  const serviceIds = d.allServices ? null : [...new Set(d.serviceIds)];

  if (d.kind === 'once') {
    const s = instantOf(d.startsAt, d.exact.startsAt, zone);
    const e = instantOf(d.endsAt, d.exact.endsAt, zone);
    if (s === null || e === null) return fail('Fill in both the start and the end.');
    if (e <= s) return fail('The end must be after the start.');
    if (e - s > MAX_MAINTENANCE_MINUTES * MINUTE) return fail('A maintenance window lasts at most a week.');
    return { ok: true, input: { kind: 'once', name, serviceIds, startsAt: new Date(s).toISOString(), endsAt: new Date(e).toISOString() } };
  }

  const days = [...new Set(d.days)].sort((a, b) => a - b);
  if (!days.length) return fail('Choose at least one day.');
  if (!/^\d{2}:\d{2}$/.test(d.start)) return fail('Choose a start time.');
  const duration = Number(d.durationMinutes);
  if (!d.durationMinutes.trim() || !Number.isInteger(duration) || duration < 1 || duration > MAX_MAINTENANCE_MINUTES) {
    return fail(`The duration must be a whole number of minutes from 1 to ${MAX_MAINTENANCE_MINUTES} (a week).`);
  }
  return { ok: true, input: { kind: 'recurring', name, serviceIds, timeZone: d.timeZone, days, start: d.start, durationMinutes: duration } };
}
