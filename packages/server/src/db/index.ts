import { PGlite } from '@electric-sql/pglite';
import { Kysely, PostgresDialect, sql, type LogEvent, type PostgresPool, type PostgresPoolClient } from 'kysely';
import pg from 'pg';
import type { Config } from '../config/index.js';
import type { Metrics } from '../lib/metrics.js';
import { Mutex } from './mutex.js';
import { createPglite } from './pglite.js';
import { PgliteDialect } from './pglite-dialect.js';
import type { DB } from './schema.js';

export type * from './schema.js';
export type * from './schema-schedules.js';
export type Db = Kysely<DB>;
export { inTransaction } from './transaction.js';
export { migrate, pendingMigrations, listMigrations } from './migrate.js';
export { createPglite } from './pglite.js';

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

// int8 (counts, identities) as numbers: ours stay far below 2^53.
pg.types.setTypeParser(20, (v) => Number(v));

/**
 * Statements that open with `/* prepared: name *\/` are prepared once per connection
 * and reused: on the hot ingest path parsing and planning each statement anew cost
 * PostgreSQL as much as running it. Only fixed texts may carry the marker, since
 * one name must always mean one text. Connections force custom plans: left to
 * choose, PostgreSQL switched the ingest write to a generic plan after five runs,
 * made while the alerts table was nearly empty and kept for the connection's life,
 * and it then scanned every alert for each batch (4 ms at 24,000 alerts, and
 * ingest at c16 swung between 2,100 and 3,000 events/s with that choice). Planning
 * anew costs ~0.2 ms; preparing still saves parsing.
 */
export const PREPARED_MARKER = /^\s*\/\* prepared: ([\w-]+) \*\//;

function preparing(pool: pg.Pool): PostgresPool {
  return {
    async connect() {
      const client = await pool.connect();
      const query = (text: string, values: unknown[]) => {
        const name = PREPARED_MARKER.exec(text)?.[1];
        return name ? client.query({ name, text, values }) : client.query(text, values);
      };
      return { query, release: () => client.release() } as unknown as PostgresPoolClient;
    },
    end: () => pool.end(),
  };
}

/** `pglite` hands in an instance that is already open (tests clone a migrated template). */
export async function openDatabase(options: Config['database'], metrics?: Metrics, pgliteInstance?: PGlite): Promise<Database> {
  const log = metrics ? kyselyMetrics(metrics) : undefined;
  if (options.kind === 'postgres') {
    const pool = new pg.Pool({ connectionString: options.url, max: options.poolSize, options: '-c plan_cache_mode=force_custom_plan' });
    // An idle connection the server drops (restart, failover) must not crash the
    // process: the pool discards it and the next query opens a new one.
    pool.on('error', () => metrics?.dbErrors.inc());
    const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool: preparing(pool) }), log });
    return {
      kind: 'postgres',
      db,
      async session(fn) {
        const client = await pool.connect();
        try {
          return await fn({
            query: async (text, params) => (await client.query(text, params as unknown[])).rows,
            exec: async (script) => void (await client.query(script)),
          });
        } finally {
          client.release();
        }
      },
      listen: (channel, onNotify) => listenPostgres(options.url, channel, onNotify, metrics),
      close: () => db.destroy(),
    };
  }

  const pglite = pgliteInstance ?? (await createPglite(options.dataDir));
  const mutex = new Mutex();
  const db = new Kysely<DB>({ dialect: new PgliteDialect(pglite, mutex), log });
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

/**
 * A dedicated connection for LISTEN. If PostgreSQL drops it (restart, failover)
 * it reconnects; the engine's safety cycle covers notifications missed meanwhile.
 */
async function listenPostgres(url: string, channel: string, onNotify: () => void, metrics?: Metrics): Promise<() => Promise<void>> {
  let client: pg.Client | undefined;
  let stopped = false;
  const connect = async (): Promise<void> => {
    const c = new pg.Client({ connectionString: url });
    c.on('notification', (n) => n.channel === channel && onNotify());
    c.on('error', () => {
      metrics?.dbErrors.inc();
      void c.end().catch(() => {});
      if (!stopped) setTimeout(() => void connect().catch(() => {}), 1000).unref();
    });
    await c.connect();
    await c.query(`listen ${pg.escapeIdentifier(channel)}`);
    client = c;
  };
  await connect();
  return async () => {
    stopped = true;
    await client?.end().catch(() => {});
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
