import { inTransaction } from '../db/index.js';
import { recordHealthFacts } from '../health/index.js';
import type { EngineModule } from './index.js';
import { advanceEngineCursor, claimEngineCursor } from './recovery-repository.js';

const CURSOR = 'health';
const MINUTE = 60_000;
/** A send is stamped before its transaction commits: re-read this much (the copy is idempotent). */
const OVERLAP = 10 * MINUTE;
/** The health views are read in weeks; a quarter-minute delay costs nothing and spares a page storm. */
const INTERVAL = 15_000;
/** A database upgraded to this version copies the last year of sends on its first scan. */
const FIRST_LOOKBACK = 366 * 24 * 60 * MINUTE;

/** Health facts: copies delivered personal notifications into the health tables (one process at a time). */
export const healthScanModule: EngineModule = {
  name: 'health-scan',
  everyMs: INTERVAL,
  async tick(ectx) {
    return inTransaction(ectx.database.db, async (db) => {
      const now = ectx.clock.now();
      const checkedUntil = await claimEngineCursor(db, CURSOR, new Date(now.getTime() - FIRST_LOOKBACK));
      if (!checkedUntil || now.getTime() - checkedUntil.getTime() < INTERVAL) return 0;
      const copied = await recordHealthFacts(db, new Date(checkedUntil.getTime() - OVERLAP), now);
      if (now > checkedUntil) await advanceEngineCursor(db, CURSOR, now);
      return copied;
    });
  },
};
