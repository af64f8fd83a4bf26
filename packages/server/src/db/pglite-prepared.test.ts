import type { PGlite } from '@electric-sql/pglite';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPglite } from './pglite.js';
import { PreparedStatements } from './pglite-prepared.js';

/** Prepared statements must be invisible: the same rows, errors and transactions as PGlite's own `query`. */
describe('prepared statements on the embedded database', () => {
  let pglite: PGlite;
  let prepared: PreparedStatements;
  beforeAll(async () => {
    pglite = await createPglite('memory://');
    prepared = new PreparedStatements(pglite, 4);
    await pglite.exec(`
      create table t (id uuid primary key default gen_random_uuid(), n bigint, at timestamptz, doc jsonb, tags text[], ok boolean, note text unique);
      insert into t (n, at, doc, tags, ok, note) values (42, '2026-03-29T01:30:00Z', '{"a":[1,"x"]}', '{a,"b c"}', true, 'first');`);
  }, 60_000);
  afterAll(() => pglite.close());

  const same = async (text: string, params: unknown[]) => {
    const mine = await prepared.query(text, params);
    const theirs = await pglite.query(text, params);
    expect(mine.rows).toEqual(theirs.rows);
    expect(mine.affectedRows).toEqual(theirs.affectedRows);
    return mine;
  };

  it('gives the rows and counts that PGlite gives, first time and from the cache', async () => {
    for (let i = 0; i < 7; i++) {
      // Seven runs: past the five after which PostgreSQL may switch to a generic plan.
      await same('select * from t where n = $1 and ok = $2 and note is distinct from $3', [42, true, null]);
      await same('select $1::timestamptz as at, $2::jsonb as doc, $3::text[] as tags, $4::uuid[] as ids', [new Date('2026-10-25T00:59:59.500Z'), { k: 'v\u00e9' }, ['x', 'y z'], ['00000000-0000-0000-0000-000000000001']]);
    }
    const changed = await same('update t set n = n + 0 where note = $1', ['first']);
    expect(changed.affectedRows).toBe(1);
    expect((await prepared.query('with x as (select 1 as one) select one from x', [])).rows).toEqual([{ one: 1 }]);
  });

  it('round-trips any text and number a caller sends', async () => {
    await fc.assert(
      fc.asyncProperty(fc.string({ unit: 'grapheme' }), fc.integer(), async (text, n) => {
        const { rows } = await prepared.query<{ t: string; n: number }>('select $1::text as t, $2::bigint as n', [text, n]);
        expect(rows).toEqual([{ t: text, n }]);
      }),
      { numRuns: 100 },
    );
  });

  it('keeps the error code, and a failed transaction rolls back as usual', async () => {
    await pglite.query('begin');
    await prepared.query("insert into t (note) values ('in tx')", []);
    const error = await prepared.query("insert into t (note) values ('first')", []).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: '23505', query: "insert into t (note) values ('first')" });
    await expect(prepared.query('select 1', [])).rejects.toMatchObject({ code: '25P02' });
    await pglite.query('rollback');
    expect((await prepared.query<{ n: number }>("select count(*)::int as n from t where note = 'in tx'", [])).rows).toEqual([{ n: 0 }]);
    await expect(prepared.query('select * from no_such_table', [])).rejects.toMatchObject({ code: '42P01' });
  });

  it('prepares again when a table it reads gains a column, and keeps at most its capacity', async () => {
    await prepared.query('select * from t limit 1', []);
    await pglite.exec('alter table t add column extra text');
    // The first run after the change meets the stale plan; the next one prepares again.
    const first = await prepared.query<Record<string, unknown>>('select * from t limit 1', []).catch(() => null);
    const { rows } = await prepared.query<Record<string, unknown>>('select * from t limit 1', []);
    expect(Object.keys(rows[0]!)).toContain('extra');
    if (first) expect(Object.keys(first.rows[0]!)).toContain('extra');
    for (let i = 0; i < 10; i++) await prepared.query(`select ${i} as i`, []);
    const { rows: held } = await pglite.query<{ n: number }>("select count(*)::int as n from pg_prepared_statements where name like 'operable_%'");
    expect(held[0]!.n).toBeLessThanOrEqual(4);
  });

  it('leaves statements that are not data statements to PGlite', async () => {
    await prepared.query('set statement_timeout = 0', []);
    expect((await prepared.query<{ statement_timeout: string }>('show statement_timeout', [])).rows).toEqual([{ statement_timeout: '0' }]);
  });
});
