import { describe, expect, it } from 'vitest';
import { createTestDatabase, postgresAvailable } from '../test-support/databases.js';
import { createPglite, openDatabase } from './index.js';
import { listMigrations, migrate, pendingMigrations } from './migrate.js';

/** A database without migrations: a server's in-memory one starts from the migrated template. */
const emptyPglite = async () => openDatabase({ kind: 'pglite', dataDir: 'memory://' }, undefined, await createPglite('memory://'));

describe('migrations on PGlite', () => {
  it('apply once, then report nothing pending', async () => {
    const database = await emptyPglite();
    try {
      expect(await pendingMigrations(database)).toEqual(listMigrations().map((m) => m.version));
      expect(await migrate(database)).toEqual(listMigrations().map((m) => m.version));
      expect(await migrate(database)).toEqual([]);
      expect(await pendingMigrations(database)).toEqual([]);
    } finally {
      await database.close();
    }
  });

  it('a database in memory starts from the migrated template: nothing pending, data tables there', async () => {
    const database = await openDatabase({ kind: 'pglite', dataDir: 'memory://' });
    try {
      expect(await pendingMigrations(database)).toEqual([]);
      expect(await database.db.selectFrom('alerts').select('id').execute()).toEqual([]);
    } finally {
      await database.close();
    }
  });

  it('refuse to run when an applied migration was edited', async () => {
    const database = await emptyPglite();
    try {
      await migrate(database);
      const edited = listMigrations().map((m, i) => (i === 0 ? { ...m, checksum: 'different' } : m));
      await expect(migrate(database, undefined, edited)).rejects.toThrow(/changed after it was applied/);
    } finally {
      await database.close();
    }
  });

  it('roll a failing migration back whole', async () => {
    const database = await emptyPglite();
    try {
      const broken = [{ version: '0001_broken', sql: 'create table half (id int); select no_such_function();', checksum: 'x' }];
      await expect(migrate(database, undefined, broken)).rejects.toThrow(/0001_broken failed/);
      const rows = await database.session((s) => s.query<{ t: string | null }>(`select to_regclass('half')::text as t`));
      expect(rows[0]?.t).toBeNull();
      expect(await pendingMigrations(database, broken)).toEqual(['0001_broken']);
    } finally {
      await database.close();
    }
  });
});

describe.runIf(await postgresAvailable())('migrations on PostgreSQL', () => {
  it('are safe when several processes start at once: each applied exactly once', async () => {
    const target = await createTestDatabase();
    const databases = await Promise.all(
      [1, 2, 3].map(() => openDatabase({ kind: 'postgres', url: target.url, poolSize: 2 })),
    );
    try {
      const results = await Promise.all(databases.map((d) => migrate(d)));
      const applied = results.flat();
      expect(applied.sort()).toEqual(listMigrations().map((m) => m.version));
      const rows = await databases[0]!.session((s) => s.query<{ n: number }>('select count(*)::int as n from schema_migrations'));
      expect(rows[0]?.n).toBe(listMigrations().length);
    } finally {
      await Promise.all(databases.map((d) => d.close()));
      await target.drop();
    }
  });
});
