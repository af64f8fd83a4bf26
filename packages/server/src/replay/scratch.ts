import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createPglite, inTransaction, migrate, openDatabase, pgliteFromDump, type Database, type Db } from '../db/index.js';
import { CONFIG_TABLES, readTable, replaceTable } from './repository.js';

export interface Scratch {
  database: Database;
  close(): Promise<void>;
}

/**
 * A throwaway embedded database for one replay, in memory: loaded from a dump of a
 * migrated one, so neither initdb (whose memory a process would keep for life) nor
 * a file write happens per replay.
 */
export async function openScratch(): Promise<Scratch> {
  const pglite = await pgliteFromDump(await migratedTemplate());
  const database = await openDatabase({ kind: 'pglite', dataDir: 'memory://' }, undefined, pglite);
  return { database, close: () => database.close() };
}

let template: Promise<Blob | File> | undefined;
/**
 * initdb and the migrations take seconds; loading a dump of an empty migrated
 * database, made once per process, a fraction of one.
 */
function migratedTemplate(): Promise<Blob | File> {
  template ??= (async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'operable-replay-template-'));
    try {
      const pglite = await createPglite(dir);
      const database = await openDatabase({ kind: 'pglite', dataDir: dir }, undefined, pglite);
      await migrate(database);
      // Compressed: the template stays in memory for the life of the process (86 MB as a plain tar, a few as gzip).
      const dump = await pglite.dumpDataDir('gzip');
      await database.close();
      return dump;
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  })();
  return template;
}

/** The server's paging configuration as rows, read in one consistent snapshot. */
export type Configuration = [table: string, rows: unknown[]][];

export async function readConfiguration(from: Db): Promise<Configuration> {
  return inTransaction(from, async (db) => {
    const out: Configuration = [];
    for (const t of CONFIG_TABLES) out.push([t, await readTable(db, t)]);
    return out;
  });
}

export async function writeConfiguration(to: Db, tables: Configuration): Promise<void> {
  await inTransaction(to, async (db) => {
    for (const t of [...CONFIG_TABLES].reverse()) await replaceTable(db, t, []);
    for (const [t, rows] of tables) await replaceTable(db, t, rows);
  });
}

/** Copies the server's paging configuration as it is now. */
export async function copyConfiguration(from: Db, to: Db): Promise<void> {
  await writeConfiguration(to, await readConfiguration(from));
}
