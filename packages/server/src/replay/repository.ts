import { sql } from 'kysely';
import type { Db } from '../db/index.js';

/**
 * What a replay copies from the server into its scratch database: the configuration
 * that decides who gets paged, in an order that satisfies the foreign keys. State
 * (alerts, escalations, the outbox, recovery days already granted) is left behind:
 * the replay makes its own.
 */
export const CONFIG_TABLES = [
  'settings',
  'users',
  'teams',
  'team_members',
  'escalation_policies',
  'escalation_steps',
  'services',
  'integrations',
  'maintenance_windows',
  'contact_methods',
  'notification_rules',
  'schedules',
  'schedule_layers',
  'schedule_overrides',
  'schedule_shadows',
] as const;

/** Rows as JSON, so every column type survives the trip between PostgreSQL and PGlite. */
export async function readTable(db: Db, table: string): Promise<unknown[]> {
  const { rows } = await sql<{ r: unknown }>`select row_to_json(t) as r from ${sql.table(table)} t`.execute(db);
  return rows.map((x) => x.r);
}

export async function replaceTable(db: Db, table: string, rows: unknown[]): Promise<void> {
  await sql`delete from ${sql.table(table)}`.execute(db);
  for (let i = 0; i < rows.length; i += 500) {
    const chunk = JSON.stringify(rows.slice(i, i + 500));
    await sql`insert into ${sql.table(table)} select * from json_populate_recordset(null::${sql.table(table)}, ${chunk}::json)`.execute(db);
  }
}

/**
 * When each paging module next has something to do (null: nothing), by module name:
 * an escalation step, a notification (delayed by a rule, a bundle or working hours),
 * an outbox retry, an acknowledgement going stale. The replay jumps the clock from
 * one to the next and runs only the modules due.
 */
export async function dueByModule(db: Db): Promise<Map<string, Date | null>> {
  const { rows } = await sql<{ escalate: Date | string | null; notify: Date | string | null; dispatch: Date | string | null; ack_timeout: Date | string | null }>`
    select
      (select min(next_at) from escalations where status = 'active') as escalate,
      (select min(due_at) from notifications where status = 'pending') as notify,
      (select min(next_attempt_at) from outbox where status = 'pending') as dispatch,
      (select min(a.acknowledged_at + make_interval(mins => s.ack_timeout_minutes))
         from alerts a join services s on s.id = a.service_id
        where a.status = 'acknowledged' and s.ack_timeout_minutes is not null) as ack_timeout`.execute(db);
  const r = rows[0]!;
  const at = (v: Date | string | null) => (v ? new Date(v) : null);
  return new Map([
    ['ack-timeout', at(r.ack_timeout)],
    ['escalate', at(r.escalate)],
    ['notify', at(r.notify)],
    ['dispatch', at(r.dispatch)],
  ]);
}

export async function integrationByKey(db: Db, key: string) {
  return db.selectFrom('integrations').selectAll().where('key', '=', key).executeTakeFirst();
}

export async function integrationOfService(db: Db, serviceName: string) {
  return db
    .selectFrom('integrations')
    .innerJoin('services', 'services.id', 'integrations.service_id')
    .selectAll('integrations')
    .where('services.name', '=', serviceName)
    .where('integrations.kind', '!=', 'heartbeat')
    .orderBy('integrations.created_at')
    .executeTakeFirst();
}

export async function serviceIdByName(db: Db, name: string): Promise<string | undefined> {
  return (await db.selectFrom('services').select('id').where('name', '=', name).executeTakeFirst())?.id;
}

/**
 * A history names a service that has no integration: the scratch copy gets one, so
 * its events enter the usual way. Its limit is high: a replay at full speed must not
 * be throttled by a limit meant for wall-clock minutes.
 */
export async function addReplayIntegration(db: Db, serviceId: string, now: Date) {
  return db
    .insertInto('integrations')
    .values({ service_id: serviceId, name: 'replay', kind: 'generic', key: serviceId.replaceAll('-', ''), rate_limit_per_minute: 1_000_000, created_at: now, updated_at: now })
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function openAlertId(db: Db, serviceId: string, dedupKey: string): Promise<string | undefined> {
  const row = await db
    .selectFrom('alerts')
    .select('id')
    .where('service_id', '=', serviceId)
    .where('dedup_key', '=', dedupKey)
    .where('status', '!=', 'resolved')
    .executeTakeFirst();
  return row?.id;
}

/** Every message the engine handed to a channel during the replay, with the person it was for. */
export async function sentMessages(db: Db) {
  return db
    .selectFrom('outbox')
    .leftJoin('notifications', 'notifications.id', 'outbox.notification_id')
    .leftJoin('alerts', 'alerts.id', 'notifications.alert_id')
    .leftJoin('services', 'services.id', 'alerts.service_id')
    .select([
      'outbox.sent_at',
      'outbox.channel',
      sql<string>`outbox.message->>'kind'`.as('kind'),
      sql<string>`outbox.message->>'urgency'`.as('urgency'),
      'notifications.user_id',
      'alerts.id as alert_id',
      'alerts.service_id',
      'alerts.dedup_key',
      'alerts.summary',
      'alerts.urgency as alert_urgency',
      'services.name as service',
      'services.team_id',
    ])
    .where('outbox.status', '=', 'sent')
    .orderBy('outbox.sent_at')
    .orderBy('outbox.created_at')
    .execute();
}

/** Alerts of the replay: which paged, which reached nobody, when they were acknowledged. */
export async function replayAlerts(db: Db) {
  return db
    .selectFrom('alerts')
    .innerJoin('services', 'services.id', 'alerts.service_id')
    .select([
      'alerts.id',
      'alerts.dedup_key',
      'alerts.summary',
      'alerts.urgency',
      'alerts.created_at',
      'alerts.acknowledged_at',
      'alerts.resolved_at',
      'alerts.service_id',
      'alerts.group_leader_id',
      'alerts.suppressed_by',
      'services.name as service',
      'services.team_id',
      // A group's page counts for whoever leads it now: a leader that resolved handed its group (and its pages) to a member.
      sql<boolean>`exists (select 1 from notifications n join alerts m on m.id = n.alert_id
                           where n.status = 'sent' and (m.id = alerts.id or m.group_leader_id = alerts.id))`.as('reached'),
      sql<boolean>`exists (select 1 from alert_log l where l.alert_id = alerts.id and l.event = 'not_paged')`.as('not_paged'),
    ])
    .execute();
}

export async function recoveryGrants(db: Db) {
  return db.selectFrom('recovery_time_off').selectAll().execute();
}

export async function people(db: Db) {
  return db
    .selectFrom('users')
    .leftJoin('team_members', 'team_members.user_id', 'users.id')
    .select(['users.id', 'users.name', 'users.email', 'users.time_zone', 'team_members.team_id'])
    .execute();
}

export async function teams(db: Db) {
  return db.selectFrom('teams').select(['id', 'name']).execute();
}

export async function services(db: Db) {
  return db.selectFrom('services').select(['id', 'name', 'team_id']).execute();
}

/** Whom each sent outbox message was for (by the notification it carried). */
export async function messageOwners(db: Db, outboxIds: string[]): Promise<Map<string, string>> {
  if (!outboxIds.length) return new Map();
  const rows = await db
    .selectFrom('outbox')
    .innerJoin('notifications', 'notifications.id', 'outbox.notification_id')
    .select(['outbox.id', 'notifications.user_id'])
    .where('outbox.id', 'in', outboxIds)
    .execute();
  return new Map(rows.map((r) => [r.id, r.user_id]));
}

export async function isTriggered(db: Db, alertId: string): Promise<boolean> {
  return !!(await db.selectFrom('alerts').select('id').where('id', '=', alertId).where('status', '=', 'triggered').executeTakeFirst());
}

/** The server's own history for an export: alerts opened in the period, and people's and senders' acts on them. */
export async function historyRows(db: Db, from: Date, to: Date) {
  const opened = await db
    .selectFrom('alerts')
    .innerJoin('services', 'services.id', 'alerts.service_id')
    .select(['alerts.created_at as at', 'services.name as service', 'alerts.dedup_key', 'alerts.summary', 'alerts.severity', 'alerts.urgency', 'alerts.source'])
    .where('alerts.created_at', '>=', from)
    .where('alerts.created_at', '<', to)
    .execute();
  const acts = await db
    .selectFrom('alert_log')
    .innerJoin('alerts', 'alerts.id', 'alert_log.alert_id')
    .innerJoin('services', 'services.id', 'alerts.service_id')
    .select(['alert_log.at', 'alert_log.event', 'alert_log.actor', 'services.name as service', 'alerts.dedup_key'])
    .where('alert_log.event', 'in', ['acknowledged', 'acknowledged_by_one', 'resolved'])
    // Members that followed their leader are not acts of their own.
    .where(sql<boolean>`(alert_log.details is null or alert_log.details->>'viaLeader' is null)`)
    .where('alert_log.at', '>=', from)
    .where('alert_log.at', '<', to)
    .execute();
  return { opened, acts };
}
