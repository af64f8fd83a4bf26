import { inTransaction } from '../db/index.js';
import { SYSTEM_ACTOR, type Ctx } from '../lib/context.js';
import { draftDuePostmortems, sendPostmortemReminders } from '../postmortems/index.js';
import type { EngineContext, EngineModule } from './index.js';

const systemCtx = (ectx: EngineContext, db: Ctx['db'], label: string): Ctx => ({
  actor: { ...SYSTEM_ACTOR, label },
  db,
  clock: ectx.clock,
  log: ectx.log,
  requestId: `${label}-${ectx.clock.now().toISOString()}`,
  settings: ectx.settings,
});

/**
 * A resolved SEV1-2 incident gets its post-mortem draft without anyone asking:
 * the incident domain needs no hook, and the unique incident_id makes two engines
 * (or a person at the same moment) produce one post-mortem.
 */
export const postmortemDraftModule: EngineModule = {
  name: 'postmortem-drafts',
  everyMs: 15_000,
  tick: (ectx) => inTransaction(ectx.database.db, (db) => draftDuePostmortems(systemCtx(ectx, db, 'postmortem-drafts'))),
};

/** Deadline, overdue-item and follow-up reminders; each is sent once (see postmortems/reminders.ts). */
export const postmortemReminderModule: EngineModule = {
  name: 'postmortem-reminders',
  everyMs: 60_000,
  tick: (ectx) => inTransaction(ectx.database.db, (db) => sendPostmortemReminders(systemCtx(ectx, db, 'postmortem-reminders'))),
};
