import { triggerAlert } from '../alerts/index.js';
import { inTransaction } from '../db/index.js';
import { claimOverdueHeartbeats, heartbeatDedupKey, integrationActor } from '../ingest/index.js';
import type { Ctx } from '../lib/context.js';
import type { EngineModule } from './index.js';

/** A heartbeat not called within its interval raises an alert; the next call resolves it. */
export const heartbeatModule: EngineModule = {
  name: 'heartbeats',
  async tick(ectx) {
    return inTransaction(ectx.database.db, async (db) => {
      const now = ectx.clock.now();
      const overdue = await claimOverdueHeartbeats(db, now, 100);
      for (const integration of overdue) {
        const ctx: Ctx = { actor: integrationActor(integration), db, clock: ectx.clock, log: ectx.log, requestId: `heartbeat-${integration.id}`, settings: ectx.settings };
        const minutes = integration.heartbeat_interval_minutes!;
        await triggerAlert(ctx, {
          serviceId: integration.service_id,
          integrationId: integration.id,
          event: {
            action: 'trigger',
            dedupKey: heartbeatDedupKey(integration.id),
            summary: `Heartbeat missed: ${integration.name} has not called in for over ${minutes} minute${minutes === 1 ? '' : 's'}`,
            source: 'heartbeat',
            severity: 'critical',
            urgency: 'high',
            details: { lastBeatAt: integration.heartbeat_last_at?.toISOString() ?? null, intervalMinutes: minutes },
            links: [],
          },
        });
        ectx.log.event('HEARTBEAT_MISSED', { integrationId: integration.id, serviceId: integration.service_id });
      }
      return overdue.length;
    });
  },
};
