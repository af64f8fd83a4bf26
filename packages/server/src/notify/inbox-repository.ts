import type { Db } from '../db/index.js';

export interface InboxRow {
  id: string;
  kind: string;
  title: string;
  body: unknown;
  created_at: Date;
  read_at: Date | null;
}

export async function insertInboxItems(db: Db, rows: { user_id: string; kind: string; title: string; body: unknown; created_at: Date }[]): Promise<void> {
  if (!rows.length) return;
  await db
    .insertInto('inbox_items')
    .values(rows.map((r) => ({ ...r, body: JSON.stringify(r.body) })))
    .execute();
}

export async function findInboxItems(db: Db, userId: string, limit: number): Promise<InboxRow[]> {
  return db
    .selectFrom('inbox_items')
    .select(['id', 'kind', 'title', 'body', 'created_at', 'read_at'])
    .where('user_id', '=', userId)
    .orderBy('created_at', 'desc')
    .orderBy('id')
    .limit(limit)
    .execute();
}

export async function markInboxItemRead(db: Db, userId: string, id: string, at: Date): Promise<boolean> {
  const row = await db
    .updateTable('inbox_items')
    .set({ read_at: at })
    .where('id', '=', id)
    .where('user_id', '=', userId)
    .returning('id')
    .executeTakeFirst();
  return Boolean(row);
}

export async function userEmails(db: Db, ids: readonly string[]): Promise<{ id: string; email: string }[]> {
  if (!ids.length) return [];
  return db.selectFrom('users').select(['id', 'email']).where('id', 'in', [...new Set(ids)]).execute();
}
