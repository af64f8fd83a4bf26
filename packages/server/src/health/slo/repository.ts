import { sql, type Insertable, type Selectable } from 'kysely';
import type { Db, SlosTable } from '../../db/index.js';
import type { Bucket, Counts } from './burn.js';

export type SloRow = Selectable<SlosTable> & { service_name: string; team_id: string };

export interface SloFilter {
  id?: string;
  ids?: string[];
  serviceId?: string;
  teamId?: string;
}

export async function findSloRows(db: Db, filter: SloFilter = {}): Promise<SloRow[]> {
  let q = db
    .selectFrom('slos as s')
    .innerJoin('services as v', 'v.id', 's.service_id')
    .selectAll('s')
    .select(['v.name as service_name', 'v.team_id as team_id'])
    .orderBy('v.name')
    .orderBy('s.name')
    .orderBy('s.id');
  if (filter.id) q = q.where('s.id', '=', filter.id);
  if (filter.ids) q = q.where('s.id', 'in', filter.ids);
  if (filter.serviceId) q = q.where('s.service_id', '=', filter.serviceId);
  if (filter.teamId) q = q.where('v.team_id', '=', filter.teamId);
  return q.execute();
}

export async function lockSloRow(db: Db, id: string): Promise<{ id: string } | undefined> {
  return db.selectFrom('slos').select('id').where('id', '=', id).forUpdate().executeTakeFirst();
}

export async function findSloByName(db: Db, serviceId: string, name: string): Promise<{ id: string } | undefined> {
  return db.selectFrom('slos').select('id').where('service_id', '=', serviceId).where(sql`lower(name)`, '=', name.toLowerCase()).executeTakeFirst();
}

export async function insertSloRow(db: Db, row: Insertable<SlosTable>): Promise<string> {
  const { id } = await db.insertInto('slos').values(row).returning('id').executeTakeFirstOrThrow();
  return id;
}

export async function updateSloRow(db: Db, id: string, patch: Partial<Insertable<SlosTable>>): Promise<void> {
  await db.updateTable('slos').set(patch).where('id', '=', id).execute();
}

export async function deleteSloRow(db: Db, id: string): Promise<void> {
  await db.deleteFrom('slos').where('id', '=', id).execute();
}

export async function deleteBuckets(db: Db, sloId: string): Promise<void> {
  await db.deleteFrom('slo_buckets').where('slo_id', '=', sloId).execute();
}

/** Writes buckets; a bucket already stored is replaced, never added to (idempotent by bucket start). */
export async function upsertBuckets(db: Db, sloId: string, buckets: readonly Bucket[]): Promise<number> {
  if (!buckets.length) return 0;
  // A batch naming one minute twice keeps the last (one statement cannot update a row twice).
  const byStart = new Map(buckets.map((b) => [b.start, b]));
  const rows = [...byStart.values()].map((b) => ({ slo_id: sloId, bucket_start: new Date(b.start), good: b.good, total: b.total }));
  for (let i = 0; i < rows.length; i += 1000) {
    await db
      .insertInto('slo_buckets')
      .values(rows.slice(i, i + 1000))
      .onConflict((oc) => oc.columns(['slo_id', 'bucket_start']).doUpdateSet((eb) => ({ good: eb.ref('excluded.good'), total: eb.ref('excluded.total') })))
      .execute();
  }
  return rows.length;
}

/**
 * The counts of the last `ms` before `now` (buckets starting in [now − ms, now)), for
 * each look-back, in one pass over the longest: the same rule as `countsOver`.
 */
export async function windowSums(db: Db, sloId: string, now: Date, lookbackMs: readonly number[]): Promise<Map<number, Counts>> {
  const longest = Math.max(...lookbackMs);
  const columns = lookbackMs.map((ms, i) => {
    const from = new Date(now.getTime() - ms);
    return sql<number | null>`sum(good) filter (where bucket_start >= ${from})`.as(`g${i}`);
  });
  const totals = lookbackMs.map((ms, i) => {
    const from = new Date(now.getTime() - ms);
    return sql<number | null>`sum(total) filter (where bucket_start >= ${from})`.as(`t${i}`);
  });
  const row = (await db
    .selectFrom('slo_buckets')
    .select([...columns, ...totals])
    .where('slo_id', '=', sloId)
    .where('bucket_start', '>=', new Date(now.getTime() - longest))
    .where('bucket_start', '<', now)
    .executeTakeFirst()) as Record<string, number | string | null> | undefined;
  const out = new Map<number, Counts>();
  lookbackMs.forEach((ms, i) => out.set(ms, { good: Number(row?.[`g${i}`] ?? 0), total: Number(row?.[`t${i}`] ?? 0) }));
  return out;
}

/** Buckets in [from, to) summed per hour, for the budget chart. */
export async function hourlyBuckets(db: Db, sloId: string, from: Date, to: Date): Promise<Bucket[]> {
  const rows = await db
    .selectFrom('slo_buckets')
    .select([sql<Date>`date_trunc('hour', bucket_start)`.as('hour'), sql<number>`sum(good)`.as('good'), sql<number>`sum(total)`.as('total')])
    .where('slo_id', '=', sloId)
    .where('bucket_start', '>=', from)
    .where('bucket_start', '<', to)
    .groupBy(sql`date_trunc('hour', bucket_start)`)
    .execute();
  return rows.map((r) => ({ start: new Date(r.hour).getTime(), good: Number(r.good), total: Number(r.total) }));
}

/** Minute buckets in [from, to), for tests and exports. */
export async function minuteBuckets(db: Db, sloId: string, from: Date, to: Date): Promise<Bucket[]> {
  const rows = await db
    .selectFrom('slo_buckets')
    .select(['bucket_start', 'good', 'total'])
    .where('slo_id', '=', sloId)
    .where('bucket_start', '>=', from)
    .where('bucket_start', '<', to)
    .orderBy('bucket_start')
    .execute();
  return rows.map((r) => ({ start: new Date(r.bucket_start).getTime(), good: Number(r.good), total: Number(r.total) }));
}

/** SLOs whose evaluation is due (never evaluated, or last at or before `dueBefore`), oldest first; not locked. */
export async function findDueSloRows(db: Db, dueBefore: Date, limit: number): Promise<SloRow[]> {
  const ids = await db
    .selectFrom('slos')
    .select('id')
    .where((eb) => eb.or([eb('evaluated_at', 'is', null), eb('evaluated_at', '<=', dueBefore)]))
    .orderBy(sql`evaluated_at nulls first`)
    .orderBy('id')
    .limit(limit)
    .execute();
  return ids.length ? findSloRows(db, { ids: ids.map((i) => i.id) }) : [];
}

/** Locks one SLO for its evaluation if it is still due; another engine holding it, or done with it, means skip. */
export async function claimSlo(db: Db, id: string, dueBefore: Date): Promise<boolean> {
  const row = await db
    .selectFrom('slos')
    .select('id')
    .where('id', '=', id)
    .where((eb) => eb.or([eb('evaluated_at', 'is', null), eb('evaluated_at', '<=', dueBefore)]))
    .forUpdate()
    .skipLocked()
    .executeTakeFirst();
  return !!row;
}

export async function markEvaluated(db: Db, id: string, patch: { evaluated_at: Date; open_severities: string[]; collected_until?: Date }): Promise<void> {
  await db.updateTable('slos').set(patch).where('id', '=', id).execute();
}

/** Drops buckets no window can reach any more. */
export async function pruneBuckets(db: Db, sloId: string, before: Date): Promise<void> {
  await db.deleteFrom('slo_buckets').where('slo_id', '=', sloId).where('bucket_start', '<', before).execute();
}

/** Spans in which a heartbeat's missed-heartbeat alert was open, overlapping [from, to). */
export async function heartbeatOutages(db: Db, integrationId: string, from: Date, to: Date): Promise<{ from: number; to: number | null }[]> {
  const rows = await db
    .selectFrom('alerts')
    .select(['created_at', 'resolved_at'])
    .where('dedup_key', '=', `heartbeat:${integrationId}`)
    .where('created_at', '<', to)
    .where((eb) => eb.or([eb('resolved_at', 'is', null), eb('resolved_at', '>', from)]))
    .execute();
  return rows.map((r) => ({ from: new Date(r.created_at).getTime(), to: r.resolved_at ? new Date(r.resolved_at).getTime() : null }));
}

export async function findIntegration(db: Db, id: string): Promise<{ id: string; service_id: string; kind: string; created_at: Date } | undefined> {
  return db.selectFrom('integrations').select(['id', 'service_id', 'kind', 'created_at']).where('id', '=', id).executeTakeFirst();
}
