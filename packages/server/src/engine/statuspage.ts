import { inTransaction } from '../db/index.js';
import { SYSTEM_ACTOR } from '../lib/context.js';
import { advanceStatuspage, existingSite, fanOutBatch } from '../statuspage/index.js';
import type { EngineModule } from './index.js';

/**
 * Status page components follow their services' open alerts, and scheduled
 * maintenance starts and ends on time. Runs every round (the engine wakes when
 * alerts commit); a round with nothing to change only reads. Several engines:
 * the page's version row serializes writers, and a second engine finds no drift.
 * Then hands new updates to subscribers through the outbox (fanout.ts).
 */
export const statuspageModule: EngineModule = {
  name: 'statuspage',
  async tick(ectx) {
    const db = ectx.database.db;
    const n = await inTransaction(db, (trx) =>
      advanceStatuspage({ actor: SYSTEM_ACTOR, db: trx, clock: ectx.clock, log: ectx.log, requestId: 'engine-statuspage', settings: ectx.settings }),
    );
    if (n) await existingSite(db)?.changed();
    // Updates to subscribers: a batch per transaction, a few batches per round so other modules keep their turn.
    let sent = 0;
    for (let i = 0; i < 5; i++) {
      const queued = await inTransaction(db, (trx) =>
        fanOutBatch({ actor: SYSTEM_ACTOR, db: trx, clock: ectx.clock, log: ectx.log, requestId: 'engine-statuspage-fanout', settings: ectx.settings }),
      );
      if (!queued) break;
      sent += queued;
    }
    return n + sent;
  },
};
