import { p50p90, type Percentiles } from './percentiles.js';
import { type Instant, toMs } from './types.js';

/** An alert (or incident) that paged, with its transitions. */
export interface AlertTimes {
  triggeredAt: Instant;
  acknowledgedAt?: Instant | null;
  resolvedAt?: Instant | null;
  isDrill?: boolean;
}

export interface ResponseTimes {
  /** Triggered → first acknowledgement, in ms, over the acknowledged ones. */
  mtta: Percentiles;
  /** Start → resolved, in ms, over the resolved ones. */
  mttr: Percentiles;
  /** Not yet acknowledged / resolved: left out of the percentiles, shown beside them. */
  unacknowledged: number;
  unresolved: number;
}

/** MTTA and MTTR as p50 and p90 (not only the mean). Drills are left out. */
export function responseTimes(alerts: readonly AlertTimes[]): ResponseTimes {
  const tta: number[] = [];
  const ttr: number[] = [];
  let unacknowledged = 0;
  let unresolved = 0;
  for (const a of alerts) {
    if (a.isDrill) continue;
    const start = toMs(a.triggeredAt);
    if (a.acknowledgedAt != null) tta.push(Math.max(0, toMs(a.acknowledgedAt) - start));
    else unacknowledged += 1;
    if (a.resolvedAt != null) ttr.push(Math.max(0, toMs(a.resolvedAt) - start));
    else unresolved += 1;
  }
  return { mtta: p50p90(tta), mttr: p50p90(ttr), unacknowledged, unresolved };
}
