import type { EscalationTarget } from '@operable/shared';

export interface ResolvedTargets {
  userIds: string[];
  webhooks: { url: string; secret: string }[];
}

/**
 * Who a step reaches, decided when the step fires. Each target type is one case;
 * the schedules issue adds schedule, schedule_primary and schedule_secondary cases
 * that ask the on-call calculator who is on call at `at`.
 */
export function resolveTargets(targets: readonly EscalationTarget[], at: Date): ResolvedTargets {
  void at;
  const userIds = new Set<string>();
  const webhooks: ResolvedTargets['webhooks'] = [];
  for (const target of targets) {
    switch (target.type) {
      case 'user':
        userIds.add(target.userId);
        break;
      case 'webhook':
        webhooks.push({ url: target.url, secret: target.secret });
        break;
      default: {
        const unknown: never = target;
        throw new Error(`Unknown escalation target ${JSON.stringify(unknown)}`);
      }
    }
  }
  return { userIds: [...userIds], webhooks };
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
