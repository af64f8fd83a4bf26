import { createHash } from 'node:crypto';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { listMigrations, migrate } from './migrate.js';
import { createPglite } from './pglite.js';
import { openDatabase } from './index.js';

/**
 * An empty embedded database with every migration applied, as a gzip dump that
 * `pgliteFromDump` loads in a fraction of a second. Making one takes initdb and the
 * migrations (seconds), so the build writes it once beside the compiled code; a
 * process without it (sources, or migrations added since the build) makes its own
 * once and keeps it in memory.
 */
export function migratedTemplate(): Promise<Blob> {
  template ??= readFile(shippedPath()).then(
    (bytes) => new Blob([bytes]),
    () => makeTemplate(),
  );
  return template;
}
let template: Promise<Blob> | undefined;

/** Writes the template beside the compiled code (run by `npm run build`); returns its path. */
export async function writeMigratedTemplate(): Promise<string> {
  const file = shippedPath();
  const dir = path.dirname(file);
  for (const old of await readdir(dir)) if (/^migrated-template-\w+\.tar\.gz$/.test(old)) await rm(path.join(dir, old));
  await writeFile(file, Buffer.from(await (await makeTemplate()).arrayBuffer()));
  return file;
}

/** Named by the migrations it holds: a template from before a new migration is never loaded. */
function shippedPath(): string {
  const key = createHash('sha256');
  for (const m of listMigrations()) key.update(`${m.version} ${m.checksum}\n`);
  return fileURLToPath(new URL(`../migrated-template-${key.digest('hex').slice(0, 16)}.tar.gz`, import.meta.url));
}

async function makeTemplate(): Promise<Blob> {
  const dir = await mkdtemp(path.join(tmpdir(), 'operable-template-'));
  try {
    const pglite = await createPglite(dir);
    const database = await openDatabase({ kind: 'pglite', dataDir: dir }, undefined, pglite);
    await migrate(database);
    // Compressed: a process keeps it for life (86 MB as a plain tar, a few as gzip).
    const dump = await pglite.dumpDataDir('gzip');
    await database.close();
    return dump;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
