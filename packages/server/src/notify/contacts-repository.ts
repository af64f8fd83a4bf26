import type { Insertable, Selectable } from 'kysely';
import type { ContactMethodsTable, ContactType, Db, NotificationRulesTable } from '../db/index.js';

/** Contact methods and notification rules: how each person is reached, and when. */

export type ContactMethodRow = Selectable<ContactMethodsTable>;
export type NotificationRuleRow = Selectable<NotificationRulesTable>;

export async function userExists(db: Db, userId: string): Promise<boolean> {
  return !!(await db.selectFrom('users').select('id').where('id', '=', userId).executeTakeFirst());
}

export async function findContactMethods(db: Db, userId: string): Promise<ContactMethodRow[]> {
  return db.selectFrom('contact_methods').selectAll().where('user_id', '=', userId).orderBy('created_at').orderBy('id').execute();
}

/** One of the user's own methods; `lock` holds the row so parallel guesses at a code take turns. */
export async function findContactMethod(db: Db, userId: string, id: string, lock = false): Promise<ContactMethodRow | undefined> {
  let q = db.selectFrom('contact_methods').selectAll().where('id', '=', id).where('user_id', '=', userId);
  if (lock) q = q.forUpdate();
  return q.executeTakeFirst();
}

export async function findSameAddress(db: Db, userId: string, type: ContactType, address: string): Promise<ContactMethodRow | undefined> {
  return db
    .selectFrom('contact_methods')
    .selectAll()
    .where('user_id', '=', userId)
    .where('type', '=', type)
    .where('address', '=', address)
    .executeTakeFirst();
}

export async function insertContactMethod(db: Db, row: Insertable<ContactMethodsTable>): Promise<ContactMethodRow> {
  return db.insertInto('contact_methods').values(row).returningAll().executeTakeFirstOrThrow();
}

/** A new code replaces the old one and gets a fresh allowance of attempts. */
export async function setVerificationCode(db: Db, id: string, hash: string, expiresAt: Date): Promise<ContactMethodRow> {
  return db
    .updateTable('contact_methods')
    .set({ verification_hash: hash, verification_expires_at: expiresAt, verification_attempts: 0 })
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirstOrThrow();
}

/** Counts one wrong code; the last allowed one also clears the hash so no guess can match any more. */
export async function recordWrongCode(db: Db, id: string, attempts: number, usedUp: boolean): Promise<void> {
  await db
    .updateTable('contact_methods')
    .set({ verification_attempts: attempts, ...(usedUp ? { verification_hash: null, verification_expires_at: null } : {}) })
    .where('id', '=', id)
    .execute();
}

export async function markVerified(db: Db, id: string, at: Date): Promise<ContactMethodRow> {
  return db
    .updateTable('contact_methods')
    .set({ verified_at: at, verification_hash: null, verification_expires_at: null, verification_attempts: 0 })
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function deleteContactMethodRow(db: Db, id: string): Promise<void> {
  await db.deleteFrom('contact_methods').where('id', '=', id).execute();
}

// Notification rules -----------------------------------------------------------

export async function findRules(db: Db, userId: string): Promise<NotificationRuleRow[]> {
  return db
    .selectFrom('notification_rules')
    .selectAll()
    .where('user_id', '=', userId)
    .orderBy('delay_minutes')
    .orderBy('created_at')
    .orderBy('id')
    .execute();
}

export async function findRule(db: Db, userId: string, id: string): Promise<NotificationRuleRow | undefined> {
  return db.selectFrom('notification_rules').selectAll().where('id', '=', id).where('user_id', '=', userId).executeTakeFirst();
}

export async function insertRule(db: Db, row: Insertable<NotificationRulesTable>): Promise<NotificationRuleRow> {
  return db.insertInto('notification_rules').values(row).returningAll().executeTakeFirstOrThrow();
}

export async function deleteRuleRow(db: Db, id: string): Promise<void> {
  await db.deleteFrom('notification_rules').where('id', '=', id).execute();
}

// For the engine -----------------------------------------------------------------

export interface PlannedContact {
  contactMethodId: string;
  type: ContactType;
  address: string;
  secret: string | null;
  delayMinutes: number;
}

/**
 * How to reach one person for a page of this urgency: their rules for it ('any'
 * matches both) on verified contact methods only, soonest first. An unverified
 * address may be a typo or someone else's phone, so it is never paged.
 */
export async function notificationPlan(db: Db, userId: string, urgency: 'high' | 'low'): Promise<PlannedContact[]> {
  const rows = await db
    .selectFrom('notification_rules as r')
    .innerJoin('contact_methods as m', 'm.id', 'r.contact_method_id')
    .select(['m.id as contactMethodId', 'm.type', 'm.address', 'm.secret', 'r.delay_minutes as delayMinutes'])
    .where('r.user_id', '=', userId)
    .where('m.user_id', '=', userId)
    .where('m.verified_at', 'is not', null)
    .where('r.urgency', 'in', [urgency, 'any'])
    .orderBy('r.delay_minutes')
    .orderBy('r.created_at')
    .orderBy('r.id')
    .execute();
  return rows;
}

export interface ContactSummary {
  /** Verified contact methods. */
  verified: number;
  /** Notification rules that point at a verified contact method (the only ones that can page). */
  rules: number;
}

/** Per user, whether a page could reach them at all; users with nothing set up get zeros. */
export async function userContactSummary(db: Db, userIds: string[]): Promise<Map<string, ContactSummary>> {
  const result = new Map<string, ContactSummary>(userIds.map((id) => [id, { verified: 0, rules: 0 }]));
  if (!userIds.length) return result;
  const methods = await db
    .selectFrom('contact_methods')
    .select(['user_id', (eb) => eb.fn.countAll<number>().as('n')])
    .where('user_id', 'in', userIds)
    .where('verified_at', 'is not', null)
    .groupBy('user_id')
    .execute();
  const rules = await db
    .selectFrom('notification_rules as r')
    .innerJoin('contact_methods as m', 'm.id', 'r.contact_method_id')
    .select(['r.user_id', (eb) => eb.fn.countAll<number>().as('n')])
    .where('r.user_id', 'in', userIds)
    .where('m.verified_at', 'is not', null)
    .groupBy('r.user_id')
    .execute();
  for (const m of methods) result.get(m.user_id)!.verified = Number(m.n);
  for (const r of rules) result.get(r.user_id)!.rules = Number(r.n);
  return result;
}
