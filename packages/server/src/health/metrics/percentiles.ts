/**
 * Nearest-rank percentile: the smallest value with at least p % of the values at or
 * below it (rank ⌈p/100 · n⌉). Always one of the values, so a hand-worked example
 * reads straight off the sorted list. Empty input has none.
 */
export function percentile(values: readonly number[], p: number): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.min(sorted.length, Math.max(1, Math.ceil((p / 100) * sorted.length)));
  return sorted[rank - 1]!;
}

export interface Percentiles {
  count: number;
  p50: number | null;
  p90: number | null;
}

export function p50p90(values: readonly number[]): Percentiles {
  return { count: values.length, p50: percentile(values, 50), p90: percentile(values, 90) };
}
