import type { CreateSchedule, Schedule, UpdateSchedule } from '@operable/shared';
import type { z } from 'zod';
import { recordAudit } from '../audit/index.js';
import type { Db } from '../db/index.js';
import { requireRole } from '../lib/authorize.js';
import type { Actor, Ctx } from '../lib/context.js';
import { conflict, forbidden, invalid, notFound } from '../lib/errors.js';
import {
  deleteScheduleRow,
  findLayers,
  findScheduleByName,
  findScheduleRows,
  insertSchedule,
  lockScheduleRow,
  policiesUsingSchedule,
  replaceLayers,
  updateScheduleRow,
  type NewLayer,
  type ScheduleRow,
} from './repository.js';
import { teamNames } from '../catalog/index.js';
import { existingUserIds, userNames } from '../auth/index.js';

type LayerInput = z.output<typeof CreateSchedule>['layers'][number];

export async function listSchedules(ctx: Ctx): Promise<Schedule[]> {
  requireRole(ctx.actor, 'viewer');
  return toViews(ctx.db, await findScheduleRows(ctx.db));
}

export async function getSchedule(ctx: Ctx, id: string): Promise<Schedule> {
  requireRole(ctx.actor, 'viewer');
  const [view] = await toViews(ctx.db, await findScheduleRows(ctx.db, [id]));
  if (!view) throw notFound('Schedule', id);
  return view;
}

export async function createSchedule(ctx: Ctx, input: z.output<typeof CreateSchedule>): Promise<Schedule> {
  requireScheduleEditor(ctx.actor, input.teamId);
  await requireTeam(ctx.db, input.teamId);
  if (await findScheduleByName(ctx.db, input.name)) throw nameTaken(input.name);
  const layers = await checkLayers(ctx.db, input.layers);
  const now = ctx.clock.now();
  const id = await insertSchedule(ctx.db, {
    name: input.name,
    description: input.description,
    team_id: input.teamId,
    time_zone: input.timeZone,
    primary_ack_minutes: input.primaryAckMinutes,
    secondary_ack_minutes: input.secondaryAckMinutes,
    created_at: now,
    updated_at: now,
  });
  await replaceLayers(ctx.db, id, layers);
  const schedule = await getSchedule(ctx, id);
  await recordAudit(ctx, { action: 'schedule.create', entityType: 'schedule', entityId: id, after: schedule });
  return schedule;
}

export async function updateSchedule(ctx: Ctx, id: string, patch: z.output<typeof UpdateSchedule>): Promise<Schedule> {
  const row = await lockEditable(ctx, id);
  if (patch.teamId !== undefined && patch.teamId !== row.team_id) {
    requireScheduleEditor(ctx.actor, patch.teamId);
    await requireTeam(ctx.db, patch.teamId);
  }
  if (patch.name && patch.name.toLowerCase() !== row.name.toLowerCase() && (await findScheduleByName(ctx.db, patch.name))) {
    throw nameTaken(patch.name);
  }
  const before = await getSchedule(ctx, id);
  if (patch.layers) await replaceLayers(ctx.db, id, await checkLayers(ctx.db, patch.layers));
  await updateScheduleRow(ctx.db, id, {
    name: patch.name,
    description: patch.description,
    team_id: patch.teamId,
    time_zone: patch.timeZone,
    primary_ack_minutes: patch.primaryAckMinutes,
    secondary_ack_minutes: patch.secondaryAckMinutes,
    updated_at: ctx.clock.now(),
  });
  const after = await getSchedule(ctx, id);
  await recordAudit(ctx, { action: 'schedule.update', entityType: 'schedule', entityId: id, before, after });
  return after;
}

/** A schedule that escalation policies page through cannot go: those steps would silently reach nobody. */
export async function deleteSchedule(ctx: Ctx, id: string): Promise<void> {
  await lockEditable(ctx, id);
  const policies = await policiesUsingSchedule(ctx.db, id);
  if (policies.length) {
    throw conflict(`Escalation policies still page this schedule: ${policies.map((p) => p.name).join(', ')}. Change them first.`, { policies });
  }
  const before = await getSchedule(ctx, id);
  await deleteScheduleRow(ctx.db, id);
  await recordAudit(ctx, { action: 'schedule.delete', entityType: 'schedule', entityId: id, before });
}

/** Locks a schedule for a change by someone allowed to edit it. */
export async function lockEditable(ctx: Ctx, id: string): Promise<ScheduleRow> {
  requireRole(ctx.actor, 'responder');
  const row = await lockScheduleRow(ctx.db, id);
  if (!row) throw notFound('Schedule', id);
  requireScheduleEditor(ctx.actor, row.team_id);
  return row;
}

/** Admins edit every schedule; responders those of their own teams; a schedule of no team is admins' only. */
export function requireScheduleEditor(actor: Actor, teamId: string | null): void {
  requireRole(actor, 'responder');
  if (actor.role === 'admin') return;
  if (teamId === null) throw forbidden('Only admins may change schedules that belong to no team');
  if (!actor.teamIds.includes(teamId)) throw forbidden('Responders may change only their own teams’ schedules');
}

async function checkLayers(db: Db, layers: readonly LayerInput[]): Promise<NewLayer[]> {
  const known = await existingUserIds(db, layers.flatMap((l) => l.participantIds));
  const problems = layers.flatMap((l, i) =>
    l.participantIds.flatMap((userId, j) => (known.has(userId) ? [] : [{ field: `layers.${i}.participantIds.${j}`, message: `No user ${userId}` }])),
  );
  if (problems.length) throw invalid(problems);
  return layers.map((l, i) => ({
    name: l.name ?? `Layer ${i + 1}`,
    role: l.role,
    participant_ids: l.participantIds,
    shift_unit: l.shiftUnit,
    shift_length: l.shiftLength,
    handoff_weekday: l.handoffWeekday,
    handoff_time: l.handoffTime,
    start_date: l.startDate,
    restriction: l.restriction,
  }));
}

async function requireTeam(db: Db, teamId: string | null): Promise<void> {
  if (teamId === null) return;
  if (!(await teamNames(db, [teamId])).size) throw invalid([{ field: 'teamId', message: `No team ${teamId}` }]);
}

function nameTaken(name: string) {
  return conflict(`A schedule named "${name}" already exists`, { fields: [{ field: 'name', message: 'Already in use' }] });
}

async function toViews(db: Db, rows: ScheduleRow[]): Promise<Schedule[]> {
  const layers = await findLayers(db, rows.map((r) => r.id));
  const names = await userNames(db, layers.flatMap((l) => l.participant_ids));
  const teams = await teamNames(db, rows.map((r) => r.team_id));
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    description: r.description,
    teamId: r.team_id,
    teamName: r.team_id ? (teams.get(r.team_id) ?? null) : null,
    timeZone: r.time_zone,
    primaryAckMinutes: r.primary_ack_minutes,
    secondaryAckMinutes: r.secondary_ack_minutes,
    layers: layers
      .filter((l) => l.schedule_id === r.id)
      .map((l) => ({
        id: l.id,
        name: l.name,
        position: l.position,
        role: l.role,
        participants: l.participant_ids.map((id) => ({ id, name: names.get(id) ?? 'Deleted user' })),
        shiftUnit: l.shift_unit,
        shiftLength: l.shift_length,
        handoffWeekday: l.handoff_weekday,
        handoffTime: l.handoff_time,
        startDate: l.start_date,
        restriction: (l.restriction as Schedule['layers'][number]['restriction']) ?? null,
      })),
    createdAt: r.created_at.toISOString(),
    updatedAt: r.updated_at.toISOString(),
  }));
}
