import { deleteExpiredSessions } from '../auth/index.js';
import type { EngineModule } from './index.js';
import { deleteUsedTokensBefore } from './repository.js';

/** Expired sessions and spent link nonces past any link's expiry; deleting twice is harmless. */
export const cleanupModule: EngineModule = {
  name: 'cleanup',
  async tick({ database, clock }) {
    const now = clock.now();
    const sessions = await deleteExpiredSessions(database.db, now);
    const tokens = await deleteUsedTokensBefore(database.db, new Date(now.getTime() - 3 * 86_400_000));
    return sessions + tokens;
  },
};
