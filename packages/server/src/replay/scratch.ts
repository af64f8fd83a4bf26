import { cp, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { inTransaction, migrate, openDatabase, type Database, type Db } from '../db/index.js';
import { CONFIG_TABLES, readTable, replaceTable } from './repository.js';

export interface Scratch {
  database: Database;
  close(): Promise<void>;
}

/**
 * A throwaway embedded database for one replay, on disk in a temporary directory:
 * an in-memory one would run PostgreSQL's initdb in this process and keep its
 * memory for the process's life, while a directory is initialized by a short-lived
 * child (db/pglite.ts).
 */
export async function openScratch(): Promise<Scratch> {
  const dir = await mkdtemp(path.join(tmpdir(), 'operable-replay-'));
  await cp(await migratedTemplate(), dir, { recursive: true });
  const database = await openDatabase({ kind: 'pglite', dataDir: dir });
  await migrate(database);
  return {
    database,
    async close() {
      await database.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

let template: Promise<string> | undefined;
/**
 * initdb and the migrations take seconds; a copy of an empty migrated directory,
 * made once per process, a fraction of one. (A process upgraded in place migrates
 * its copies again, which the runner does in one quick pass.)
 */
function migratedTemplate(): Promise<string> {
  template ??= (async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'operable-replay-template-'));
    const database = await openDatabase({ kind: 'pglite', dataDir: dir });
    await migrate(database);
    await database.close();
    return dir;
  })();
  return template;
}

/** Copies the server's paging configuration as it is now, in one consistent read. */
export async function copyConfiguration(from: Db, to: Db): Promise<Record<string, number>> {
  const tables = await inTransaction(from, async (db) => {
    const out: [string, unknown[]][] = [];
    for (const t of CONFIG_TABLES) out.push([t, await readTable(db, t)]);
    return out;
  });
  await inTransaction(to, async (db) => {
    for (const t of [...CONFIG_TABLES].reverse()) await replaceTable(db, t, []);
    for (const [t, rows] of tables) await replaceTable(db, t, rows);
  });
  return Object.fromEntries(tables.map(([t, rows]) => [t, rows.length]));
}
