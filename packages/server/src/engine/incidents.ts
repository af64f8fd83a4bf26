import { mirrorOpenIncidents, remindOverdueUpdates } from '../incidents/index.js';
import { inTransaction } from '../db/index.js';
import type { EngineModule } from './index.js';

/**
 * Incident modules. `incident-reminders` claims incidents whose promised status
 * update is overdue (FOR UPDATE SKIP LOCKED) and reminds the communicator (else the
 * commander) through their notification rules, once per promised time.
 * `incident-timeline` copies what happened to incident alerts (acks, pages delivered,
 * failures) from their logs into the incidents' timelines; it runs after dispatch so a
 * delivery shows up in the same round, and once at a time across processes (advisory lock).
 */
export const incidentReminderModule: EngineModule = {
  name: 'incident-reminders',
  everyMs: 10_000,
  tick: (ectx) => inTransaction(ectx.database.db, (db) => remindOverdueUpdates({ db, clock: ectx.clock, log: ectx.log, settings: ectx.settings })),
};

export const incidentTimelineModule: EngineModule = {
  name: 'incident-timeline',
  tick: (ectx) => inTransaction(ectx.database.db, (db) => mirrorOpenIncidents(db, ectx.clock)),
};
