import { invalid } from '../../lib/errors.js';

/**
 * Storm grouping: when many alerts trigger on one service in a short time, the first
 * one pages and the rest join its group, so a storm wakes someone once, not once per
 * alert. The group's leader notification later says "and N more".
 */

export interface StormGroup {
  leaderId: string;
  startedAt: Date;
  lastAlertAt: Date;
  /** Alerts in the group, the leader included. */
  size: number;
  resolved: boolean;
}

export interface StormPolicy {
  windowSeconds: number;
  /** A cap so one group cannot swallow an unrelated failure that starts minutes later. */
  maxGroupSize?: number;
}

export type StormDecision = { kind: 'join'; leaderId: string } | { kind: 'new' };

export const DEFAULT_STORM_POLICY: Readonly<StormPolicy> = Object.freeze({ windowSeconds: 300 });

/**
 * Join the most recently started unresolved group whose window (startedAt +
 * windowSeconds, half-open) covers the alert and that still has room; otherwise start
 * a new group. A group that started after the alert's trigger time (events delivered
 * out of order) counts as covering it while within the window, because it is the same
 * storm and paging again for a late delivery is exactly the noise this rule removes.
 */
export function stormDecision(
  triggeredAt: Date,
  groups: readonly StormGroup[],
  policy: StormPolicy = DEFAULT_STORM_POLICY,
): StormDecision {
  checkPolicy(policy);
  const windowMs = policy.windowSeconds * 1000;
  const at = triggeredAt.getTime();
  let best: StormGroup | null = null;
  for (const group of groups) {
    if (group.resolved) continue;
    if (Math.abs(at - group.startedAt.getTime()) >= windowMs) continue;
    if (policy.maxGroupSize !== undefined && group.size >= policy.maxGroupSize) continue;
    if (best === null || moreRecent(group, best)) best = group;
  }
  return best ? { kind: 'join', leaderId: best.leaderId } : { kind: 'new' };
}

/** A total order, so the answer does not depend on the order the groups were listed in. */
function moreRecent(a: StormGroup, b: StormGroup): boolean {
  const started = a.startedAt.getTime() - b.startedAt.getTime();
  if (started !== 0) return started > 0;
  const last = a.lastAlertAt.getTime() - b.lastAlertAt.getTime();
  if (last !== 0) return last > 0;
  return a.leaderId > b.leaderId;
}

function checkPolicy(policy: StormPolicy): void {
  if (!Number.isFinite(policy.windowSeconds) || policy.windowSeconds <= 0) {
    throw invalid([{ field: 'windowSeconds', message: 'Must be a positive number of seconds' }]);
  }
  const max = policy.maxGroupSize;
  if (max !== undefined && (!Number.isInteger(max) || max < 1)) {
    throw invalid([{ field: 'maxGroupSize', message: 'Must be a whole number of at least 1' }]);
  }
}

/** The tail of a leader's notification: "and 3 more alerts"; empty for a group of one. */
export function stormSummary(size: number): string {
  const more = Math.max(0, Math.floor(size) - 1);
  if (more === 0) return '';
  return `and ${more} more ${more === 1 ? 'alert' : 'alerts'}`;
}
