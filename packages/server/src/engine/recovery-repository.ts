import type { Db } from '../db/index.js';

/**
 * Claims a named engine cursor for this transaction (FOR UPDATE SKIP LOCKED): one
 * engine process walks the stream at a time, the others skip it this round.
 * A missing cursor starts at `start`. Undefined when another process holds it.
 */
export async function claimEngineCursor(db: Db, name: string, start: Date): Promise<Date | undefined> {
  await db.insertInto('engine_cursors').values({ name, checked_until: start }).onConflict((oc) => oc.column('name').doNothing()).execute();
  const row = await db.selectFrom('engine_cursors').select('checked_until').where('name', '=', name).forUpdate().skipLocked().executeTakeFirst();
  return row?.checked_until;
}

export async function advanceEngineCursor(db: Db, name: string, to: Date): Promise<void> {
  await db.updateTable('engine_cursors').set({ checked_until: to }).where('name', '=', name).execute();
}
