import { sql, type Selectable } from 'kysely';
import type { Db, RecoveryTimeOffTable } from '../db/index.js';
import type { RecoveryReason, RecoverySettings } from './recovery-rules.js';

export type RecoveryRow = Selectable<RecoveryTimeOffTable>;

/** One interrupting message (anything but email) that reached a person about an alert. */
export interface SentPage {
  userId: string;
  alertId: string;
  teamId: string;
  sentAt: Date;
  /** The alert's acknowledgement or resolution, whichever came first. */
  closedAt: Date | null;
  /** Unacknowledged now: its time on pages is still growing. */
  triggered: boolean;
  /** The later of its acknowledgement and resolution: when its time on pages last changed. */
  changedAt: Date | null;
}

/**
 * Pages sent in (since, until], oldest first. A bundled message carries several
 * alerts (`alert_ids`) and points at the first person's notification, which names
 * the person; a message with no notification (escalation webhooks, notices, test
 * messages) is nobody's page. Shadow copies count: they woke someone up too.
 * Messages and their alerts are read apart, each by its index: joined on the array,
 * the embedded database (which keeps no statistics) chose plans that read the whole
 * alerts table once per message, at one size of history or another.
 */
export async function pagesSent(db: Db, since: Date, until: Date): Promise<SentPage[]> {
  const { rows: messages } = await sql<{ user_id: string; alert_ids: string[]; sent_at: Date }>`
    select n.user_id, o.alert_ids, o.sent_at
      from outbox o join notifications n on n.id = o.notification_id
     where o.status = 'sent' and o.channel <> 'email' and o.sent_at > ${since} and o.sent_at <= ${until}
     order by o.sent_at`.execute(db);
  const ids = [...new Set(messages.flatMap((m) => m.alert_ids))];
  if (!ids.length) return [];
  const { rows } = await sql<{ id: string; team_id: string; status: string; closed_at: Date | null; changed_at: Date | null }>`
    select a.id, s.team_id, a.status,
           least(a.acknowledged_at, a.resolved_at) as closed_at,
           greatest(a.acknowledged_at, a.resolved_at) as changed_at
      from alerts a join services s on s.id = a.service_id
     where a.id = any(${ids}::uuid[])`.execute(db);
  const alerts = new Map(rows.map((a) => [a.id, a]));
  return messages.flatMap((m) =>
    m.alert_ids.flatMap((id) => {
      const a = alerts.get(id);
      if (!a) return [];
      return [{ userId: m.user_id, alertId: id, teamId: a.team_id, sentAt: new Date(m.sent_at), closedAt: date(a.closed_at), triggered: a.status === 'triggered', changedAt: date(a.changed_at) }];
    }),
  );
}

const date = (d: Date | string | null) => (d ? new Date(d) : null);

export async function userZones(db: Db, ids: readonly string[]): Promise<Map<string, { name: string; timeZone: string }>> {
  if (!ids.length) return new Map();
  const rows = await db.selectFrom('users').select(['id', 'name', 'time_zone']).where('id', 'in', [...new Set(ids)]).execute();
  return new Map(rows.map((r) => [r.id, { name: r.name, timeZone: r.time_zone }]));
}

export async function teamRecoverySettings(db: Db, ids: readonly string[]): Promise<Map<string, RecoverySettings & { teamName: string }>> {
  if (!ids.length) return new Map();
  const rows = await db
    .selectFrom('teams')
    .select(['id', 'name', 'sleep_start', 'sleep_end', 'recovery_after_minutes', 'recovery_next_day_override', 'holidays'])
    .where('id', 'in', [...new Set(ids)])
    .execute();
  return new Map(
    rows.map((r) => [
      r.id,
      {
        teamName: r.name,
        sleepStart: r.sleep_start,
        sleepEnd: r.sleep_end,
        recoveryAfterMinutes: r.recovery_after_minutes,
        recoveryNextDayOverride: r.recovery_next_day_override,
        holidays: Array.isArray(r.holidays) ? r.holidays : [],
      },
    ]),
  );
}

/** Inserts a granted record; undefined when the person already has one for that day (any status). */
export async function insertRecovery(
  db: Db,
  row: { userId: string; teamId: string | null; reason: RecoveryReason; alertId: string | null; day: string; now: Date },
): Promise<RecoveryRow | undefined> {
  return db
    .insertInto('recovery_time_off')
    .values({ user_id: row.userId, team_id: row.teamId, reason: row.reason, alert_id: row.alertId, day: row.day, status: 'granted', created_at: row.now })
    .onConflict((oc) => oc.columns(['user_id', 'day']).doNothing())
    .returningAll()
    .executeTakeFirst();
}

export async function setRecoveryOverrides(db: Db, id: string, overrideIds: readonly string[]): Promise<RecoveryRow> {
  return db.updateTable('recovery_time_off').set({ override_ids: [...overrideIds] }).where('id', '=', id).returningAll().executeTakeFirstOrThrow();
}

/** Which of these (person, day) pairs already have a record, granted or declined. */
export async function existingRecoveryDays(db: Db, userIds: readonly string[], days: readonly string[]): Promise<Set<string>> {
  if (!userIds.length || !days.length) return new Set();
  const rows = await db
    .selectFrom('recovery_time_off')
    .select(['user_id', 'day'])
    .where('user_id', 'in', [...new Set(userIds)])
    .where('day', 'in', [...new Set(days)])
    .execute();
  return new Set(rows.map((r) => `${r.user_id} ${r.day}`));
}

/** People with a granted rest day on this date: nobody asks them to cover. */
export async function restingOn(db: Db, day: string): Promise<Set<string>> {
  const rows = await db.selectFrom('recovery_time_off').select('user_id').where('day', '=', day).where('status', '=', 'granted').execute();
  return new Set(rows.map((r) => r.user_id));
}

export interface RecoveryFilter {
  id?: string;
  userId?: string;
  teamId?: string;
  from?: string;
  to?: string;
}

export async function findRecoveries(db: Db, f: RecoveryFilter, limit = 1000) {
  let q = db
    .selectFrom('recovery_time_off as r')
    .innerJoin('users as u', 'u.id', 'r.user_id')
    .leftJoin('teams as t', 't.id', 'r.team_id')
    .selectAll('r')
    .select(['u.name as user_name', 'u.time_zone', 't.name as team_name']);
  if (f.id) q = q.where('r.id', '=', f.id);
  if (f.userId) q = q.where('r.user_id', '=', f.userId);
  if (f.teamId) q = q.where('r.team_id', '=', f.teamId);
  // Local dates in ISO form sort as text.
  if (f.from) q = q.where('r.day', '>=', f.from);
  if (f.to) q = q.where('r.day', '<=', f.to);
  return q.orderBy('r.day', 'desc').orderBy('r.created_at', 'desc').orderBy('r.id').limit(limit).execute();
}
export type RecoveryListRow = Awaited<ReturnType<typeof findRecoveries>>[number];

/** Granted → declined, only if still granted, so two declines cannot both win. */
export async function declineRecoveryRow(db: Db, id: string, at: Date): Promise<RecoveryRow | undefined> {
  return db
    .updateTable('recovery_time_off')
    .set({ status: 'declined', decided_at: at })
    .where('id', '=', id)
    .where('status', '=', 'granted')
    .returningAll()
    .executeTakeFirst();
}

export async function findOverridesById(db: Db, ids: readonly string[]) {
  if (!ids.length) return [];
  return db.selectFrom('schedule_overrides').selectAll().where('id', 'in', [...ids]).execute();
}

/** Ends a running override now: the part already served stays true history. */
export async function endOverrideAt(db: Db, id: string, end: Date): Promise<void> {
  await db.updateTable('schedule_overrides').set({ end_at: end }).where('id', '=', id).where('start_at', '<', end).where('end_at', '>', end).execute();
}
