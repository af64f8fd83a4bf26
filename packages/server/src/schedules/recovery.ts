import type { RecoveryQuery, RecoveryTimeOff } from '@operable/shared';
import { recordAudit } from '../audit/index.js';
import { requireRole } from '../lib/authorize.js';
import type { Ctx } from '../lib/context.js';
import { conflict, forbidden, invalid, notFound } from '../lib/errors.js';
import { zoneNamed } from '../lib/wall-clock.js';
import { sendNotice } from '../notify/index.js';
import { scheduleLines } from './oncall.js';
import { deleteOverrides, findScheduleRows, loadSchedules } from './repository.js';
import {
  declineRecoveryRow,
  endOverrideAt,
  findOverridesById,
  findRecoveries,
  setRecoveryOverrides,
  userZones,
  type RecoveryListRow,
} from './recovery-repository.js';
import { dayBounds } from './recovery-rules.js';
import { coverCancelledText, dayLabel } from './recovery-text.js';

/**
 * Recovery time off as people and reports see it. Records are made by the engine
 * (`scanForRecovery`); here they are listed, and declined by the person they were
 * granted to.
 *
 * `taken` is what reports count as a recovery day actually rested: the record is
 * still granted, its day is over in the person's zone, and the on-call calculator
 * shows them on call nowhere (any schedule, either role) from the moment it was
 * granted to the end of that day. Operable knows nothing of other work, so it is
 * "off call", not "off work".
 */

export async function listRecovery(ctx: Ctx, query: RecoveryQuery): Promise<RecoveryTimeOff[]> {
  requireRole(ctx.actor, 'viewer');
  if (query.from && query.to && query.to < query.from) throw invalid([{ field: 'query.to', message: 'Must not be before `from`' }]);
  const rows = await findRecoveries(ctx.db, query);
  const taken = await takenRecoveries(ctx, rows);
  return rows.map((r) => recoveryView(r, taken.has(r.id)));
}

/**
 * The person turns their rest day down and is back on call for whatever of it is
 * still ahead: cover that has not started is removed and cover already running ends
 * now (the part served stays, as history of who was on call). The covering people
 * are told. A rest day that is over cannot be declined: reports would lie.
 */
export async function declineRecovery(ctx: Ctx, id: string): Promise<RecoveryTimeOff> {
  requireRole(ctx.actor, 'viewer');
  const [row] = await findRecoveries(ctx.db, { id });
  if (!row) throw notFound('Recovery time off', id);
  if (ctx.actor.userId !== row.user_id) throw forbidden('Only the person it was granted to can decline it');
  if (row.status !== 'granted') throw conflict('This recovery time off is already declined', { status: row.status });
  const now = ctx.clock.now();
  if (dayBounds(zoneNamed(row.time_zone), row.day).end <= now.getTime()) throw conflict('This rest day is over', { day: row.day });
  if (!(await declineRecoveryRow(ctx.db, id, now))) throw conflict('This recovery time off was declined meanwhile');

  const overrides = (await findOverridesById(ctx.db, row.override_ids)).filter((o) => o.end_at > now);
  const [future, running] = [overrides.filter((o) => o.start_at >= now), overrides.filter((o) => o.start_at < now)];
  await deleteOverrides(ctx.db, future.map((o) => o.id));
  for (const o of running) await endOverrideAt(ctx.db, o.id, now);
  const kept = row.override_ids.filter((oid) => !future.some((o) => o.id === oid));
  const updated = await setRecoveryOverrides(ctx.db, id, kept);
  const after = recoveryView({ ...row, ...updated }, false);
  const given = overrides.map((o) => ({ ...o, start_at: o.start_at < now ? now : o.start_at }));
  await recordAudit(ctx, {
    action: 'recovery.decline',
    entityType: 'recovery_time_off',
    entityId: id,
    before: recoveryView(row, false),
    after: { ...after, coverGivenBack: given.map((o) => ({ overrideId: o.id, scheduleId: o.schedule_id, userId: o.user_id, start: o.start_at.toISOString(), end: o.end_at.toISOString() })) },
  });

  const names = new Map((await findScheduleRows(ctx.db, [...new Set(given.map((o) => o.schedule_id))])).map((s) => [s.id, s.name]));
  const zones = await userZones(ctx.db, given.map((o) => o.user_id));
  for (const coverId of new Set(given.map((o) => o.user_id))) {
    const mine = given.filter((o) => o.user_id === coverId);
    await sendNotice(ctx.db, {
      userIds: [coverId],
      kind: 'recovery_cover_cancelled',
      title: `You no longer cover ${row.user_name} on ${dayLabel(row.day)}`,
      text: coverCancelledText({
        personName: row.user_name,
        day: row.day,
        zone: zones.get(coverId)?.timeZone ?? 'UTC',
        covers: mine.map((o) => ({ scheduleName: names.get(o.schedule_id) ?? 'a schedule', role: o.role, start: o.start_at.getTime(), end: o.end_at.getTime() })),
      }),
      body: { recoveryId: id, overrideIds: mine.map((o) => o.id) },
      now,
      traceId: ctx.requestId,
    });
  }
  ctx.log.event('RECOVERY_DECLINED', { recoveryId: id, userId: row.user_id, day: row.day, coverGivenBack: given.length });
  return after;
}

export function recoveryView(r: RecoveryListRow, taken: boolean): RecoveryTimeOff {
  return {
    id: r.id,
    user: { id: r.user_id, name: r.user_name },
    teamId: r.team_id,
    teamName: r.team_name,
    reason: r.reason,
    alertId: r.alert_id,
    day: r.day,
    timeZone: r.time_zone,
    status: r.status,
    overrideIds: r.override_ids,
    taken,
    createdAt: r.created_at.toISOString(),
    decidedAt: r.decided_at?.toISOString() ?? null,
  };
}

/** Ids of the granted records whose day is over with the person off call from the grant on. */
async function takenRecoveries(ctx: Ctx, rows: readonly RecoveryListRow[]): Promise<Set<string>> {
  const now = ctx.clock.now().getTime();
  const due = rows
    .filter((r) => r.status === 'granted')
    .map((r) => ({ r, day: dayBounds(zoneNamed(r.time_zone), r.day) }))
    .filter(({ day }) => day.end <= now);
  const taken = new Set<string>();
  if (!due.length) return taken;
  const from = Math.min(...due.map((d) => d.day.start));
  const to = Math.max(...due.map((d) => d.day.end));
  const schedules = await loadSchedules(ctx.db, undefined, new Date(from), new Date(to));
  for (const { r, day } of due) {
    const start = Math.max(day.start, r.created_at.getTime());
    const onCall =
      start < day.end &&
      schedules.some((s) => {
        const { final } = scheduleLines(s.spec, start, day.end);
        return [...final.primary, ...final.secondary].some((span) => span.userId === r.user_id);
      });
    if (!onCall) taken.add(r.id);
  }
  return taken;
}
