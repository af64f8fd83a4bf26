import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { inject } from 'vitest';

/**
 * Database-touching suites run on PGlite always, and again on PostgreSQL when one
 * is reachable (TEST_DATABASE_URL, else the local default). With CI=true a missing
 * PostgreSQL fails the run instead of skipping it.
 */
const DEFAULT_ADMIN_URL = 'postgres://postgres@127.0.0.1:5432/postgres';
const adminUrl = process.env.TEST_DATABASE_URL ?? DEFAULT_ADMIN_URL;

let reachable: Promise<boolean> | undefined;

export function postgresAvailable(): Promise<boolean> {
  reachable ??= (async () => {
    const client = new pg.Client({ connectionString: adminUrl, connectionTimeoutMillis: 2000 });
    try {
      await client.connect();
      await client.query('select 1');
      return true;
    } catch (error) {
      if (process.env.CI === 'true') throw new Error(`CI=true but PostgreSQL is not reachable at ${adminUrl}: ${(error as Error).message}`);
      return false;
    } finally {
      await client.end().catch(() => {});
    }
  })();
  return reachable;
}

/**
 * Creates a fresh database for one suite; `drop` drops it. `migrated` copies the run's
 * migrated template (global-setup.ts) instead of starting empty.
 */
export async function createTestDatabase(options: { migrated?: boolean } = {}): Promise<{ name: string; url: string; drop(): Promise<void> }> {
  const name = `operable_test_${randomBytes(6).toString('hex')}`;
  const template = options.migrated ? inject('postgresTemplate') : null;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`create database ${name}${template ? ` template ${template}` : ''}`);
  await admin.end();
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return {
    name,
    url: url.toString(),
    async drop() {
      const c = new pg.Client({ connectionString: adminUrl });
      await c.connect();
      await c.query(`drop database if exists ${name} with (force)`);
      await c.end();
    },
  };
}

export type DatabaseKind = 'pglite' | 'postgres';

/** The kinds to run a suite on, decided once at collection time. */
export async function databaseKinds(): Promise<DatabaseKind[]> {
  return (await postgresAvailable()) ? ['pglite', 'postgres'] : ['pglite'];
}
