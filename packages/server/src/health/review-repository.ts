import { sql } from 'kysely';
import type { Db } from '../db/index.js';

/** Teams with their review schedule and recipients (defaults where a team has no settings row). */
export async function reviewSchedules(db: Db) {
  return db
    .selectFrom('teams as t')
    .leftJoin('health_team_settings as h', 'h.team_id', 't.id')
    .select([
      't.id',
      't.name',
      sql<string>`coalesce(h.time_zone, 'UTC')`.as('time_zone'),
      sql<number>`coalesce(h.report_weekday, 2)`.as('report_weekday'),
      sql<string>`coalesce(h.report_time, '09:00')`.as('report_time'),
      sql<boolean>`coalesce(h.report_enabled, true)`.as('report_enabled'),
      sql<string[]>`coalesce(h.report_emails, '{}')`.as('report_emails'),
      'h.report_webhook_url',
      'h.report_webhook_secret',
    ])
    .execute();
}

/** Claims the delivery of one review: true for the one process (and transaction) that gets it. */
export async function claimReviewDelivery(db: Db, scopeKey: string, weekStart: string, now: Date): Promise<boolean> {
  const row = await db
    .insertInto('health_review_deliveries')
    .values({ scope_key: scopeKey, week_start: weekStart, created_at: now })
    .onConflict((oc) => oc.columns(['scope_key', 'week_start']).doNothing())
    .returning('scope_key')
    .executeTakeFirst();
  return !!row;
}

export async function setReviewMessages(db: Db, scopeKey: string, weekStart: string, messages: number) {
  await db.updateTable('health_review_deliveries').set({ messages }).where('scope_key', '=', scopeKey).where('week_start', '=', weekStart).execute();
}

export async function deliveredReviews(db: Db, weekStart: string): Promise<Set<string>> {
  const rows = await db.selectFrom('health_review_deliveries').select('scope_key').where('week_start', '=', weekStart).execute();
  return new Set(rows.map((r) => r.scope_key));
}

export async function allTeamRisks(db: Db) {
  return db.selectFrom('risks').select('team_id').where('status', 'in', ['open', 'mitigating']).execute();
}

export async function openActionCount(db: Db, teamId: string | null): Promise<number> {
  let q = db.selectFrom('health_action_items').select(sql<number>`count(*)::int`.as('n')).where('status', '=', 'open');
  if (teamId) q = q.where('team_id', '=', teamId);
  return (await q.executeTakeFirstOrThrow()).n;
}
