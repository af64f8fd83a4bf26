import type { CreateOverride, Override } from '@operable/shared';
import type { z } from 'zod';
import { recordAudit } from '../audit/index.js';
import { requireRole } from '../lib/authorize.js';
import type { Ctx } from '../lib/context.js';
import { invalid, notFound } from '../lib/errors.js';
import { overrideView } from './oncall-views.js';
import { deleteOverrides, findOverride, findOverrides, findScheduleRows, insertOverrides } from './repository.js';
import { existingUserIds, userNames } from '../auth/index.js';
import { lockEditable } from './schedules.js';

const MAX_OVERRIDE_DAYS = 92;

export async function listOverrides(ctx: Ctx, scheduleId: string, range: { from: string; to: string }): Promise<Override[]> {
  requireRole(ctx.actor, 'viewer');
  if (!(await findScheduleRows(ctx.db, [scheduleId])).length) throw notFound('Schedule', scheduleId);
  const rows = await findOverrides(ctx.db, [scheduleId], new Date(range.from), new Date(range.to));
  const names = await userNames(ctx.db, rows.map((r) => r.user_id));
  return rows.map((r) => overrideView(r, names));
}

/** Someone covers [start, end) of a role; the newest override wins where several overlap. */
export async function createOverride(ctx: Ctx, scheduleId: string, input: z.output<typeof CreateOverride>): Promise<Override> {
  await lockEditable(ctx, scheduleId);
  const start = new Date(input.start);
  const end = new Date(input.end);
  if (end <= start) throw invalid([{ field: 'end', message: 'Must be after `start`' }]);
  if (end.getTime() - start.getTime() > MAX_OVERRIDE_DAYS * 86_400_000) throw invalid([{ field: 'end', message: `An override lasts at most ${MAX_OVERRIDE_DAYS} days` }]);
  if (end <= ctx.clock.now()) throw invalid([{ field: 'end', message: 'The span is already over' }]);
  if (!(await existingUserIds(ctx.db, [input.userId])).has(input.userId)) throw invalid([{ field: 'userId', message: `No user ${input.userId}` }]);
  const [row] = await insertOverrides(ctx.db, [
    {
      schedule_id: scheduleId,
      role: input.role,
      user_id: input.userId,
      start_at: start,
      end_at: end,
      reason: input.reason,
      source: 'manual',
      created_by: ctx.actor.userId,
      created_at: ctx.clock.now(),
    },
  ]);
  const view = overrideView(row!, await userNames(ctx.db, [input.userId]));
  await recordAudit(ctx, { action: 'schedule.override.create', entityType: 'schedule', entityId: scheduleId, after: view });
  return view;
}

export async function deleteOverride(ctx: Ctx, scheduleId: string, overrideId: string): Promise<void> {
  await lockEditable(ctx, scheduleId);
  const row = await findOverride(ctx.db, scheduleId, overrideId);
  if (!row) throw notFound('Override', overrideId);
  await deleteOverrides(ctx.db, [overrideId]);
  await recordAudit(ctx, {
    action: 'schedule.override.delete',
    entityType: 'schedule',
    entityId: scheduleId,
    before: overrideView(row, await userNames(ctx.db, [row.user_id])),
  });
}
