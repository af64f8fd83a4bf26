import type { OnCallEntry, OnCallList, Override, ScheduleShifts, Shift } from '@operable/shared';
import type { Db } from '../db/index.js';
import { requireRole } from '../lib/authorize.js';
import type { Ctx } from '../lib/context.js';
import { invalid, notFound } from '../lib/errors.js';
import { mergeSamePerson, scheduleLines, type Role, type Span } from './oncall.js';
import {
  findOverrides,
  loadSchedules,
  policyOfService,
  scheduleIdsOfPolicy,
  type LoadedSchedule,
  type OverrideRow,
} from './repository.js';
import { userNames } from '../auth/index.js';

const DAY = 86_400_000;
/** How far around an instant "who is on call now" looks to tell when the shift started and ends. */
const SPAN_HORIZON = 45 * DAY;
const MAX_RANGE_DAYS = 400;

export async function getScheduleShifts(ctx: Ctx, id: string, range: { from: string; to: string }): Promise<ScheduleShifts> {
  requireRole(ctx.actor, 'viewer');
  const from = new Date(range.from);
  const to = new Date(range.to);
  if (to <= from) throw invalid([{ field: 'to', message: 'Must be after `from`' }]);
  if (to.getTime() - from.getTime() > MAX_RANGE_DAYS * DAY) throw invalid([{ field: 'to', message: `At most ${MAX_RANGE_DAYS} days after \`from\`` }]);
  const [schedule] = await loadSchedules(ctx.db, [id], from, to);
  if (!schedule) throw notFound('Schedule', id);
  const lines = scheduleLines(schedule.spec, from.getTime(), to.getTime());
  const overrides = await findOverrides(ctx.db, [id], from, to);
  const names = await userNames(ctx.db, [
    ...lines.layers.flatMap((l) => l.spans.map((s) => s.userId)),
    ...overrides.map((o) => o.user_id),
  ]);
  const shift = (s: Span) => toShift(s, names);
  return {
    scheduleId: id,
    timeZone: schedule.row.time_zone,
    from: from.toISOString(),
    to: to.toISOString(),
    layers: lines.layers.map((l) => ({
      id: l.id,
      name: schedule.layers.find((x) => x.id === l.id)!.name,
      role: l.role,
      shifts: l.spans.map(shift),
    })),
    overrides: overrides.map((o) => overrideView(o, names)),
    final: { primary: lines.final.primary.map(shift), secondary: lines.final.secondary.map(shift) },
    gaps: (['primary', 'secondary'] as const).flatMap((role) =>
      // A role no layer fills is not a gap: most schedules have no secondary.
      schedule.spec.layers.some((l) => l.role === role)
        ? lines.gaps[role].map((g) => ({ role, start: new Date(g.start).toISOString(), end: new Date(g.end).toISOString() }))
        : [],
    ),
  };
}

/**
 * Who is on call at an instant (or every shift over the next weeks), for one
 * schedule, the schedules a service's policy pages, those a policy pages, or all.
 */
export async function whoIsOnCall(
  ctx: Ctx,
  query: { scheduleId?: string; serviceId?: string; policyId?: string; at?: string; weeks?: number },
): Promise<OnCallList> {
  requireRole(ctx.actor, 'viewer');
  const at = query.at ? new Date(query.at) : ctx.clock.now();
  const ids = await scheduleScope(ctx.db, query);
  const from = new Date(at.getTime() - SPAN_HORIZON);
  const to = new Date(at.getTime() + (query.weeks ? query.weeks * 7 * DAY : 0) + SPAN_HORIZON);
  const schedules = await loadSchedules(ctx.db, ids, from, to);
  const entries: { schedule: LoadedSchedule; span: Span }[] = [];
  for (const schedule of schedules) {
    const lines = scheduleLines(schedule.spec, from.getTime(), to.getTime());
    for (const role of ['primary', 'secondary'] as Role[]) {
      const line = mergeSamePerson(lines.final[role]);
      const end = query.weeks ? at.getTime() + query.weeks * 7 * DAY : at.getTime() + 1;
      for (const span of line) if (span.end > at.getTime() && span.start < end) entries.push({ schedule, span });
    }
  }
  const names = await userNames(ctx.db, entries.map((e) => e.span.userId));
  return {
    at: at.toISOString(),
    items: entries
      .sort((a, b) => a.schedule.row.name.localeCompare(b.schedule.row.name) || a.span.role.localeCompare(b.span.role) || a.span.start - b.span.start)
      .map(({ schedule, span }): OnCallEntry => ({
        schedule: { id: schedule.row.id, name: schedule.row.name, timeZone: schedule.row.time_zone },
        role: span.role,
        user: { id: span.userId, name: names.get(span.userId) ?? 'Deleted user' },
        start: new Date(span.start).toISOString(),
        end: new Date(span.end).toISOString(),
        ackTargetMinutes: span.role === 'primary' ? schedule.row.primary_ack_minutes : schedule.row.secondary_ack_minutes,
      })),
  };
}

async function scheduleScope(db: Db, query: { scheduleId?: string; serviceId?: string; policyId?: string }): Promise<string[] | undefined> {
  if (query.scheduleId) return [query.scheduleId];
  let policyId = query.policyId;
  if (query.serviceId) {
    const policy = await policyOfService(db, query.serviceId);
    if (policy === undefined) throw notFound('Service', query.serviceId);
    if (policy === null) return [];
    policyId = policy;
  }
  return policyId ? scheduleIdsOfPolicy(db, policyId) : undefined;
}

export function toShift(s: Span, names: Map<string, string>): Shift {
  return {
    user: { id: s.userId, name: names.get(s.userId) ?? 'Deleted user' },
    role: s.role,
    start: new Date(s.start).toISOString(),
    end: new Date(s.end).toISOString(),
    layerId: s.layerId,
    overrideId: s.overrideId,
  };
}

export function overrideView(o: OverrideRow, names: Map<string, string>): Override {
  return {
    id: o.id,
    scheduleId: o.schedule_id,
    role: o.role,
    user: { id: o.user_id, name: names.get(o.user_id) ?? 'Deleted user' },
    start: o.start_at.toISOString(),
    end: o.end_at.toISOString(),
    reason: o.reason,
    source: o.source,
    createdBy: o.created_by,
    createdAt: o.created_at.toISOString(),
  };
}
