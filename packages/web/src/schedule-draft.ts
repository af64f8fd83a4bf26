import { keepsLocalHandoffTimes, type Layer, type LayerInput, type RestrictionWindow, type ScheduleRole, type ShiftUnit } from '@operable/shared';

/**
 * The schedule form's editable state and its translation to and from the API's
 * layers. Pure, so the rotation and restriction rules are unit-tested.
 */

export type Rotation = 'weekly' | 'daily' | 'hourly' | 'weeks' | 'days' | 'hours';

export const ROTATIONS: { value: Rotation; label: string }[] = [
  { value: 'weekly', label: 'Weekly' },
  { value: 'daily', label: 'Daily' },
  { value: 'hourly', label: 'Hourly' },
  { value: 'weeks', label: 'Every N weeks' },
  { value: 'days', label: 'Every N days' },
  { value: 'hours', label: 'Every N hours' },
];

export const WEEKDAY_NAMES = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];

export interface DraftParticipant {
  key: string;
  id: string;
  name: string;
}

export interface DraftWindow {
  key: string;
  days: number[];
  start: string;
  end: string;
}

export interface DraftLayer {
  key: string;
  name: string;
  role: ScheduleRole;
  participants: DraftParticipant[];
  rotation: Rotation;
  /** The N of "every N …", as typed. */
  length: string;
  handoffWeekday: number;
  handoffTime: string;
  startDate: string;
  /** Null: on call around the clock. */
  restriction: DraftWindow[] | null;
}

let counter = 0;
export const draftKey = () => `d${++counter}`;

export function emptyLayer(startDate: string, index = 0): DraftLayer {
  return {
    key: draftKey(),
    name: `Layer ${index + 1}`,
    role: 'primary',
    participants: [],
    rotation: 'weekly',
    length: '1',
    handoffWeekday: 2,
    handoffTime: '10:00',
    startDate,
    restriction: null,
  };
}

export function isCustom(rotation: Rotation): boolean {
  return rotation === 'weeks' || rotation === 'days' || rotation === 'hours';
}

export function unitOf(rotation: Rotation): ShiftUnit {
  if (rotation === 'weekly' || rotation === 'weeks') return 'week';
  if (rotation === 'daily' || rotation === 'days') return 'day';
  return 'hour';
}

function rotationOf(unit: ShiftUnit, length: number): Rotation {
  if (length === 1) return unit === 'week' ? 'weekly' : unit === 'day' ? 'daily' : 'hourly';
  return unit === 'week' ? 'weeks' : unit === 'day' ? 'days' : 'hours';
}

/**
 * What daylight-saving changes do to an hour rotation of this length (the server's
 * rule, from the shared contract); null for days and weeks, which always keep their
 * local times, and while the length typed is not a whole number.
 */
export function dstHint(d: Pick<DraftLayer, 'rotation' | 'length'>): string | null {
  if (unitOf(d.rotation) !== 'hour') return null;
  const length = isCustom(d.rotation) ? Number(d.length) : 1;
  if (!Number.isInteger(length) || length < 1) return null;
  return keepsLocalHandoffTimes('hour', length)
    ? 'Handoffs stay at the same local times across daylight-saving changes.'
    : 'Shifts keep their exact length in hours; handoff times move by an hour across daylight-saving changes.';
}

/** Ready-made restrictions; times are in the schedule's zone. */
export const RESTRICTION_PRESETS = {
  weekdays: (): DraftWindow[] => [{ key: draftKey(), days: [1, 2, 3, 4, 5], start: '00:00', end: '00:00' }],
  business: (): DraftWindow[] => [{ key: draftKey(), days: [1, 2, 3, 4, 5], start: '09:00', end: '17:00' }],
  /** Follow-the-sun: the same hours every day. */
  daily: (start: string, end: string): DraftWindow[] => [{ key: draftKey(), days: [1, 2, 3, 4, 5, 6, 7], start, end }],
};

/**
 * A secondary layer that follows the primary one shift behind: whoever was primary
 * in the previous shift is secondary now. Shift k's primary is participants[k % n],
 * so the secondary list is the primary list rotated right by one.
 */
export function previousPrimaryLayer(primary: DraftLayer): DraftLayer {
  const p = primary.participants;
  const rotated = p.length ? [p[p.length - 1]!, ...p.slice(0, -1)] : [];
  return {
    ...primary,
    key: draftKey(),
    name: `${primary.name} (previous primary)`,
    role: 'secondary',
    participants: rotated.map((x) => ({ ...x, key: draftKey() })),
    restriction: primary.restriction?.map((w) => ({ ...w, key: draftKey() })) ?? null,
  };
}

export function moveItem<T>(list: readonly T[], from: number, to: number): T[] {
  if (to < 0 || to >= list.length || from === to) return [...list];
  const next = [...list];
  const [item] = next.splice(from, 1);
  next.splice(to, 0, item!);
  return next;
}

export function toLayerInput(d: DraftLayer): LayerInput {
  const unit = unitOf(d.rotation);
  const restriction: RestrictionWindow[] | null = d.restriction
    ? d.restriction.map((w) => ({ days: [...w.days].sort((a, b) => a - b), start: w.start, end: w.end }))
    : null;
  return {
    name: d.name.trim() || undefined,
    role: d.role,
    participantIds: d.participants.map((p) => p.id),
    shiftUnit: unit,
    shiftLength: isCustom(d.rotation) ? Number(d.length) || 0 : 1,
    handoffWeekday: d.handoffWeekday,
    handoffTime: d.handoffTime,
    startDate: d.startDate,
    restriction,
  };
}

export function fromLayer(l: Layer): DraftLayer {
  return {
    key: draftKey(),
    name: l.name,
    role: l.role,
    participants: l.participants.map((p) => ({ key: draftKey(), id: p.id, name: p.name })),
    rotation: rotationOf(l.shiftUnit, l.shiftLength),
    length: String(l.shiftLength),
    handoffWeekday: l.handoffWeekday,
    handoffTime: l.handoffTime,
    startDate: l.startDate,
    restriction: l.restriction?.map((w) => ({ key: draftKey(), ...w })) ?? null,
  };
}

/** A problem the person can fix before sending, or null. */
export function layerProblem(d: DraftLayer, index: number): string | null {
  const n = `Layer ${index + 1}`;
  if (!d.participants.length) return `${n} has nobody in its rotation: add at least one person.`;
  if (!/^\d{4}-\d{2}-\d{2}$/.test(d.startDate)) return `${n} needs a start date.`;
  if (isCustom(d.rotation) && !(Number(d.length) >= 1)) return `${n}: shifts must last at least 1.`;
  if (d.restriction?.some((w) => !w.days.length)) return `${n}: every restriction window needs at least one day.`;
  return null;
}

const DAY_SHORT = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];

/** "Weekly, handing off Tuesday 10:00" / "Every 12 hours from 08:00". */
export function describeRotation(l: Pick<Layer, 'shiftUnit' | 'shiftLength' | 'handoffWeekday' | 'handoffTime'>): string {
  const every = l.shiftLength === 1 ? '' : `${l.shiftLength} `;
  if (l.shiftUnit === 'week') {
    const head = l.shiftLength === 1 ? 'Weekly' : `Every ${every}weeks`;
    return `${head}, handing off ${WEEKDAY_NAMES[l.handoffWeekday - 1] ?? ''} ${l.handoffTime}`;
  }
  if (l.shiftUnit === 'day') return `${l.shiftLength === 1 ? 'Daily' : `Every ${every}days`}, handing off at ${l.handoffTime}`;
  return `${l.shiftLength === 1 ? 'Hourly' : `Every ${every}hours`}, from ${l.handoffTime}`;
}

/** "Mon–Fri 09:00–17:00", "Every day 08:00–16:00", "Mon, Wed all day". */
export function describeWindow(w: Pick<RestrictionWindow, 'days' | 'start' | 'end'>): string {
  const days = [...w.days].sort((a, b) => a - b);
  const consecutive = days.every((d, i) => i === 0 || d === days[i - 1]! + 1);
  const dayText =
    days.length === 7 ? 'Every day' : consecutive && days.length > 2 ? `${DAY_SHORT[days[0]! - 1]}–${DAY_SHORT[days[days.length - 1]! - 1]}` : days.map((d) => DAY_SHORT[d - 1]).join(', ');
  const time = w.start === w.end ? 'all day' : `${w.start}–${w.end}`;
  return `${dayText} ${time}`;
}
