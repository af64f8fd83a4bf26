import type { CreateShadow, Shadow } from '@operable/shared';
import type { z } from 'zod';
import { recordAudit } from '../audit/index.js';
import { requireRole } from '../lib/authorize.js';
import type { Ctx } from '../lib/context.js';
import { invalid, notFound } from '../lib/errors.js';
import { deleteShadow as deleteShadowRow, findScheduleRows, findShadows, insertShadow, type ShadowRow } from './repository.js';
import { existingUserIds, userNames } from '../auth/index.js';
import { lockEditable } from './schedules.js';

/** Shadows get copies of a schedule's pages while they learn; they are never the one paged. */
export async function listShadows(ctx: Ctx, scheduleId: string): Promise<Shadow[]> {
  requireRole(ctx.actor, 'viewer');
  if (!(await findScheduleRows(ctx.db, [scheduleId])).length) throw notFound('Schedule', scheduleId);
  const rows = await findShadows(ctx.db, [scheduleId]);
  return views(ctx, rows);
}

export async function createShadow(ctx: Ctx, scheduleId: string, input: z.output<typeof CreateShadow>): Promise<Shadow> {
  await lockEditable(ctx, scheduleId);
  if (input.end && new Date(input.end) <= new Date(input.start)) throw invalid([{ field: 'end', message: 'Must be after `start`' }]);
  if (input.shadowedUserId === input.userId) throw invalid([{ field: 'shadowedUserId', message: 'Someone cannot shadow themselves' }]);
  const known = await existingUserIds(ctx.db, [input.userId, ...(input.shadowedUserId ? [input.shadowedUserId] : [])]);
  if (!known.has(input.userId)) throw invalid([{ field: 'userId', message: `No user ${input.userId}` }]);
  if (input.shadowedUserId && !known.has(input.shadowedUserId)) throw invalid([{ field: 'shadowedUserId', message: `No user ${input.shadowedUserId}` }]);
  const row = await insertShadow(ctx.db, {
    schedule_id: scheduleId,
    user_id: input.userId,
    shadowed_user_id: input.shadowedUserId,
    start_at: new Date(input.start),
    end_at: input.end ? new Date(input.end) : null,
    created_at: ctx.clock.now(),
  });
  const [view] = await views(ctx, [row]);
  await recordAudit(ctx, { action: 'schedule.shadow.create', entityType: 'schedule', entityId: scheduleId, after: view });
  return view!;
}

export async function deleteShadow(ctx: Ctx, scheduleId: string, shadowId: string): Promise<void> {
  await lockEditable(ctx, scheduleId);
  const row = await deleteShadowRow(ctx.db, scheduleId, shadowId);
  if (!row) throw notFound('Shadow', shadowId);
  const [view] = await views(ctx, [row]);
  await recordAudit(ctx, { action: 'schedule.shadow.delete', entityType: 'schedule', entityId: scheduleId, before: view });
}

async function views(ctx: Ctx, rows: ShadowRow[]): Promise<Shadow[]> {
  const names = await userNames(ctx.db, rows.flatMap((r) => [r.user_id, ...(r.shadowed_user_id ? [r.shadowed_user_id] : [])]));
  const person = (id: string) => ({ id, name: names.get(id) ?? 'Deleted user' });
  return rows.map((r) => ({
    id: r.id,
    scheduleId: r.schedule_id,
    user: person(r.user_id),
    shadowed: r.shadowed_user_id ? person(r.shadowed_user_id) : null,
    start: r.start_at.toISOString(),
    end: r.end_at?.toISOString() ?? null,
    createdAt: r.created_at.toISOString(),
  }));
}
