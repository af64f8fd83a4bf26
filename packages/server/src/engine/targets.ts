import type { EscalationTarget } from '@operable/shared';
import type { Db } from '../db/index.js';
import { reachSchedules, type Role, type ScheduleReach } from '../schedules/index.js';

export interface ResolvedTargets {
  userIds: string[];
  webhooks: { url: string; secret: string }[];
  /** Who was on call on each targeted schedule role (with its acknowledgement target), for the log and reports. */
  onCall: ScheduleReach['onCall'];
  /** Shadows get copies; they are not reached, awaited or counted. */
  shadowUserIds: string[];
}

const ROLES: Record<'schedule' | 'schedule_primary' | 'schedule_secondary', Role[]> = {
  schedule: ['primary', 'secondary'],
  schedule_primary: ['primary'],
  schedule_secondary: ['secondary'],
};

/**
 * Who a step reaches, decided when the step fires. Each target type is one case;
 * schedule targets ask the on-call calculator who is on call at `at`.
 */
export async function resolveTargets(db: Db, targets: readonly EscalationTarget[], at: Date): Promise<ResolvedTargets> {
  const userIds = new Set<string>();
  const webhooks: ResolvedTargets['webhooks'] = [];
  const asks: { scheduleId: string; roles: Role[] }[] = [];
  for (const target of targets) {
    switch (target.type) {
      case 'user':
        userIds.add(target.userId);
        break;
      case 'webhook':
        webhooks.push({ url: target.url, secret: target.secret });
        break;
      case 'schedule':
      case 'schedule_primary':
      case 'schedule_secondary':
        asks.push({ scheduleId: target.scheduleId, roles: ROLES[target.type] });
        break;
      default: {
        const unknown: never = target;
        throw new Error(`Unknown escalation target ${JSON.stringify(unknown)}`);
      }
    }
  }
  const reach = await reachSchedules(db, asks, at);
  for (const o of reach.onCall) userIds.add(o.userId);
  return { userIds: [...userIds], webhooks, onCall: reach.onCall, shadowUserIds: reach.shadowUserIds.filter((id) => !userIds.has(id)) };
}

/** Where the escalation goes after step `index` of `steps` in `cycle` (0-based). */
export function nextPosition(
  index: number,
  cycle: number,
  stepCount: number,
  repeatCount: number,
): { stepIndex: number; cycle: number } | null {
  if (index + 1 < stepCount) return { stepIndex: index + 1, cycle };
  if (cycle < repeatCount) return { stepIndex: 0, cycle: cycle + 1 };
  return null;
}
