import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Logger } from '../lib/logger.js';
import type { Database, RawSession } from './index.js';

/** Same path from src/db and dist/db: the SQL files ship beside both. */
const MIGRATIONS_DIR = fileURLToPath(new URL('../../migrations/', import.meta.url));

/** Advisory lock key: "operable migrate". Any constant works if every process agrees. */
const MIGRATION_LOCK = '7294153001';

export interface Migration {
  version: string;
  sql: string;
  checksum: string;
}

export function listMigrations(dir = MIGRATIONS_DIR): Migration[] {
  return readdirSync(dir)
    .filter((f) => /^\d{4}_[\w-]+\.sql$/.test(f))
    .sort()
    .map((file) => {
      const sql = readFileSync(`${dir}/${file}`, 'utf8');
      return { version: file.replace(/\.sql$/, ''), sql, checksum: createHash('sha256').update(sql).digest('hex') };
    });
}

const CREATE_TABLE = `create table if not exists schema_migrations (
  version    text primary key,
  checksum   text not null,
  applied_at timestamptz not null default now()
)`;

/**
 * Applies pending migrations, each in its own transaction, under an advisory lock
 * so that processes starting together take turns: the second finds nothing to do.
 * A migration that was edited after it ran stops start-up rather than drifting.
 */
export async function migrate(database: Database, log?: Logger, migrations = listMigrations()): Promise<string[]> {
  return database.session(async (s) => {
    await s.query('select pg_advisory_lock($1)', [MIGRATION_LOCK]);
    try {
      await s.exec(CREATE_TABLE);
      const applied = await appliedChecksums(s);
      const done: string[] = [];
      for (const m of migrations) {
        const previous = applied.get(m.version);
        if (previous !== undefined) {
          if (previous !== m.checksum) throw new Error(`Migration ${m.version} changed after it was applied`);
          continue;
        }
        await s.exec('begin');
        try {
          await s.exec(m.sql);
          await s.query('insert into schema_migrations (version, checksum) values ($1, $2)', [m.version, m.checksum]);
          await s.exec('commit');
        } catch (error) {
          await s.exec('rollback');
          throw new Error(`Migration ${m.version} failed: ${(error as Error).message}`, { cause: error });
        }
        log?.event('MIGRATION_APPLIED', { version: m.version });
        done.push(m.version);
      }
      if (!done.length) log?.event('MIGRATIONS_CURRENT', { count: migrations.length });
      return done;
    } finally {
      await s.query('select pg_advisory_unlock($1)', [MIGRATION_LOCK]);
    }
  });
}

/** Versions shipped with this build that the database has not applied yet. */
export async function pendingMigrations(database: Database, migrations = listMigrations()): Promise<string[]> {
  return database.session(async (s) => {
    const exists = await s.query<{ t: string | null }>(`select to_regclass('schema_migrations')::text as t`);
    const applied = exists[0]?.t ? await appliedChecksums(s) : new Map();
    return migrations.filter((m) => !applied.has(m.version)).map((m) => m.version);
  });
}

async function appliedChecksums(s: RawSession): Promise<Map<string, string>> {
  const rows = await s.query<{ version: string; checksum: string }>('select version, checksum from schema_migrations');
  return new Map(rows.map((r) => [r.version, r.checksum]));
}
