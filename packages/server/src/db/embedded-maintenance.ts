import { sql } from 'kysely';
import type { Db } from './index.js';

/**
 * PostgreSQL's autovacuum keeps the planner's statistics current, reclaims dead rows
 * and freezes old ones. The embedded database runs PostgreSQL in single-user mode,
 * where no autovacuum runs: left alone, its tables are never analyzed (the planner
 * guesses, and twice picked plans that read a whole table per row: ARCHITECTURE.md,
 * Database), never vacuumed (every update and delete grows the files for good) and
 * never frozen (transaction ID wraparound). So the engine applies autovacuum's own
 * rules, with its default thresholds, to the activity counters PostgreSQL keeps.
 */
export interface TableDue {
  /** Schema-qualified and quoted, ready for the statement. */
  table: string;
  vacuum: boolean;
  analyze: boolean;
}

export async function tablesDueForMaintenance(db: Db): Promise<TableDue[]> {
  // A single-user backend keeps its counters to itself until told to publish them.
  await sql`select pg_stat_force_next_flush()`.execute(db);
  const { rows } = await sql<TableDue>`
    select format('%I.%I', s.schemaname, s.relname) as table, d.vacuum, d.analyze
    from pg_stat_user_tables s
    join pg_class c on c.oid = s.relid
    cross join lateral (select greatest(c.reltuples, 0) as tuples) t
    cross join lateral (select
        s.n_dead_tup > 50 + 0.2 * t.tuples
          or s.n_ins_since_vacuum > 1000 + 0.2 * t.tuples
          or age(c.relfrozenxid) > current_setting('vacuum_freeze_table_age')::bigint as vacuum,
        s.n_mod_since_analyze > 50 + 0.1 * t.tuples as analyze) d
    where s.schemaname = 'public' and (d.vacuum or d.analyze)
    order by pg_relation_size(s.relid)`.execute(db);
  return rows;
}

/** Outside any transaction: VACUUM refuses one. */
export async function maintainTable(db: Db, due: TableDue): Promise<void> {
  const table = sql.raw(due.table);
  if (due.vacuum) await sql`vacuum (analyze ${sql.raw(due.analyze ? 'true' : 'false')}) ${table}`.execute(db);
  else await sql`analyze ${table}`.execute(db);
}
