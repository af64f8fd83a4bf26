import type { HandoffNote } from '@operable/shared';
import { requireRole } from '../lib/authorize.js';
import type { Ctx } from '../lib/context.js';
import { conflict, forbidden, notFound } from '../lib/errors.js';
import { mergeSamePerson, scheduleLines, type Role, type ScheduleSpec, type Span } from './oncall.js';
import { findHandoffNote, loadSchedules, upsertHandoffNote } from './repository.js';

const DAY = 86_400_000;
/** Shifts longer than this are seen only this far back and ahead (notes key on the visible start). */
const HORIZON = 45 * DAY;

/** The stretch (same person, back to back) of `userId` on call for a role at `at`, if any. */
export function shiftOf(spec: ScheduleSpec, role: Role, userId: string, at: number): Span | undefined {
  const line = mergeSamePerson(scheduleLines(spec, at - HORIZON, at + HORIZON).final[role]);
  return line.find((s) => s.userId === userId && s.start <= at && at < s.end);
}

/** The signed-in person's notes for their current shift, for whoever comes next. */
export async function getHandoffNote(ctx: Ctx, scheduleId: string, role: Role): Promise<HandoffNote> {
  const { shift } = await currentShift(ctx, scheduleId, role);
  const note = await findHandoffNote(ctx.db, scheduleId, role, ctx.actor.userId!, new Date(shift.start));
  return view(scheduleId, role, shift, note?.body ?? '', note?.updated_at ?? null);
}

export async function saveHandoffNote(ctx: Ctx, scheduleId: string, input: { role: Role; body: string }): Promise<HandoffNote> {
  const { shift } = await currentShift(ctx, scheduleId, input.role);
  const now = ctx.clock.now();
  await upsertHandoffNote(ctx.db, { schedule_id: scheduleId, role: input.role, user_id: ctx.actor.userId!, shift_start: new Date(shift.start), body: input.body, updated_at: now });
  return view(scheduleId, input.role, shift, input.body, now);
}

async function currentShift(ctx: Ctx, scheduleId: string, role: Role): Promise<{ shift: Span }> {
  requireRole(ctx.actor, 'responder');
  if (!ctx.actor.userId) throw forbidden('Handoff notes belong to a person');
  const now = ctx.clock.now().getTime();
  const [schedule] = await loadSchedules(ctx.db, [scheduleId], new Date(now - HORIZON), new Date(now + HORIZON));
  if (!schedule) throw notFound('Schedule', scheduleId);
  const shift = shiftOf(schedule.spec, role, ctx.actor.userId, now);
  if (!shift) throw conflict(`You are not on call as ${role} on this schedule now`);
  return { shift };
}

function view(scheduleId: string, role: Role, shift: Span, body: string, updatedAt: Date | null): HandoffNote {
  return {
    scheduleId,
    role,
    shiftStart: new Date(shift.start).toISOString(),
    shiftEnd: new Date(shift.end).toISOString(),
    body,
    updatedAt: updatedAt?.toISOString() ?? null,
  };
}
