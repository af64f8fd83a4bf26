import { sql } from 'kysely';
import type { Db } from '../db/index.js';
import type { Resolution } from './state.js';

export interface PointRow {
  check_id: string;
  bucket: Date;
  total: number;
  up: number;
  latency_p50: number | null;
  latency_p95: number | null;
  latency_max: number | null;
}

/**
 * The summary of raw results in [from, to), one row per check and bucket. The same
 * statement writes rollups and answers for the recent part not rolled up yet, so the
 * two always agree. Latency percentiles are nearest-rank over passing probes;
 * maintenance probes are not counted for uptime.
 */
function aggregate(db: Db, resolution: Resolution, from: Date, to: Date, checkIds?: readonly string[]) {
  // A literal, not a parameter: GROUP BY must see the same expression as the SELECT.
  const bucket = sql<Date>`date_trunc(${sql.lit(resolution)}, r.at at time zone 'UTC') at time zone 'UTC'`;
  let q = db
    .selectFrom('check_results as r')
    .select([
      'r.check_id',
      bucket.as('bucket'),
      sql<number>`(count(*) filter (where not r.maintenance))::int`.as('total'),
      sql<number>`(count(*) filter (where r.ok and not r.maintenance))::int`.as('up'),
      sql<number | null>`(percentile_disc(0.5) within group (order by r.latency_ms) filter (where r.ok))::int`.as('latency_p50'),
      sql<number | null>`(percentile_disc(0.95) within group (order by r.latency_ms) filter (where r.ok))::int`.as('latency_p95'),
      sql<number | null>`(max(r.latency_ms) filter (where r.ok))::int`.as('latency_max'),
    ])
    .where('r.at', '>=', from)
    .where('r.at', '<', to);
  if (checkIds) q = q.where('r.check_id', 'in', [...checkIds]);
  return q.groupBy(['r.check_id', bucket]);
}

export async function rawPoints(db: Db, resolution: Resolution, checkIds: readonly string[], from: Date, to: Date): Promise<PointRow[]> {
  if (!checkIds.length || from >= to) return [];
  return (await aggregate(db, resolution, from, to, checkIds).execute()) as PointRow[];
}

export async function rolledPoints(db: Db, resolution: Resolution, checkIds: readonly string[], from: Date, to: Date): Promise<PointRow[]> {
  if (!checkIds.length || from >= to) return [];
  return db
    .selectFrom('check_rollups')
    .select(['check_id', 'bucket', 'total', 'up', 'latency_p50', 'latency_p95', 'latency_max'])
    .where('resolution', '=', resolution)
    .where('check_id', 'in', [...checkIds])
    .where('bucket', '>=', from)
    .where('bucket', '<', to)
    .orderBy('bucket')
    .execute();
}

/** Writes the rollups of [from, to) from raw results (again, if a bucket was written before). */
export async function writeRollups(db: Db, resolution: Resolution, from: Date, to: Date): Promise<number> {
  const rows = await sql<{ n: number }>`
    with fresh as (${aggregate(db, resolution, from, to)}),
    written as (
      insert into check_rollups (check_id, resolution, bucket, total, up, latency_p50, latency_p95, latency_max)
      select check_id, ${resolution}, bucket, total, up, latency_p50, latency_p95, latency_max from fresh
      on conflict (check_id, resolution, bucket) do update set
        total = excluded.total, up = excluded.up, latency_p50 = excluded.latency_p50,
        latency_p95 = excluded.latency_p95, latency_max = excluded.latency_max
      returning 1
    )
    select count(*)::int as n from written`.execute(db);
  return rows.rows[0]?.n ?? 0;
}

/** How far `resolution` is rolled up, locked for this engine; undefined when another engine holds it. */
export async function lockCursor(db: Db, resolution: Resolution): Promise<{ rolled_until: Date } | null | undefined> {
  await db.insertInto('check_rollup_cursors').values({ resolution, rolled_until: new Date(0) }).onConflict((oc) => oc.column('resolution').doNothing()).execute();
  const row = await db.selectFrom('check_rollup_cursors').select('rolled_until').where('resolution', '=', resolution).forUpdate().skipLocked().executeTakeFirst();
  return row ? { rolled_until: new Date(row.rolled_until) } : undefined;
}

export async function readCursor(db: Db, resolution: Resolution): Promise<Date | null> {
  const row = await db.selectFrom('check_rollup_cursors').select('rolled_until').where('resolution', '=', resolution).executeTakeFirst();
  return row ? new Date(row.rolled_until) : null;
}

export async function moveCursor(db: Db, resolution: Resolution, to: Date): Promise<void> {
  await db.updateTable('check_rollup_cursors').set({ rolled_until: to }).where('resolution', '=', resolution).execute();
}

export async function oldestResultAt(db: Db, since: Date): Promise<Date | null> {
  const row = await db.selectFrom('check_results').select((eb) => eb.fn.min('at').as('at')).where('at', '>=', since).executeTakeFirst();
  return row?.at ? new Date(row.at as Date) : null;
}

export async function pruneResults(db: Db, before: Date): Promise<number> {
  const r = await db.deleteFrom('check_results').where('at', '<', before).executeTakeFirst();
  return Number(r.numDeletedRows);
}

export async function pruneRollups(db: Db, resolution: Resolution, before: Date): Promise<number> {
  const r = await db.deleteFrom('check_rollups').where('resolution', '=', resolution).where('bucket', '<', before).executeTakeFirst();
  return Number(r.numDeletedRows);
}

/** The newest raw results of one check. */
export async function recentResults(db: Db, checkId: string, from: Date, to: Date, limit: number) {
  return db
    .selectFrom('check_results')
    .select(['at', 'ok', 'latency_ms', 'message', 'maintenance', 'start_delay_ms'])
    .where('check_id', '=', checkId)
    .where('at', '>=', from)
    .where('at', '<', to)
    .orderBy('at', 'desc')
    .limit(limit)
    .execute();
}

/** Every counted run of a check in [from, to) (maintenance runs left out), oldest first: what an SLO reads minute by minute. */
export async function countedRuns(db: Db, checkId: string, from: Date, to: Date) {
  return db
    .selectFrom('check_results')
    .select([sql<number>`(extract(epoch from at) * 1000)::float8`.as('at'), 'ok', 'latency_ms'])
    .where('check_id', '=', checkId)
    .where('at', '>=', from)
    .where('at', '<', to)
    .where('maintenance', '=', false)
    .orderBy('at')
    .execute();
}

export async function checkServiceId(db: Db, checkId: string): Promise<string | null> {
  return (await db.selectFrom('checks').select('service_id').where('id', '=', checkId).executeTakeFirst())?.service_id ?? null;
}
