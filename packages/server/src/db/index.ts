import { PGlite } from '@electric-sql/pglite';
import { Kysely, sql, type LogEvent } from 'kysely';
import type { Config } from '../config/index.js';
import type { Logger } from '../lib/logger.js';
import type { Metrics } from '../lib/metrics.js';
import { Mutex } from './mutex.js';
import { createPglite, pgliteFromDump } from './pglite.js';
import { migratedTemplate } from './template.js';
import { PgliteDialect } from './pglite-dialect.js';
import { openPostgres } from './postgres.js';
import type { DB } from './schema.js';

export type * from './schema.js';
export type * from './schema-schedules.js';
export type * from './schema-slo.js';
export type * from './schema-incidents.js';
export type * from './schema-postmortems.js';
export type * from './schema-statuspage.js';
export type * from './schema-checks.js';
export type Db = Kysely<DB>;
export { inTransaction } from './transaction.js';
export { migrate, pendingMigrations, listMigrations } from './migrate.js';
export { createPglite } from './pglite.js';
export { writeMigratedTemplate } from './template.js';
export { PREPARED_MARKER } from './prepared.js';
export { jsonArrayParam, uuidArrayParam } from './array-params.js';
export { maintainTable, tablesDueForMaintenance } from './embedded-maintenance.js';
export { DatabaseUnavailableError, isDatabaseUnavailable, isConnectionError, UNAVAILABLE_RETRY_AFTER_SECONDS } from './unavailable.js';

/** Raw SQL on one dedicated session: what migrations and advisory locks need. */
export interface RawSession {
  query<R = Record<string, unknown>>(text: string, params?: unknown[]): Promise<R[]>;
  /** Several statements at once (a migration file). */
  exec(script: string): Promise<void>;
}

export interface Database {
  kind: 'pglite' | 'postgres';
  db: Db;
  session<T>(fn: (session: RawSession) => Promise<T>): Promise<T>;
  /** Calls `onNotify` for every NOTIFY on `channel` (delivered at the sender's commit). */
  listen(channel: string, onNotify: () => void): Promise<() => Promise<void>>;
  close(): Promise<void>;
}

/**
 * `pglite` hands in an instance that is already open. A database in memory starts
 * from the migrated template (db/template.ts): under a second instead of initdb and
 * every migration (five seconds), for tests, demos and throwaway servers.
 */
export async function openDatabase(options: Config['database'], metrics?: Metrics, pgliteInstance?: PGlite, logger?: Logger): Promise<Database> {
  const kyselyLog = metrics ? kyselyMetrics(metrics) : undefined;
  if (options.kind === 'postgres') return openPostgres(options, kyselyLog, metrics, logger);

  const pglite = pgliteInstance ?? (options.dataDir.startsWith('memory://') ? await pgliteFromDump(await migratedTemplate()) : await createPglite(options.dataDir));
  const mutex = new Mutex();
  const db = new Kysely<DB>({ dialect: new PgliteDialect(pglite, mutex), log: kyselyLog });
  return {
    kind: 'pglite',
    db,
    async session(fn) {
      const release = await mutex.lock();
      try {
        return await fn({
          query: async (text, params) => (await pglite.query<any>(text, params as unknown[])).rows,
          exec: async (script) => void (await pglite.exec(script)),
        });
      } finally {
        release();
      }
    },
    async listen(channel, onNotify) {
      const unlisten = await pglite.listen(channel, () => onNotify());
      return async () => {
        if (!pglite.closed) await unlisten();
      };
    },
    async close() {
      await db.destroy();
      await pglite.close();
    },
  };
}

function kyselyMetrics(metrics: Metrics) {
  return (event: LogEvent) => {
    const kind = event.query.sql.trimStart().slice(0, 6).toLowerCase();
    metrics.dbDuration.observe({ kind }, event.queryDurationMillis / 1000);
    if (event.level === 'error') metrics.dbErrors.inc();
  };
}

/** True when the database answers a trivial query. */
export async function ping(db: Db): Promise<boolean> {
  try {
    await sql`select 1`.execute(db);
    return true;
  } catch {
    return false;
  }
}
