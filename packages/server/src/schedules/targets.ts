import type { Db } from '../db/index.js';
import { onCallAt, type Role } from './oncall.js';
import { findShadows, loadSchedules } from './repository.js';

export interface ScheduleReach {
  /** People on call for the asked roles, in schedule order. */
  onCall: { scheduleId: string; role: Role; userId: string; ackTargetMinutes: number }[];
  /** Shadows who get a copy; never counted as reached or awaited. */
  shadowUserIds: string[];
}

/**
 * Who an escalation step reaches through schedules at the moment it fires; the
 * calculator decides, nothing else. A schedule that no longer exists reaches nobody
 * (and the step is skipped like any step that reaches nobody).
 */
export async function reachSchedules(db: Db, asks: readonly { scheduleId: string; roles: readonly Role[] }[], at: Date): Promise<ScheduleReach> {
  if (!asks.length) return { onCall: [], shadowUserIds: [] };
  const ids = [...new Set(asks.map((a) => a.scheduleId))];
  const schedules = new Map((await loadSchedules(db, ids, at, new Date(at.getTime() + 1))).map((s) => [s.row.id, s]));
  const onCall: ScheduleReach['onCall'] = [];
  for (const ask of asks) {
    const schedule = schedules.get(ask.scheduleId);
    if (!schedule) continue;
    const now = onCallAt(schedule.spec, at.getTime());
    for (const role of ask.roles) {
      const span = now[role];
      if (!span) continue;
      const ackTargetMinutes = role === 'primary' ? schedule.row.primary_ack_minutes : schedule.row.secondary_ack_minutes;
      onCall.push({ scheduleId: ask.scheduleId, role, userId: span.userId, ackTargetMinutes });
    }
  }
  const paged = new Set(onCall.map((o) => o.userId));
  const shadows = await findShadows(db, ids, at);
  const shadowUserIds = shadows
    .filter((s) => (s.shadowed_user_id === null ? onCall.some((o) => o.scheduleId === s.schedule_id) : onCall.some((o) => o.scheduleId === s.schedule_id && o.userId === s.shadowed_user_id)))
    .map((s) => s.user_id)
    .filter((id) => !paged.has(id));
  return { onCall, shadowUserIds: [...new Set(shadowUserIds)] };
}
