import { deleteExpiredSessions } from '../auth/index.js';
import type { EngineModule } from './index.js';

/** Expired sessions are useless and a liability; deleting them twice is harmless. */
export const cleanupModule: EngineModule = {
  name: 'cleanup',
  async tick(database, now) {
    return deleteExpiredSessions(database.db, now);
  },
};
