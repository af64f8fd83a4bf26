import { execFile } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { promisify } from 'node:util';
import v8 from 'node:v8';
import { PGlite } from '@electric-sql/pglite';

/**
 * Opens the embedded database. A new data directory is initialized by a
 * short-lived child process first: PGlite's initdb runs a second WebAssembly
 * instance whose memory (about 500 MB) this process would otherwise keep for
 * its whole life. Opening an initialized directory costs ~0.3 s and ~200 MB.
 */
export async function createPglite(dataDir: string): Promise<PGlite> {
  v8.setFlagsFromString(WASM_FLAGS);
  if (!dataDir.startsWith('memory://')) {
    mkdirSync(dataDir, { recursive: true });
    if (!existsSync(path.join(dataDir, 'PG_VERSION'))) await initializeInChild(dataDir);
  }
  return PGlite.create(dataDir, { parsers: PARSERS, startParams: START_PARAMS });
}

/**
 * A new in-memory database holding a copy of a dumped one (`dumpDataDir`): no
 * initdb in this process and no files, for databases that live only as long as a
 * computation (a replay's scratch copy).
 */
export async function pgliteFromDump(dump: Blob | File): Promise<PGlite> {
  v8.setFlagsFromString(WASM_FLAGS);
  return PGlite.create({ loadDataDir: dump, parsers: PARSERS, startParams: START_PARAMS });
}

const PARSERS = { 20: (v: string) => Number(v) };

/**
 * PostgreSQL's default 128 MB of shared buffers all become resident in the
 * WebAssembly heap as pages are touched. 16 MB ingested as fast as 32 MB in the
 * benchmark (the operating system caches the data files anyway) and kept a
 * loaded server 30 MB further under its 300 MB bound. Prepared statements are
 * planned for each run's values, as on PostgreSQL (ARCHITECTURE.md, Database),
 * except those marked for a generic plan (db/prepared.ts).
 */
const START_PARAMS = [...PGlite.defaultStartParams, '-c', 'shared_buffers=16MB', '-c', 'plan_cache_mode=force_custom_plan'];

/**
 * PostgreSQL compiled to WebAssembly is ~10 MB of code. V8's default keeps a
 * baseline and an optimized copy of the hot parts: 70 MB more resident memory
 * for 15-20% more ingest throughput. Operable must stay under 300 MB whatever
 * the load and already ingests well above its target on baseline code. V8
 * reads the flag when it compiles a module, so it is set before the first one.
 */
const WASM_FLAGS = '--liftoff-only';

async function initializeInChild(dataDir: string): Promise<void> {
  const entry = createRequire(import.meta.url).resolve('@electric-sql/pglite');
  const script = 'require(process.argv[1]).PGlite.create(process.argv[2]).then((db) => db.close())';
  await promisify(execFile)(process.execPath, ['-e', script, entry, dataDir]);
}
