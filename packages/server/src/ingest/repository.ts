import { sql } from 'kysely';
import type { Db, IntegrationKind, IntegrationRow } from '../db/index.js';

export const findIntegrationByKey = (db: Db, key: string): Promise<IntegrationRow | undefined> =>
  db.selectFrom('integrations').selectAll().where('key', '=', key).executeTakeFirst();

export const findIntegrationById = (db: Db, id: string): Promise<IntegrationRow | undefined> =>
  db.selectFrom('integrations').selectAll().where('id', '=', id).executeTakeFirst();

export const listServiceIntegrations = (db: Db, serviceId: string): Promise<IntegrationRow[]> =>
  db.selectFrom('integrations').selectAll().where('service_id', '=', serviceId).orderBy('created_at').execute();

export async function insertIntegration(
  db: Db,
  row: { service_id: string; name: string; kind: IntegrationKind; key: string; rate_limit_per_minute: number; heartbeat_interval_minutes: number | null; now: Date },
): Promise<string> {
  const { now, ...rest } = row;
  const { id } = await db
    .insertInto('integrations')
    .values({ ...rest, heartbeat_last_at: rest.heartbeat_interval_minutes ? now : null, created_at: now, updated_at: now })
    .returning('id')
    .executeTakeFirstOrThrow();
  return id;
}

export async function deleteIntegrationRow(db: Db, id: string): Promise<void> {
  await db.deleteFrom('integrations').where('id', '=', id).execute();
}

export async function serviceTeam(db: Db, serviceId: string): Promise<string | undefined> {
  return (await db.selectFrom('services').select('team_id').where('id', '=', serviceId).executeTakeFirst())?.team_id;
}

export async function insertChangeEvent(
  db: Db,
  row: { service_id: string; integration_id: string; summary: string; source: string | null; at: Date; details: unknown; links: unknown; now: Date },
): Promise<string> {
  const { now, details, links, ...rest } = row;
  const { id } = await db
    .insertInto('change_events')
    .values({ ...rest, details: JSON.stringify(details), links: JSON.stringify(links), created_at: now })
    .returning('id')
    .executeTakeFirstOrThrow();
  return id;
}

export async function recordHeartbeat(db: Db, id: string, at: Date): Promise<void> {
  await db.updateTable('integrations').set({ heartbeat_last_at: at }).where('id', '=', id).execute();
}

export const heartbeatDedupKey = (integrationId: string) => `heartbeat:${integrationId}`;

/**
 * Heartbeat integrations whose last call is older than their interval and that
 * have no open heartbeat alert yet; locked so one engine process handles each.
 */
export async function claimOverdueHeartbeats(db: Db, now: Date, limit: number): Promise<IntegrationRow[]> {
  return db
    .selectFrom('integrations as i')
    .selectAll('i')
    .where('i.kind', '=', 'heartbeat')
    .where(sql<boolean>`i.heartbeat_last_at + make_interval(mins => i.heartbeat_interval_minutes) <= ${now}`)
    .where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom('alerts as a')
            .select('a.id')
            .whereRef('a.service_id', '=', 'i.service_id')
            .where(sql<boolean>`a.dedup_key = 'heartbeat:' || i.id::text`)
            .where('a.status', '<>', 'resolved'),
        ),
      ),
    )
    .limit(limit)
    .forUpdate()
    .skipLocked()
    .execute();
}
