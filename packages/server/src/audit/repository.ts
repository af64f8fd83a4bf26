import type { AuditEntry, AuditQuery } from '@operable/shared';
import type { Db } from '../db/index.js';
import type { AuditRow, NewAuditRow } from '../db/index.js';

export async function insertAudit(db: Db, row: NewAuditRow): Promise<void> {
  await db.insertInto('audit_log').values(row).execute();
}

export async function findAudit(db: Db, q: Required<Pick<AuditQuery, 'limit'>> & AuditQuery): Promise<AuditRow[]> {
  let query = db.selectFrom('audit_log').selectAll().orderBy('id', 'desc').limit(Number(q.limit));
  if (q.actorId) query = query.where('actor_id', '=', q.actorId);
  if (q.action) query = query.where('action', '=', q.action);
  if (q.entityType) query = query.where('entity_type', '=', q.entityType);
  if (q.entityId) query = query.where('entity_id', '=', q.entityId);
  if (q.since) query = query.where('at', '>=', new Date(q.since));
  if (q.until) query = query.where('at', '<', new Date(q.until));
  if (q.before) query = query.where('id', '<', Number(q.before));
  return query.execute();
}

export function toAuditEntry(row: AuditRow): AuditEntry {
  return {
    id: String(row.id),
    at: row.at.toISOString(),
    actorType: row.actor_type,
    actorId: row.actor_id,
    actorLabel: row.actor_label,
    action: row.action,
    entityType: row.entity_type,
    entityId: row.entity_id,
    before: row.before ?? null,
    after: row.after ?? null,
    requestId: row.request_id,
  };
}
