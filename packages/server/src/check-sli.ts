import { checkRuns, serviceOfCheck, type CheckRun } from './checks/index.js';
import { MINUTE, registerSliSource, type SliBucket as Bucket, type SliDefinition, type SliSource } from './health/index.js';

/**
 * Synthetic checks as an SLI. SLOs (health/slo) may not import checks, and checks
 * must not know SLOs, so the composition root joins them through `registerSliSource`.
 */

/**
 * A check's runs as per-minute SLI buckets: each counted run is one event, good when
 * it passed (availability) or passed within the latency threshold (latency). A minute
 * without runs is left out (no data, never zero errors); maintenance runs never
 * reach here.
 */
export function checkRunBuckets(runs: readonly CheckRun[], sli: SliDefinition): Bucket[] {
  const byMinute = new Map<number, Bucket>();
  for (const run of runs) {
    const start = Math.floor(run.at / MINUTE) * MINUTE;
    const b = byMinute.get(start) ?? { start, good: 0, total: 0 };
    const fast = sli.kind !== 'latency' || (run.latencyMs !== null && sli.latencyThresholdMs !== null && run.latencyMs <= sli.latencyThresholdMs);
    b.total += 1;
    if (run.ok && fast) b.good += 1;
    byMinute.set(start, b);
  }
  return [...byMinute.values()].sort((a, b) => a.start - b.start);
}

export const checkSliSource: SliSource = {
  // Raw runs are kept 48 hours; a day of catching up stays well inside that.
  maxCatchUpMinutes: 24 * 60,
  async collect(env, source, from, to, sli) {
    if (source.type !== 'check') return [];
    return checkRunBuckets(await checkRuns(env.db, source.checkId, new Date(from), new Date(to)), sli);
  },
  async problem(db, source, serviceId) {
    if (source.type !== 'check') return null;
    if ((await serviceOfCheck(db, source.checkId)) !== serviceId) return { field: 'source.checkId', message: 'Must be a check of the same service' };
    return null;
  },
};

export function registerCheckSli(): void {
  registerSliSource('check', checkSliSource);
}
