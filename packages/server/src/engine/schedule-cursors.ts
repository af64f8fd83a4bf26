import { inTransaction, type Db } from '../db/index.js';
import { advanceCursor, claimCursor, ensureCursors } from '../schedules/index.js';
import type { EngineContext } from './index.js';

export interface CursorWork {
  /** schedule_cursors.kind */
  kind: string;
  /** A schedule is looked at again once its cursor is this old. */
  everyMs: number;
  /**
   * Where a new cursor starts: 'creation' = when the schedule was created, but no
   * earlier than `maxBackMs` ago (never a replay of a long past); 'due' = due at once.
   */
  start: 'creation' | 'due';
  maxBackMs: number;
  /** Schedules per tick; the engine goes round again while there is work. */
  batch: number;
}

/**
 * Runs `work` for each schedule whose cursor of this kind is due, one transaction
 * per schedule holding the cursor row (FOR UPDATE SKIP LOCKED, so engines share
 * the schedules and never work on the same one at once); the cursor moves to `now`
 * in the same transaction as the notices it led to. A schedule whose work fails is
 * logged and left due, and the others still run.
 */
export async function forEachDueSchedule(
  ectx: EngineContext,
  spec: CursorWork,
  work: (db: Db, cursor: { scheduleId: string; checkedUntil: Date }, now: Date) => Promise<void>,
): Promise<number> {
  const now = ectx.clock.now();
  if (ensureDue(ectx, spec.kind, now)) {
    const earliest = new Date(now.getTime() - (spec.start === 'due' ? spec.everyMs : spec.maxBackMs));
    await inTransaction(ectx.database.db, (db) => ensureCursors(db, spec.kind, now, earliest, spec.start === 'creation'));
  }
  const failed: string[] = [];
  let handled = 0;
  for (let i = 0; i < spec.batch; i++) {
    let claimed: string | undefined;
    try {
      claimed = await inTransaction(ectx.database.db, async (db) => {
        const cursor = await claimCursor(db, spec.kind, new Date(now.getTime() - spec.everyMs), failed);
        if (!cursor) return undefined;
        claimed = cursor.scheduleId;
        await work(db, cursor, now);
        await advanceCursor(db, cursor.scheduleId, spec.kind, now);
        return cursor.scheduleId;
      });
    } catch (error) {
      if (!claimed) throw error;
      failed.push(claimed);
      ectx.log.event('SCHEDULE_WORK_FAILED', { kind: spec.kind, scheduleId: claimed, err: { message: (error as Error).message, stack: (error as Error).stack } });
      continue;
    }
    if (!claimed) break;
    handled++;
  }
  return handled;
}

/**
 * New schedules get their cursors within this long. Looking for them is a write
 * statement; every engine round (many a second under load) would be wasteful.
 */
const ENSURE_EVERY_MS = 30_000;
const lastEnsured = new WeakMap<EngineContext, Map<string, number>>();

function ensureDue(ectx: EngineContext, kind: string, now: Date): boolean {
  const perEngine = lastEnsured.get(ectx) ?? new Map<string, number>();
  lastEnsured.set(ectx, perEngine);
  const last = perEngine.get(kind);
  if (last !== undefined && now.getTime() - last < ENSURE_EVERY_MS && now.getTime() >= last) return false;
  perEngine.set(kind, now.getTime());
  return true;
}
