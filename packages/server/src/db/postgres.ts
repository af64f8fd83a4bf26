import { Kysely, PostgresDialect, type KyselyConfig, type PostgresPool, type PostgresPoolClient } from 'kysely';
import pg from 'pg';
import type { Logger } from '../lib/logger.js';
import type { Metrics } from '../lib/metrics.js';
import type { Database } from './index.js';
import type { DB } from './schema.js';
import { GENERIC_PLAN_SETTINGS, preparedAs } from './prepared.js';
import { classifyDatabaseError, DatabaseUnavailableError } from './unavailable.js';

// int8 (counts, identities) as numbers: ours stay far below 2^53.
pg.types.setTypeParser(20, (v) => Number(v));

/**
 * Waiting longer for a connection helps nobody: a sender would rather hear 503 and
 * retry, and the engine tries again next cycle. Refused connections fail at once.
 */
const CONNECT_TIMEOUT_MS = 5_000;
/** The LISTEN connection comes back after 0.25, 0.5, 1 … 10 s; the safety cycle covers the gap. */
const LISTEN_RETRY_MS = { first: 250, max: 10_000 };


/**
 * Connections die under us when PostgreSQL restarts, fails over or terminates a
 * backend. Every failure to get a connection, and every error that says the
 * connection went away, reaches callers as DatabaseUnavailableError (503 over
 * HTTP; the engine tries again next cycle). Every client has an 'error' listener
 * for its whole life, checked out or idle: node-postgres emits 'error' on the
 * client when its socket dies, and an EventEmitter without a listener throws it,
 * which ended the process.
 */
async function connect(pool: pg.Pool): Promise<pg.PoolClient> {
  try {
    return await pool.connect();
  } catch (error) {
    throw new DatabaseUnavailableError(error);
  }
}

/**
 * A checked-out client whose queries classify their errors. One that lost its
 * connection is destroyed on release: the error of a terminated backend can
 * reach the query before the socket closes, and the pool would otherwise hand
 * the dying client to the next caller.
 */
function guarded(client: pg.PoolClient) {
  let lost: Error | undefined;
  return {
    async run<T>(work: () => Promise<T>): Promise<T> {
      try {
        return await work();
      } catch (error) {
        const classified = classifyDatabaseError(error);
        if (classified instanceof DatabaseUnavailableError) lost = classified;
        throw classified;
      }
    },
    release: () => client.release(lost),
  };
}

/**
 * Kysely's connections, checked out when their first statement comes: that statement
 * picks the pool. A transaction opens with `begin`, so a statement marked for a
 * generic plan (db/prepared.ts) gets a connection that plans it so only when it runs
 * alone; inside a transaction it runs on the transaction's connection, planned per run.
 */
function preparing(pools: { custom: pg.Pool; generic: pg.Pool }): PostgresPool {
  return {
    async connect() {
      let held: Promise<pg.PoolClient> | undefined;
      let guard: ReturnType<typeof guarded> | undefined;
      const checkout = async (pool: pg.Pool) => {
        const client = await connect(pool);
        guard = guarded(client);
        return client;
      };
      const query = async (text: string, values: unknown[]) => {
        const prepared = preparedAs(text);
        const client = await (held ??= checkout(prepared?.generic ? pools.generic : pools.custom));
        return guard!.run(() => (prepared ? client.query({ name: prepared.name, text, values }) : client.query(text, values)));
      };
      return { query, release: () => guard?.release() } as unknown as PostgresPoolClient;
    },
    // The database's close() ends the pools: Kysely ends its pool only if it ever used it.
    end: async () => {},
  };
}

/** Connections the ingest write plans once on: the ingest queue writes one batch at a time. */
const GENERIC_POOL_SIZE = 4;

function newPool(url: string, max: number, settings: Record<string, string>, metrics?: Metrics, log?: Logger): pg.Pool {
  const pool = new pg.Pool({
    connectionString: url,
    max,
    connectionTimeoutMillis: CONNECT_TIMEOUT_MS,
    options: Object.entries(settings).map(([k, v]) => `-c ${k}=${v}`).join(' '),
  });
  pool.on('connect', (client) =>
    client.on('error', (error) => {
      metrics?.dbErrors.inc();
      log?.event('DB_CONNECTION_LOST', { reason: reasonOf(error) });
    }),
  );
  // pg-pool re-emits an idle client's error on the pool (the client's own listener
  // has logged it); the pool discards that client and the next query opens a new one.
  pool.on('error', () => {});
  return pool;
}

export function openPostgres(
  options: { url: string; poolSize: number },
  kyselyLog: KyselyConfig['log'],
  metrics?: Metrics,
  log?: Logger,
): Database {
  const pool = newPool(options.url, options.poolSize, { plan_cache_mode: 'force_custom_plan' }, metrics, log);
  const generic = newPool(options.url, GENERIC_POOL_SIZE, GENERIC_PLAN_SETTINGS, metrics, log);
  const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool: preparing({ custom: pool, generic }) }), log: kyselyLog });
  return {
    kind: 'postgres',
    db,
    async session(fn) {
      const client = await connect(pool);
      const { run, release } = guarded(client);
      try {
        return await fn({
          query: async (text, params) => (await run(() => client.query(text, params as unknown[]))).rows,
          exec: async (script) => void (await run(() => client.query(script))),
        });
      } finally {
        release();
      }
    },
    listen: (channel, onNotify) => listenPostgres(options.url, channel, onNotify, metrics, log),
    // The pools, not Kysely: when only session() was used, Kysely never opened its pool
    // and its destroy() left the session's connection open (10 s, until idle timeout),
    // and a template database with a connection cannot be copied.
    async close() {
      await db.destroy();
      await Promise.all([pool.end(), generic.end()]);
    },
  };
}

/**
 * A dedicated connection for LISTEN. When PostgreSQL drops it (restart, failover,
 * terminated backend) or cannot be reached, it reconnects with backoff and LISTENs
 * again, then calls `onNotify` once: notifications sent meanwhile were lost, and
 * the engine's safety cycle would otherwise be the first to notice the work.
 */
async function listenPostgres(url: string, channel: string, onNotify: () => void, metrics?: Metrics, log?: Logger): Promise<() => Promise<void>> {
  let current: pg.Client | undefined;
  let stopped = false;
  let failures = 0;
  let timer: NodeJS.Timeout | undefined;
  let lastError: unknown;

  const open = async (): Promise<pg.Client> => {
    const c = new pg.Client({ connectionString: url, connectionTimeoutMillis: CONNECT_TIMEOUT_MS });
    c.on('notification', (n) => n.channel === channel && onNotify());
    // Both fire when the socket dies ('end' alone when the server closes it cleanly).
    c.on('error', (error) => lost(c, error));
    c.on('end', () => lost(c));
    try {
      await c.connect();
      await c.query(`listen ${pg.escapeIdentifier(channel)}`);
      return c;
    } catch (error) {
      void c.end().catch(() => {});
      throw error;
    }
  };

  const lost = (c: pg.Client, error?: unknown) => {
    if (c !== current) return; // a client already given up, or one still connecting (its connect fails)
    current = undefined;
    metrics?.dbErrors.inc();
    log?.event('DB_LISTEN_LOST', { channel, reason: error ? reasonOf(error) : 'connection closed' });
    void c.end().catch(() => {});
    retry();
  };

  const attempt = async (): Promise<boolean> => {
    try {
      const c = await open();
      if (stopped) {
        await c.end().catch(() => {});
        return true;
      }
      current = c;
      return true;
    } catch (error) {
      failures++;
      lastError = error;
      return false;
    }
  };

  const retry = () => {
    if (stopped) return;
    const delay = Math.min(LISTEN_RETRY_MS.max, LISTEN_RETRY_MS.first * 2 ** failures);
    timer = setTimeout(async () => {
      if (!(await attempt())) return retry();
      if (stopped) return;
      log?.event('DB_LISTEN_RESTORED', { channel, attempts: failures + 1 });
      failures = 0;
      onNotify();
    }, delay);
    timer.unref();
  };

  // A database out of reach at start is the same as one lost later: keep trying.
  if (!(await attempt())) {
    log?.event('DB_LISTEN_LOST', { channel, reason: reasonOf(lastError) });
    retry();
  }
  return async () => {
    stopped = true;
    clearTimeout(timer);
    const c = current;
    current = undefined;
    await c?.end().catch(() => {});
  };
}

function reasonOf(error: unknown): string {
  if (error instanceof DatabaseUnavailableError) return error.reason;
  const e = error as { code?: unknown; message?: unknown };
  return [e?.code, e?.message].filter((x) => typeof x === 'string' && x).join(': ') || String(error);
}
