import type { CreateSwapRequest, SwapRequest } from '@operable/shared';
import type { z } from 'zod';
import { recordAudit } from '../audit/index.js';
import { requireRole } from '../lib/authorize.js';
import type { Ctx } from '../lib/context.js';
import { conflict, forbidden, invalid, notFound } from '../lib/errors.js';
import { sendNotice } from '../notify/index.js';
import { scheduleLines } from './oncall.js';
import { decideSwap, findScheduleRows, findSwaps, insertOverrides, insertSwap, loadSchedules, type SwapRow } from './repository.js';
import { existingUserIds, userNames } from '../auth/index.js';

/**
 * Swap requests: the person on call asks someone to cover a span of their shift.
 * Accepting turns it into an override; both sides hear of every step.
 */

export async function listSwapRequests(ctx: Ctx): Promise<SwapRequest[]> {
  requireRole(ctx.actor, 'viewer');
  if (!ctx.actor.userId) return [];
  return views(ctx, await findSwaps(ctx.db, { userId: ctx.actor.userId }));
}

export async function requestSwap(ctx: Ctx, scheduleId: string, input: z.output<typeof CreateSwapRequest>): Promise<SwapRequest> {
  requireRole(ctx.actor, 'responder');
  const requester = ctx.actor.userId;
  if (!requester) throw forbidden('Only a person can ask for a swap');
  const start = new Date(input.start);
  const end = new Date(input.end);
  if (end <= start) throw invalid([{ field: 'end', message: 'Must be after `start`' }]);
  if (end <= ctx.clock.now()) throw invalid([{ field: 'end', message: 'The span is already over' }]);
  if (input.responderId === requester) throw invalid([{ field: 'responderId', message: 'Ask someone other than yourself' }]);
  if (!(await existingUserIds(ctx.db, [input.responderId])).has(input.responderId)) {
    throw invalid([{ field: 'responderId', message: `No user ${input.responderId}` }]);
  }
  const [schedule] = await loadSchedules(ctx.db, [scheduleId], start, end);
  if (!schedule) throw notFound('Schedule', scheduleId);
  const line = scheduleLines(schedule.spec, start.getTime(), end.getTime()).final[input.role];
  const covered = line.filter((s) => s.userId === requester).reduce((sum, s) => sum + s.end - s.start, 0);
  if (covered !== end.getTime() - start.getTime()) {
    throw invalid([{ field: 'start', message: `You are not on call as ${input.role} for all of this span` }]);
  }
  const row = await insertSwap(ctx.db, {
    schedule_id: scheduleId,
    role: input.role,
    requester_id: requester,
    responder_id: input.responderId,
    start_at: start,
    end_at: end,
    message: input.message,
    status: 'pending',
    created_at: ctx.clock.now(),
  });
  const [view] = await views(ctx, [row]);
  await recordAudit(ctx, { action: 'schedule.swap.request', entityType: 'schedule', entityId: scheduleId, after: view });
  await notify(ctx, view!, [input.responderId], 'swap_request', `${view!.requester.name} asks you to cover ${view!.scheduleName}`);
  return view!;
}

export async function acceptSwap(ctx: Ctx, id: string): Promise<SwapRequest> {
  const row = await pending(ctx, id, 'responder');
  const [override] = await insertOverrides(ctx.db, [
    {
      schedule_id: row.schedule_id,
      role: row.role,
      user_id: row.responder_id,
      start_at: row.start_at,
      end_at: row.end_at,
      reason: row.message ? `Swap: ${row.message}` : 'Swap',
      source: 'swap',
      created_by: ctx.actor.userId,
      created_at: ctx.clock.now(),
    },
  ]);
  return decide(ctx, row, 'accepted', override!.id);
}

export async function declineSwap(ctx: Ctx, id: string): Promise<SwapRequest> {
  return decide(ctx, await pending(ctx, id, 'responder'), 'declined', null);
}

export async function cancelSwap(ctx: Ctx, id: string): Promise<SwapRequest> {
  return decide(ctx, await pending(ctx, id, 'requester'), 'cancelled', null);
}

async function pending(ctx: Ctx, id: string, side: 'requester' | 'responder'): Promise<SwapRow> {
  requireRole(ctx.actor, 'responder');
  const [row] = await findSwaps(ctx.db, { id });
  if (!row) throw notFound('Swap request', id);
  const who = side === 'requester' ? row.requester_id : row.responder_id;
  if (ctx.actor.userId !== who) throw forbidden(side === 'requester' ? 'Only the person who asked can cancel' : 'Only the person asked can answer');
  if (row.status !== 'pending') throw conflict(`This request is already ${row.status}`, { status: row.status });
  return row;
}

/** Conditional on still being pending, so two answers at once cannot both win. */
async function decide(ctx: Ctx, row: SwapRow, status: 'accepted' | 'declined' | 'cancelled', overrideId: string | null): Promise<SwapRequest> {
  const updated = await decideSwap(ctx.db, row.id, status, ctx.clock.now(), overrideId);
  if (!updated) throw conflict('This request was answered meanwhile');
  const [view] = await views(ctx, [updated]);
  await recordAudit(ctx, { action: `schedule.swap.${status === 'accepted' ? 'accept' : status === 'declined' ? 'decline' : 'cancel'}`, entityType: 'schedule', entityId: row.schedule_id, before: { status: 'pending' }, after: view });
  const actorName = status === 'cancelled' ? view!.requester.name : view!.responder.name;
  await notify(ctx, view!, [row.requester_id, row.responder_id], 'swap_decided', `${actorName} ${status} the swap on ${view!.scheduleName}`);
  return view!;
}

async function notify(ctx: Ctx, view: SwapRequest, userIds: string[], kind: string, title: string): Promise<void> {
  const text = [
    `${view.requester.name} → ${view.responder.name}, ${view.role} on ${view.scheduleName}`,
    `From ${view.start} to ${view.end} (UTC).`,
    view.message ? `Message: ${view.message}` : '',
    `Answer in Operable: ${ctx.settings.publicUrl.replace(/\/+$/, '')}/schedules/${view.scheduleId}`,
  ].filter(Boolean).join('\n');
  await sendNotice(ctx.db, { userIds, kind, title, text, body: { swapRequest: view }, now: ctx.clock.now(), traceId: ctx.requestId });
}

async function views(ctx: Ctx, rows: SwapRow[]): Promise<SwapRequest[]> {
  const names = await userNames(ctx.db, rows.flatMap((r) => [r.requester_id, r.responder_id]));
  const schedules = new Map((await findScheduleRows(ctx.db, [...new Set(rows.map((r) => r.schedule_id))])).map((s) => [s.id, s.name]));
  const person = (id: string) => ({ id, name: names.get(id) ?? 'Deleted user' });
  return rows.map((r) => ({
    id: r.id,
    scheduleId: r.schedule_id,
    scheduleName: schedules.get(r.schedule_id) ?? '',
    role: r.role,
    requester: person(r.requester_id),
    responder: person(r.responder_id),
    start: r.start_at.toISOString(),
    end: r.end_at.toISOString(),
    message: r.message,
    status: r.status,
    overrideId: r.override_id,
    decidedAt: r.decided_at?.toISOString() ?? null,
    createdAt: r.created_at.toISOString(),
  }));
}
