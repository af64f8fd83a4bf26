import { createServer } from 'node:net';
import { sql } from 'kysely';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, postgresAvailable } from '../test-support/databases.js';
import { inTransaction, isDatabaseUnavailable, openDatabase, type Database } from './index.js';

/** Lost connections inside one process; db/faults.test.ts does the same to a whole server. */
describe.runIf(await postgresAvailable())('PostgreSQL connections that go away', () => {
  let target: Awaited<ReturnType<typeof createTestDatabase>>;
  let database: Database;
  let admin: pg.Client;

  beforeAll(async () => {
    target = await createTestDatabase();
    database = await openDatabase({ kind: 'postgres', url: target.url, poolSize: 2 });
    admin = new pg.Client({ connectionString: target.url });
    await admin.connect();
  });
  afterAll(async () => {
    await database?.close();
    await admin?.end();
    await target?.drop();
  });

  const pidOf = async (db: Database['db']) => (await sql<{ pid: number }>`select pg_backend_pid() as pid`.execute(db)).rows[0]!.pid;
  const terminate = (pid: number) => admin.query('select pg_terminate_backend($1)', [pid]);
  const until = async (done: () => boolean) => {
    for (let i = 0; i < 200 && !done(); i++) await new Promise((r) => setTimeout(r, 50));
    expect(done()).toBe(true);
  };

  it('a connection cut in the middle of a transaction is a DatabaseUnavailableError, not a crash; the next query works', async () => {
    const error = await inTransaction(database.db, async (trx) => {
      await terminate(await pidOf(trx));
      // The client is checked out and idle when its socket dies: with no listener
      // node-postgres' 'error' event would be thrown and end the process.
      await new Promise((r) => setTimeout(r, 100));
      return sql`select 1`.execute(trx);
    }).catch((e: unknown) => e);
    expect(isDatabaseUnavailable(error)).toBe(true);
    expect((await sql<{ one: number }>`select 1 as one`.execute(database.db)).rows).toEqual([{ one: 1 }]);
  });

  it('a query cut off by a terminated backend fails alone: the next caller never gets the dying connection', async () => {
    const single = await openDatabase({ kind: 'postgres', url: target.url, poolSize: 1 });
    try {
      for (let round = 0; round < 5; round++) {
        const pid = await pidOf(single.db);
        const sleeping = sql`select pg_sleep(10)`.execute(single.db).catch((e: unknown) => e);
        for (let i = 0; i < 100 && !(await admin.query(`select 1 from pg_stat_activity where pid = $1 and query like '%pg_sleep%' and state = 'active'`, [pid])).rowCount; i++) {
          await new Promise((r) => setTimeout(r, 10));
        }
        await terminate(pid);
        expect(isDatabaseUnavailable(await sleeping)).toBe(true);
        // Asked at once, as a busy server would: the pool must open a new connection.
        expect((await sql<{ one: number }>`select 1 as one`.execute(single.db)).rows).toEqual([{ one: 1 }]);
      }
    } finally {
      await single.close();
    }
  });

  it('idle connections cut from under the pool are replaced', async () => {
    await Promise.all([pidOf(database.db), pidOf(database.db)]);
    await admin.query('select pg_terminate_backend(pid) from pg_stat_activity where datname = current_database() and pid <> pg_backend_pid()');
    await new Promise((r) => setTimeout(r, 100));
    expect((await sql<{ one: number }>`select 1 as one`.execute(database.db)).rows).toEqual([{ one: 1 }]);
  });

  it('close() leaves no connection behind, so the database can be copied at once (the tests\' template)', async () => {
    const source = await createTestDatabase();
    const copy = `${source.name}_copy`;
    const opened = await openDatabase({ kind: 'postgres', url: source.url, poolSize: 2 });
    try {
      // A session alone (what migrations use), and a statement on the generic-plan connections.
      await opened.session((s) => s.query('select 1'));
      await sql`/* prepared: test-close-generic, generic plan */ select 1 as x`.execute(opened.db);
      await opened.close();
      await admin.query(`create database ${copy} template ${source.name}`);
    } finally {
      await admin.query(`drop database if exists ${copy}`);
      await source.drop();
    }
  });

  it('a database nobody answers for is a DatabaseUnavailableError', async () => {
    const closed = createServer();
    await new Promise<void>((r) => closed.listen(0, '127.0.0.1', r));
    const port = (closed.address() as { port: number }).port;
    await new Promise((r) => closed.close(r));
    const nowhere = await openDatabase({ kind: 'postgres', url: `postgres://postgres@127.0.0.1:${port}/x`, poolSize: 1 });
    try {
      const error = await sql`select 1`.execute(nowhere.db).catch((e: unknown) => e);
      expect(isDatabaseUnavailable(error)).toBe(true);
      const raw = await nowhere.session((s) => s.query('select 1')).catch((e: unknown) => e);
      expect(isDatabaseUnavailable(raw)).toBe(true);
    } finally {
      await nowhere.close();
    }
  });

  it('LISTEN comes back after its connection is cut, wakes once for what it missed, and hears new notifications', async () => {
    let wakes = 0;
    const unlisten = await database.listen('operable_test_channel', () => wakes++);
    try {
      const listening = async () =>
        (await admin.query<{ pid: number }>(`select pid from pg_stat_activity where datname = current_database() and query ilike 'listen %'`)).rows;
      const [before] = await listening();
      expect(before).toBeDefined();
      await terminate(before!.pid);
      // Back on a new connection, LISTENing again, and the engine is woken for the gap.
      let after: { pid: number }[] = [];
      await until(() => wakes === 1);
      after = await listening();
      expect(after.map((r) => r.pid)).not.toContain(before!.pid);
      expect(after).toHaveLength(1);
      await admin.query(`select pg_notify('operable_test_channel', '')`);
      await until(() => wakes === 2);
    } finally {
      await unlisten();
    }
  });
});
