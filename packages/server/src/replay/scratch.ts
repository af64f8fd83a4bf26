import { inTransaction, openDatabase, type Database, type Db } from '../db/index.js';
import { CONFIG_TABLES, readTable, replaceTable } from './repository.js';

export interface Scratch {
  database: Database;
  close(): Promise<void>;
}

/**
 * A throwaway embedded database for one replay, in memory: openDatabase loads it from
 * the migrated template, so neither initdb (whose memory a process would keep for
 * life) nor a file write happens per replay.
 */
export async function openScratch(): Promise<Scratch> {
  const database = await openDatabase({ kind: 'pglite', dataDir: 'memory://' });
  return { database, close: () => database.close() };
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
