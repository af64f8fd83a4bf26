import type { Db } from '../db/index.js';
import type { ApiKeyRow } from '../db/index.js';

// Sessions ---------------------------------------------------------------

export async function insertSession(
  db: Db,
  row: { id: string; user_id: string; csrf_token: string; now: Date; expires_at: Date; user_agent: string | null; address: string | null },
): Promise<void> {
  const { now, ...rest } = row;
  await db.insertInto('sessions').values({ ...rest, created_at: now, last_seen_at: now }).execute();
}

export const findSession = (db: Db, id: string) =>
  db.selectFrom('sessions').selectAll().where('id', '=', id).executeTakeFirst();

export async function touchSession(db: Db, id: string, now: Date, expiresAt: Date): Promise<void> {
  await db.updateTable('sessions').set({ last_seen_at: now, expires_at: expiresAt }).where('id', '=', id).execute();
}

export async function deleteSession(db: Db, id: string): Promise<void> {
  await db.deleteFrom('sessions').where('id', '=', id).execute();
}

export async function deleteUserSessions(db: Db, userId: string): Promise<void> {
  await db.deleteFrom('sessions').where('user_id', '=', userId).execute();
}

export async function deleteExpiredSessions(db: Db, now: Date): Promise<number> {
  const r = await db.deleteFrom('sessions').where('expires_at', '<', now).executeTakeFirst();
  return Number(r.numDeletedRows);
}

// API keys ---------------------------------------------------------------

export type ApiKeyWithOwner = ApiKeyRow & { owner_name: string };

function selectKeys(db: Db) {
  return db
    .selectFrom('api_keys')
    .innerJoin('users', 'users.id', 'api_keys.owner_id')
    .selectAll('api_keys')
    .select('users.name as owner_name');
}

export async function insertApiKey(db: Db, row: Omit<ApiKeyRow, 'id' | 'last_used_at' | 'revoked_at'>): Promise<string> {
  const { id } = await db.insertInto('api_keys').values(row).returning('id').executeTakeFirstOrThrow();
  return id;
}

export const findApiKeyById = (db: Db, id: string): Promise<ApiKeyWithOwner | undefined> =>
  selectKeys(db).where('api_keys.id', '=', id).executeTakeFirst();

export const findApiKeyByHash = (db: Db, hash: string): Promise<ApiKeyWithOwner | undefined> =>
  selectKeys(db).where('api_keys.token_hash', '=', hash).executeTakeFirst();

export function listApiKeyRows(db: Db, ownerId?: string): Promise<ApiKeyWithOwner[]> {
  let q = selectKeys(db).orderBy('api_keys.created_at', 'desc');
  if (ownerId) q = q.where('api_keys.owner_id', '=', ownerId);
  return q.execute();
}

export async function markApiKeyRevoked(db: Db, id: string, now: Date): Promise<boolean> {
  const r = await db
    .updateTable('api_keys')
    .set({ revoked_at: now })
    .where('id', '=', id)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

export async function markApiKeyUsed(db: Db, id: string, now: Date): Promise<void> {
  await db.updateTable('api_keys').set({ last_used_at: now }).where('id', '=', id).execute();
}

// Sign-in failures -------------------------------------------------------

/** Failures after `since`: one made exactly a window ago has just left it (so Retry-After holds to the millisecond). */
export async function countFailuresSince(db: Db, key: string, since: Date): Promise<{ count: number; oldest: Date | null }> {
  const row = await db
    .selectFrom('sign_in_failures')
    .select((eb) => [eb.fn.countAll<number>().as('count'), eb.fn.min('at').as('oldest')])
    .where('key', '=', key)
    .where('at', '>', since)
    .executeTakeFirstOrThrow();
  return { count: Number(row.count), oldest: row.oldest ? new Date(row.oldest as Date) : null };
}

export async function insertFailures(db: Db, keys: string[], at: Date): Promise<void> {
  await db.insertInto('sign_in_failures').values(keys.map((key) => ({ key, at }))).execute();
}

export async function clearFailures(db: Db, key: string): Promise<void> {
  await db.deleteFrom('sign_in_failures').where('key', '=', key).execute();
}

export async function deleteFailuresBefore(db: Db, before: Date): Promise<void> {
  await db.deleteFrom('sign_in_failures').where('at', '<', before).execute();
}

// Settings ---------------------------------------------------------------

export async function readOrCreateSetting(db: Db, key: string, candidate: unknown): Promise<unknown> {
  await db
    .insertInto('settings')
    .values({ key, value: JSON.stringify(candidate), updated_at: new Date() })
    .onConflict((oc) => oc.column('key').doNothing())
    .execute();
  const row = await db.selectFrom('settings').select('value').where('key', '=', key).executeTakeFirstOrThrow();
  return row.value;
}
