/** Above this Gini coefficient the team's load is flagged as uneven. */
export const FAIRNESS_FLAG_GINI = 0.2;

/**
 * Gini coefficient of non-negative values (weighted interruptions per team member,
 * members with none included as 0): Σᵢ Σⱼ |xᵢ − xⱼ| / (2 n² mean). 0 is perfectly
 * even; one person carrying everything gives 1 − 1/n, so the result is in [0, 1).
 * No members, or nobody interrupted, is 0.
 */
export function gini(values: readonly number[]): number {
  const n = values.length;
  if (n === 0) return 0;
  const sorted = [...values].map((v) => Math.max(0, v)).sort((a, b) => a - b);
  const total = sorted.reduce((s, v) => s + v, 0);
  if (total === 0) return 0;
  // Sorted form of the double sum: Σᵢ (2i − n − 1) xᵢ with i from 1.
  let acc = 0;
  sorted.forEach((v, i) => {
    acc += (2 * (i + 1) - n - 1) * v;
  });
  return acc / (n * total);
}

export interface Fairness {
  gini: number;
  uneven: boolean;
}

export function fairnessOf(weighted: readonly number[]): Fairness {
  const g = gini(weighted);
  return { gini: g, uneven: g > FAIRNESS_FLAG_GINI };
}
