import type { Db } from '../db/index.js';

/** Reads for naming people on an alert's page: who was notified, and who a log line is about. */

export interface PersonRow {
  id: string;
  name: string;
  email: string;
  time_zone: string;
}

/** People by id or by email (log lines written by people carry their sign-in email as the actor). */
export async function peopleByIdOrEmail(db: Db, ids: readonly string[], emails: readonly string[]): Promise<PersonRow[]> {
  if (!ids.length && !emails.length) return [];
  return db
    .selectFrom('users')
    .select(['id', 'name', 'email', 'time_zone'])
    .where((eb) => {
      const either = [];
      if (ids.length) either.push(eb('id', 'in', [...new Set(ids)]));
      if (emails.length) either.push(eb('email', 'in', [...new Set(emails)]));
      return eb.or(either);
    })
    .execute();
}

export interface AlertNotificationRow {
  user_id: string;
  status: string;
  due_at: Date;
  created_at: Date;
  reason: string | null;
  type: string;
}

/** Every notification the alert planned, with its contact method's kind. */
export async function alertNotifications(db: Db, alertId: string): Promise<AlertNotificationRow[]> {
  return db
    .selectFrom('notifications')
    .innerJoin('contact_methods', 'contact_methods.id', 'notifications.contact_method_id')
    .select(['notifications.user_id', 'notifications.status', 'notifications.due_at', 'notifications.created_at', 'notifications.reason', 'contact_methods.type'])
    .where('notifications.alert_id', '=', alertId)
    .orderBy('notifications.created_at')
    .execute();
}

/** Whom each outbox message went to (a message to a person carries the notification it came from). */
export async function messageRecipients(db: Db, messageIds: readonly string[]): Promise<Map<string, string>> {
  if (!messageIds.length) return new Map();
  const rows = await db
    .selectFrom('outbox')
    .innerJoin('notifications', 'notifications.id', 'outbox.notification_id')
    .select(['outbox.id', 'notifications.user_id'])
    .where('outbox.id', 'in', [...new Set(messageIds)])
    .execute();
  return new Map(rows.map((r) => [r.id, r.user_id]));
}
