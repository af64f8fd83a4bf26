import { sql, type Selectable } from 'kysely';
import type { CalendarFeedsTable, Db } from '../db/index.js';

export type FeedRow = Selectable<CalendarFeedsTable>;
export type FeedKind = CalendarFeedsTable['kind'];

/** Whose URL: a person's own, or one person's URL for one schedule. */
export interface FeedOwner {
  kind: FeedKind;
  subjectId: string;
  createdBy: string;
}

/**
 * Serializes URL changes of one owner until commit, so two rotations racing each
 * other cannot both leave a live URL behind.
 */
export async function lockFeedOwner(db: Db, owner: FeedOwner): Promise<void> {
  const key = `calendar_feed:${owner.kind}:${owner.subjectId}:${owner.createdBy}`;
  await sql`select pg_advisory_xact_lock(hashtextextended(${key}, 0))`.execute(db);
}

/** Revokes the live URLs of one owner, or (createdBy omitted) everyone's for the subject; returns how many. */
export async function revokeFeeds(db: Db, where: { kind: FeedKind; subjectId: string; createdBy?: string }, at: Date): Promise<number> {
  let q = db
    .updateTable('calendar_feeds')
    .set({ revoked_at: at })
    .where('kind', '=', where.kind)
    .where('subject_id', '=', where.subjectId)
    .where('revoked_at', 'is', null);
  if (where.createdBy) q = q.where('created_by', '=', where.createdBy);
  const rows = await q.returning('id').execute();
  return rows.length;
}

export async function insertFeed(db: Db, owner: FeedOwner, tokenHash: string, at: Date): Promise<string> {
  const { id } = await db
    .insertInto('calendar_feeds')
    .values({ kind: owner.kind, subject_id: owner.subjectId, created_by: owner.createdBy, token_hash: tokenHash, created_at: at })
    .returning('id')
    .executeTakeFirstOrThrow();
  return id;
}

/**
 * The live feed of a token hash. A feed whose maker was deleted (`created_by` set
 * null) is dead too: a departed person's URLs must stop working.
 */
export async function findLiveFeed(db: Db, tokenHash: string): Promise<FeedRow | undefined> {
  return db
    .selectFrom('calendar_feeds')
    .selectAll()
    .where('token_hash', '=', tokenHash)
    .where('revoked_at', 'is', null)
    .where('created_by', 'is not', null)
    .executeTakeFirst();
}
