import { startEscalation, transitionAlert } from '../alerts/index.js';
import { inTransaction } from '../db/index.js';
import { SYSTEM_ACTOR } from '../lib/context.js';
import type { EngineModule } from './index.js';
import { staleAcknowledgements } from './repository.js';

/**
 * An acknowledgement older than the service's ack timeout is stale: whoever took
 * it may have fallen asleep. The alert goes back to triggered and pages again.
 */
export const ackTimeoutModule: EngineModule = {
  name: 'ack-timeout',
  async tick(ectx) {
    return inTransaction(ectx.database.db, async (db) => {
      const now = ectx.clock.now();
      const stale = await staleAcknowledgements(db, now, 100);
      for (const a of stale) {
        const ctx = { actor: { ...SYSTEM_ACTOR, label: 'ack timeout' }, db, clock: ectx.clock, log: ectx.log, requestId: `ack-timeout-${a.id}`, settings: ectx.settings };
        const { changed } = await transitionAlert(ctx, a.id, 'retrigger', 'engine');
        if (!changed) continue;

        // A direct page restarts its own people; anything else the service's policy.
        if (a.direct_targets || a.escalation_policy_id) await startEscalation(db, a.id, a.direct_targets ? null : a.escalation_policy_id, now);
        ectx.log.event('ALERT_RETRIGGERED', { alertId: a.id });
      }
      return stale.length;
    });
  },
};
