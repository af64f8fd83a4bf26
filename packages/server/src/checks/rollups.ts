import { inTransaction, type Db } from '../db/index.js';
import type { Logger } from '../lib/logger.js';
import { lockCursor, moveCursor, oldestResultAt, pruneResults, pruneRollups, writeRollups } from './series-repository.js';
import { bucketStart, RESOLUTION_MS, type Resolution } from './state.js';

/**
 * How long each kind of data is kept (sizes per check in ARCHITECTURE.md). Raw results
 * cover the rollups' grace and a day's bucket with room to spare; minutes serve SLO
 * burn-rate windows up to 3 days; hours serve 30-day SLOs and month charts; days
 * serve the 90-day bars and two years of history.
 */
export const RETENTION_MS = {
  raw: 48 * 3_600_000,
  minute: 3 * 86_400_000,
  hour: 100 * 86_400_000,
  day: 800 * 86_400_000,
} as const;

/**
 * A bucket is rolled up this long after it closed: a probe is recorded under its
 * start time once it finishes (a minute's timeout at most), so by then all of a
 * bucket's results are in.
 */
export const ROLLUP_GRACE_MS = 2 * 60_000;

/** At most this many buckets per resolution in one run, so a long-idle engine catches up in steps. */
const MAX_BUCKETS_PER_RUN = 180;

const RESOLUTIONS: Resolution[] = ['minute', 'hour', 'day'];

/**
 * Advances each resolution's rollups to the last bucket closed at least the grace
 * ago, then prunes what is past its retention. One engine at a time per resolution
 * (the cursor row is taken with SKIP LOCKED). Returns the buckets written.
 */
export async function rollUp(db: Db, now: Date, log: Logger): Promise<number> {
  let written = 0;
  for (const resolution of RESOLUTIONS) {
    written += await inTransaction(db, async (trx) => {
      const cursor = await lockCursor(trx, resolution);
      if (!cursor) return 0;
      const until = bucketStart(new Date(now.getTime() - ROLLUP_GRACE_MS), resolution);
      // First run: start where the raw results start, not at 1970.
      let from = cursor.rolled_until;
      if (from.getTime() === 0) {
        const oldest = await oldestResultAt(trx, new Date(now.getTime() - RETENTION_MS.raw));
        from = oldest ? bucketStart(oldest, resolution) : until;
      }
      if (from >= until) {
        if (cursor.rolled_until.getTime() === 0) await moveCursor(trx, resolution, until);
        return 0;
      }
      const to = new Date(Math.min(until.getTime(), from.getTime() + MAX_BUCKETS_PER_RUN * RESOLUTION_MS[resolution]));
      const n = await writeRollups(trx, resolution, from, to);
      await moveCursor(trx, resolution, to);
      await pruneRollups(trx, resolution, new Date(now.getTime() - RETENTION_MS[resolution]));
      log.event('CHECK_ROLLUP', { resolution, from: from.toISOString(), to: to.toISOString(), rows: n });
      return n;
    });
  }
  // Raw results older than 48 h go whether or not they were rolled up: an engine stopped
  // for longer loses those minutes' rollups rather than letting raw rows pile up.
  await inTransaction(db, (trx) => pruneResults(trx, new Date(now.getTime() - RETENTION_MS.raw)));
  return written;
}
