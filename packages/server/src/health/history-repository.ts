import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import type { Db } from '../db/index.js';
import type { HistoryPage } from './history.js';

export async function teamHasHistory(db: Db, teamId: string): Promise<boolean> {
  return !!(await db.selectFrom('health_page_events').select('alert_id').where('team_id', '=', teamId).limit(1).executeTakeFirst());
}

export async function teamServiceIds(db: Db, teamId: string): Promise<string[]> {
  return (await db.selectFrom('services').select('id').where('team_id', '=', teamId).orderBy('name').execute()).map((r) => r.id);
}

export async function teamMemberIds(db: Db, teamId: string): Promise<string[]> {
  return (await db.selectFrom('team_members').select('user_id').where('team_id', '=', teamId).orderBy('user_id').execute()).map((r) => r.user_id);
}

/** Writes generated pages as resolved alerts and the health facts the engine's scan would have made. */
export async function insertHistory(db: Db, teamId: string, pages: HistoryPage[]): Promise<number> {
  for (const p of pages) {
    const { id } = await db
      .insertInto('alerts')
      .values({
        service_id: p.serviceId,
        dedup_key: `${p.alertKey}-${p.triggeredAt}`,
        status: 'resolved',
        urgency: 'high',
        summary: p.summary,
        source: 'demo history',
        details: '{}',
        links: '[]',
        created_at: new Date(p.triggeredAt),
        last_seen_at: new Date(p.triggeredAt),
        acknowledged_at: new Date(p.acknowledgedAt),
        acknowledged_by: 'demo',
        resolved_at: new Date(p.resolvedAt),
        resolved_by: 'demo',
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const rows = p.pages.flatMap((x) =>
      (['ntfy', 'email'] as const).map((channel) => ({ outbox_id: randomUUID(), alert_id: id, user_id: x.userId, service_id: p.serviceId, team_id: teamId, alert_key: p.alertKey, channel, at: new Date(x.at), level: x.level })),
    );
    await db.insertInto('health_notifications').values(rows).execute();
    await db
      .insertInto('health_page_events')
      .values({ alert_id: id, team_id: teamId, service_id: p.serviceId, dedup_key: p.alertKey, first_page_at: new Date(p.pages[0]!.at) })
      .execute();
  }
  return pages.length;
}

export async function countToil(db: Db, teamId: string): Promise<number> {
  const r = await db.selectFrom('toil_entries').select(sql<number>`count(*)::int`.as('n')).where('team_id', '=', teamId).executeTakeFirstOrThrow();
  return r.n;
}
