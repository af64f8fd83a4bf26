import { fairnessOf, type Fairness } from './fairness.js';
import { bucketCounts, disruptedHours, type Interruption, weightedInterruptions } from './interruptions.js';
import type { BucketCounts } from './types.js';

export interface PersonLoad {
  userId: string;
  interruptions: BucketCounts;
  total: number;
  weighted: number;
  disruptedHours: number;
}

/**
 * The humans' numbers per person. `memberIds` are the team's people: everyone listed
 * gets a row (zeros included, so fairness sees the quiet ones too); people who were
 * interrupted but are not listed get a row after them.
 */
export function personLoads(interruptions: readonly Interruption[], memberIds: readonly string[] = []): PersonLoad[] {
  const byUser = new Map<string, Interruption[]>(memberIds.map((id) => [id, []]));
  for (const i of interruptions) {
    const list = byUser.get(i.userId) ?? [];
    list.push(i);
    byUser.set(i.userId, list);
  }
  return [...byUser.entries()].map(([userId, list]) => {
    const counts = bucketCounts(list);
    return { userId, interruptions: counts, total: list.length, weighted: weightedInterruptions(counts), disruptedHours: disruptedHours(list) };
  });
}

/** Fairness of a team: Gini over its members' weighted interruptions. */
export function teamFairness(loads: readonly PersonLoad[]): Fairness {
  return fairnessOf(loads.map((l) => l.weighted));
}
