import { inTransaction } from '../db/index.js';
import { SYSTEM_ACTOR, type Ctx } from '../lib/context.js';
import { scanForRecovery } from '../schedules/index.js';
import type { EngineModule } from './index.js';
import { advanceEngineCursor, claimEngineCursor } from './recovery-repository.js';

const CURSOR = 'recovery';
const MINUTE = 60_000;
/**
 * Each scan re-reads this much before its cursor: a send is stamped before its
 * transaction commits, so a scan running meanwhile could pass it by. Re-reading is
 * harmless because a person has at most one record per day.
 */
const OVERLAP = 10 * MINUTE;
/**
 * Scans at most this often: each one reads the overlap and the lookback of people
 * paged, so doing it every engine round would tax the database during a page storm.
 * Rest days are decided in hours, not seconds.
 */
const INTERVAL = 15_000;
/** The first scan of a database (an upgrade) still grants for the last day's pages. */
const FIRST_LOOKBACK = 24 * 60 * MINUTE;

/**
 * Recovery time off: scans the interrupting pages sent since the last scan and
 * grants the rest days they earn (sleep-hours pages; long pages on weekends and
 * holidays), with next-day cover, in one transaction with the cursor.
 */
export const recoveryModule: EngineModule = {
  name: 'recovery',
  everyMs: 15_000,
  async tick(ectx) {
    return inTransaction(ectx.database.db, async (db) => {
      const now = ectx.clock.now();
      const checkedUntil = await claimEngineCursor(db, CURSOR, new Date(now.getTime() - FIRST_LOOKBACK));
      if (!checkedUntil || now.getTime() - checkedUntil.getTime() < INTERVAL) return 0;
      const ctx: Ctx = { actor: { ...SYSTEM_ACTOR, label: 'recovery' }, db, clock: ectx.clock, log: ectx.log, requestId: `recovery-${now.toISOString()}`, settings: ectx.settings };
      const granted = await scanForRecovery(ctx, { since: new Date(checkedUntil.getTime() - OVERLAP), until: now });
      if (now > checkedUntil) await advanceEngineCursor(db, CURSOR, now);
      return granted;
    });
  },
};
