import { z } from 'zod';
import { ClockTime, Id, LocalDate, Name, TimeZone, Timestamp } from './common.js';

export const ScheduleRole = z.enum(['primary', 'secondary']);
export type ScheduleRole = z.infer<typeof ScheduleRole>;

/**
 * When a layer's rotation counts, in the schedule's time zone: weekdays only, business
 * hours, or a daily window for follow-the-sun. `end` at or before `start` crosses
 * midnight; `start` equal to `end` is the whole day.
 */
export const RestrictionWindow = z
  .object({
    days: z.array(z.number().int().min(1).max(7)).min(1).max(7).describe('ISO weekdays the window starts on, 1 = Monday'),
    start: ClockTime,
    end: ClockTime,
  })
  .strict();
export type RestrictionWindow = z.infer<typeof RestrictionWindow>;

export const ShiftUnit = z.enum(['hour', 'day', 'week']);
export type ShiftUnit = z.infer<typeof ShiftUnit>;

/**
 * Whether a rotation's handoffs stay at the same local times across DST changes (the
 * shift spanning a change is an hour shorter or longer) rather than every `length`
 * elapsed hours. True for days and weeks, and for hour lengths that repeat on a daily
 * pattern: those that divide a day (8 h: 08:00, 16:00, 00:00) or are whole days.
 * Others (5 h, 36 h) have no fixed local times to keep, so they keep their length.
 */
export function keepsLocalHandoffTimes(unit: ShiftUnit, length: number): boolean {
  return unit !== 'hour' || 24 % length === 0 || length % 24 === 0;
}

export const LayerInput = z
  .object({
    name: Name.optional().describe('Defaults to "Layer N"'),
    role: ScheduleRole.default('primary'),
    participantIds: z.array(Id).min(1).max(100).describe('People in rotation order; someone may appear twice'),
    shiftUnit: ShiftUnit.default('week'),
    shiftLength: z.number().int().min(1).max(365).default(1).describe('Shifts last this many units (e.g. 2 weeks, 12 hours). Hour lengths that divide a day or make whole days hand off at the same local times across DST; others (5 h, 36 h) count elapsed hours'),
    handoffWeekday: z.number().int().min(1).max(7).default(2).describe('ISO weekday of the handoff for weekly rotations; 2 = Tuesday'),
    handoffTime: ClockTime.default('10:00').describe('Local wall-clock time of each handoff, in the schedule’s zone'),
    startDate: LocalDate.describe('The rotation starts at the first handoff on or after this local date'),
    restriction: z.array(RestrictionWindow).min(1).max(14).nullable().default(null),
  })
  .strict();
export type LayerInput = z.input<typeof LayerInput>;

export const Person = z.object({ id: Id, name: z.string() });

export const Layer = z.object({
  id: Id,
  name: z.string(),
  position: z.number().int().describe('Higher layers win where they have someone on call'),
  role: ScheduleRole,
  participants: z.array(Person),
  shiftUnit: ShiftUnit,
  shiftLength: z.number().int(),
  handoffWeekday: z.number().int(),
  handoffTime: z.string(),
  startDate: z.string(),
  restriction: z.array(RestrictionWindow).nullable(),
});
export type Layer = z.infer<typeof Layer>;

export const Schedule = z.object({
  id: Id,
  name: z.string(),
  description: z.string(),
  teamId: Id.nullable(),
  teamName: z.string().nullable(),
  timeZone: z.string(),
  primaryAckMinutes: z.number().int(),
  secondaryAckMinutes: z.number().int(),
  layers: z.array(Layer),
  createdAt: Timestamp,
  updatedAt: Timestamp,
});
export type Schedule = z.infer<typeof Schedule>;

export const CreateSchedule = z
  .object({
    name: Name,
    description: z.string().max(2000).default(''),
    teamId: Id.nullable().default(null),
    timeZone: TimeZone,
    primaryAckMinutes: z.number().int().min(1).max(1440).default(5),
    secondaryAckMinutes: z.number().int().min(1).max(1440).default(30),
    layers: z.array(LayerInput).min(1).max(20).describe('Bottom first: a later layer wins over an earlier one'),
  })
  .strict();
export type CreateSchedule = z.input<typeof CreateSchedule>;

/** Layers, when given, replace the old ones as a whole. */
export const UpdateSchedule = z
  .object({
    name: Name.optional(),
    description: z.string().max(2000).optional(),
    teamId: Id.nullable().optional(),
    timeZone: TimeZone.optional(),
    primaryAckMinutes: z.number().int().min(1).max(1440).optional(),
    secondaryAckMinutes: z.number().int().min(1).max(1440).optional(),
    layers: z.array(LayerInput).min(1).max(20).optional(),
  })
  .strict();
export type UpdateSchedule = z.input<typeof UpdateSchedule>;

export const ScheduleList = z.object({ items: z.array(Schedule) });

export const Override = z.object({
  id: Id,
  scheduleId: Id,
  role: ScheduleRole,
  user: Person,
  start: Timestamp,
  end: Timestamp,
  reason: z.string(),
  source: z.enum(['manual', 'swap', 'recovery']),
  createdBy: z.string().nullable(),
  createdAt: Timestamp,
});
export type Override = z.infer<typeof Override>;

export const CreateOverride = z
  .object({
    role: ScheduleRole.default('primary'),
    userId: Id.describe('Who is on call instead during the span'),
    start: Timestamp,
    end: Timestamp,
    reason: z.string().max(500).default(''),
  })
  .strict();
export type CreateOverride = z.input<typeof CreateOverride>;

export const OverrideList = z.object({ items: z.array(Override) });

export const SwapStatus = z.enum(['pending', 'accepted', 'declined', 'cancelled']);
export const SwapRequest = z.object({
  id: Id,
  scheduleId: Id,
  scheduleName: z.string(),
  role: ScheduleRole,
  requester: Person,
  responder: Person,
  start: Timestamp,
  end: Timestamp,
  message: z.string(),
  status: SwapStatus,
  overrideId: Id.nullable(),
  decidedAt: Timestamp.nullable(),
  createdAt: Timestamp,
});
export type SwapRequest = z.infer<typeof SwapRequest>;

export const CreateSwapRequest = z
  .object({
    role: ScheduleRole.default('primary'),
    responderId: Id.describe('The person asked to cover the span'),
    start: Timestamp,
    end: Timestamp,
    message: z.string().max(1000).default(''),
  })
  .strict();
export type CreateSwapRequest = z.input<typeof CreateSwapRequest>;

export const SwapRequestList = z.object({ items: z.array(SwapRequest) });

export const Shadow = z.object({
  id: Id,
  scheduleId: Id,
  user: Person,
  shadowed: Person.nullable().describe('Only this person’s pages; null = every page of the schedule'),
  start: Timestamp,
  end: Timestamp.nullable(),
  createdAt: Timestamp,
});
export type Shadow = z.infer<typeof Shadow>;

export const CreateShadow = z
  .object({
    userId: Id,
    shadowedUserId: Id.nullable().default(null),
    start: Timestamp,
    end: Timestamp.nullable().default(null),
  })
  .strict();
export type CreateShadow = z.input<typeof CreateShadow>;

export const ShadowList = z.object({ items: z.array(Shadow) });

/** One stretch of someone on call. `layerId` is null for an override. */
export const Shift = z.object({
  user: Person,
  role: ScheduleRole,
  start: Timestamp,
  end: Timestamp,
  layerId: Id.nullable(),
  overrideId: Id.nullable(),
});
export type Shift = z.infer<typeof Shift>;

export const ScheduleShifts = z.object({
  scheduleId: Id,
  timeZone: z.string(),
  from: Timestamp,
  to: Timestamp,
  layers: z.array(z.object({ id: Id, name: z.string(), role: ScheduleRole, shifts: z.array(Shift) })),
  overrides: z.array(Override),
  final: z.object({ primary: z.array(Shift), secondary: z.array(Shift) }).describe('Who is actually paged, layers and overrides applied'),
  gaps: z.array(z.object({ role: ScheduleRole, start: Timestamp, end: Timestamp })).describe('Spans of the primary role with nobody on call'),
});
export type ScheduleShifts = z.infer<typeof ScheduleShifts>;

export const OnCallEntry = z.object({
  schedule: z.object({ id: Id, name: z.string(), timeZone: z.string() }),
  role: ScheduleRole,
  user: Person,
  start: Timestamp,
  end: Timestamp,
  ackTargetMinutes: z.number().int(),
});
export type OnCallEntry = z.infer<typeof OnCallEntry>;

export const OnCallList = z.object({ at: Timestamp, items: z.array(OnCallEntry) });
export type OnCallList = z.infer<typeof OnCallList>;

export const OnCallQuery = z
  .object({
    scheduleId: Id.optional(),
    serviceId: Id.optional(),
    policyId: Id.optional(),
    at: Timestamp.optional().describe('Default now'),
    weeks: z.coerce.number().int().min(1).max(26).optional().describe('List every shift from `at` over this many weeks instead of the instant'),
  })
  .strict();

export const ShiftsQuery = z
  .object({ from: Timestamp, to: Timestamp })
  .strict();

export const HandoffNote = z.object({
  scheduleId: Id,
  role: ScheduleRole,
  shiftStart: Timestamp,
  shiftEnd: Timestamp,
  body: z.string(),
  updatedAt: Timestamp.nullable(),
});
export type HandoffNote = z.infer<typeof HandoffNote>;

export const UpdateHandoffNote = z.object({ role: ScheduleRole.default('primary'), body: z.string().max(20_000) }).strict();
