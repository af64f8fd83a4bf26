import { sql, type Insertable, type Selectable, type Updateable } from 'kysely';
import type { ChecksTable, Db } from '../db/index.js';

export type CheckRow = Selectable<ChecksTable> & { service_name: string; team_id: string };

export interface CheckFilter {
  id?: string;
  serviceId?: string;
}

export async function findChecks(db: Db, f: CheckFilter = {}): Promise<CheckRow[]> {
  let q = db
    .selectFrom('checks as c')
    .innerJoin('services as s', 's.id', 'c.service_id')
    .selectAll('c')
    .select(['s.name as service_name', 's.team_id']);
  if (f.id) q = q.where('c.id', '=', f.id);
  if (f.serviceId) q = q.where('c.service_id', '=', f.serviceId);
  // Down first, then by name: the list leads with what is broken.
  return q.orderBy(sql`case c.state when 'down' then 0 when 'pending' then 1 else 2 end`).orderBy('c.name').orderBy('c.id').execute();
}

export type CheckSummaryRow = Pick<
  CheckRow,
  'id' | 'name' | 'kind' | 'target' | 'service_id' | 'service_name' | 'team_id' | 'state' | 'paused' | 'state_changed_at' | 'last_run_at' | 'last_ok' | 'last_latency_ms' | 'last_message' | 'interval_seconds' | 'next_at'
> & { recent_text: string };

/**
 * The list's columns only: no settings to parse, and the sparkline as text, which
 * reads faster than an array on the embedded database (a thousand checks in tens of ms).
 */
export async function findCheckSummaries(db: Db, f: Omit<CheckFilter, 'id'> = {}): Promise<CheckSummaryRow[]> {
  let q = db
    .selectFrom('checks as c')
    .innerJoin('services as s', 's.id', 'c.service_id')
    .select([
      'c.id', 'c.name', 'c.kind', 'c.target', 'c.service_id', 's.name as service_name', 's.team_id', 'c.state', 'c.paused',
      'c.state_changed_at', 'c.last_run_at', 'c.last_ok', 'c.last_latency_ms', 'c.last_message', 'c.interval_seconds', 'c.next_at',
      sql<string>`array_to_string(c.recent, ',')`.as('recent_text'),
    ]);
  if (f.serviceId) q = q.where('c.service_id', '=', f.serviceId);
  return q.orderBy(sql`case c.state when 'down' then 0 when 'pending' then 1 else 2 end`).orderBy('c.name').orderBy('c.id').execute();
}

export async function insertCheck(db: Db, row: Insertable<ChecksTable>): Promise<string> {
  return (await db.insertInto('checks').values(row).returning('id').executeTakeFirstOrThrow()).id;
}

export async function updateCheckRow(db: Db, id: string, patch: Updateable<ChecksTable>): Promise<void> {
  await db.updateTable('checks').set(patch).where('id', '=', id).execute();
}

export async function deleteCheckRow(db: Db, id: string): Promise<void> {
  await db.deleteFrom('checks').where('id', '=', id).execute();
}

export async function checkNameTaken(db: Db, serviceId: string, name: string, exceptId?: string): Promise<boolean> {
  let q = db.selectFrom('checks').select('id').where('service_id', '=', serviceId).where(sql<boolean>`lower(name) = lower(${name})`);
  if (exceptId) q = q.where('id', '<>', exceptId);
  return (await q.executeTakeFirst()) !== undefined;
}

export async function serviceTeam(db: Db, serviceId: string): Promise<string | undefined> {
  return (await db.selectFrom('services').select('team_id').where('id', '=', serviceId).executeTakeFirst())?.team_id;
}

/** Name and whether each of these checks is down now (paused checks say nothing): what a status page follows. */
export async function checkHealth(db: Db, ids: string[]): Promise<Map<string, { name: string; down: boolean }>> {
  if (!ids.length) return new Map();
  const rows = await db.selectFrom('checks').select(['id', 'name', 'state', 'paused']).where('id', 'in', ids).execute();
  return new Map(rows.map((r) => [r.id, { name: r.name, down: r.state === 'down' && !r.paused }]));
}

export const checkDedupKey = (checkId: string) => `check:${checkId}`;

/** The alerts a check raised, newest first. */
export async function checkAlerts(db: Db, serviceId: string, checkId: string, limit = 20) {
  return db
    .selectFrom('alerts')
    .select(['id', 'number', 'status', 'summary', 'created_at', 'resolved_at'])
    .where('service_id', '=', serviceId)
    .where('dedup_key', '=', checkDedupKey(checkId))
    .orderBy('created_at', 'desc')
    .limit(limit)
    .execute();
}

/**
 * Leases due checks to `owner` until `leaseUntil`. SKIP LOCKED lets engines claim side
 * by side; an expired lease (its engine died mid-probe) is due again for anyone.
 */
export const LEASE_MARGIN_MS = 30_000;

export async function leaseDueChecks(db: Db, now: Date, owner: string, limit: number): Promise<Selectable<ChecksTable>[]> {
  const due = db
    .selectFrom('checks')
    .select('id')
    .where('paused', '=', false)
    .where('next_at', '<=', now)
    .where((eb) => eb.or([eb('lease_until', 'is', null), eb('lease_until', '<', now)]))
    .orderBy('next_at')
    .limit(limit)
    .forUpdate()
    .skipLocked();
  // Each lease outlasts its check's timeout by half a minute: enough to record the result.
  return db
    .updateTable('checks')
    .set({ lease_owner: owner, lease_until: sql<Date>`${now}::timestamptz + make_interval(secs => (timeout_ms + ${LEASE_MARGIN_MS}) / 1000.0)` }).where('id', 'in', due).returningAll().execute();
}

/** The leased check, locked, if `owner` still holds its lease (an edit or another engine may have taken it). */
export async function lockLeasedCheck(db: Db, id: string, owner: string): Promise<Selectable<ChecksTable> | undefined> {
  return db.selectFrom('checks').selectAll().where('id', '=', id).where('lease_owner', '=', owner).forUpdate().executeTakeFirst();
}

export async function insertResult(db: Db, row: { check_id: string; at: Date; ok: boolean; latency_ms: number | null; message: string; maintenance: boolean; start_delay_ms: number }): Promise<void> {
  // A slot run twice (a lease that expired while the probe was slow) keeps its first result.
  await db.insertInto('check_results').values(row).onConflict((oc) => oc.columns(['check_id', 'at']).doNothing()).execute();
}

/** The earliest slot any active check is due at, for the runner's next wake-up. */
export async function nextDueAt(db: Db): Promise<Date | null> {
  const row = await db.selectFrom('checks').select((eb) => eb.fn.min('next_at').as('at')).where('paused', '=', false).executeTakeFirst();
  return row?.at ? new Date(row.at as Date) : null;
}
