import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseKinds } from '../test-support/databases.js';
import { createHarness, type Harness } from '../test-support/harness.js';
import { inTransaction, type Db } from './index.js';

interface Plans {
  mode: string;
  seqscan: string;
}

describe.each(await databaseKinds())('statements prepared for a generic plan on %s', (kind) => {
  let h: Harness;
  let db: Db;
  beforeAll(async () => {
    h = await createHarness(kind);
    db = h.operable.deps.database.db;
  });
  afterAll(() => h.close());

  const marked = (on: Db) =>
    sql<Plans>`
      /* prepared: test-generic-settings, generic plan */
      select current_setting('plan_cache_mode') as mode, current_setting('enable_seqscan') as seqscan`.execute(on);
  const plain = (on: Db) => sql<Plans>`select current_setting('plan_cache_mode') as mode, current_setting('enable_seqscan') as seqscan`.execute(on);

  it('runs alone with a generic plan and no sequential scans, and leaves other statements planned per run', async () => {
    expect((await marked(db)).rows).toEqual([{ mode: 'force_generic_plan', seqscan: 'off' }]);
    expect((await plain(db)).rows).toEqual([{ mode: 'force_custom_plan', seqscan: 'on' }]);
  });

  it("runs inside a transaction on the transaction's connection, planned per run", async () => {
    await inTransaction(db, async (trx) => {
      await sql`create temporary table only_here (x int) on commit drop`.execute(trx);
      expect((await marked(trx)).rows).toEqual([{ mode: 'force_custom_plan', seqscan: 'on' }]);
      // The same session: it sees the transaction's own table.
      const { rows } = await sql<{ n: number }>`/* prepared: test-generic-sees-trx, generic plan */ select count(*)::int as n from only_here`.execute(trx);
      expect(rows).toEqual([{ n: 0 }]);
    });
    expect((await plain(db)).rows).toEqual([{ mode: 'force_custom_plan', seqscan: 'on' }]);
  });

  it('leaves the session as it was when the statement fails', async () => {
    await expect(sql`/* prepared: test-generic-fails, generic plan */ select 1 / (select 0) as x`.execute(db)).rejects.toMatchObject({ code: '22012' });
    expect((await plain(db)).rows).toEqual([{ mode: 'force_custom_plan', seqscan: 'on' }]);
  });

  it('keeps reaching rows by index once a table planned small has grown', async () => {
    await sql`create table probe (id int primary key, n int not null default 0)`.execute(db);
    await sql`create sequence probe_rows_read`.execute(db);
    // The sequence counts the rows the scan of probe reads: all of them if it scans the table.
    const bump = (ids: number[]) =>
      sql`
        /* prepared: test-generic-probe, generic plan */
        update probe set n = n + 1 from unnest(${ids}::int[]) as u(id)
        where probe.id = u.id and (nextval('probe_rows_read') > 0 or probe.n < 0)`.execute(db);
    // Planned now, on a small table: scanning it whole would be the cheapest plan.
    await sql`insert into probe (id) select generate_series(1, 300)`.execute(db);
    await sql`analyze probe`.execute(db);
    await bump([1]);
    await sql`insert into probe (id) select generate_series(301, 20000)`.execute(db);
    const before = await sql<{ n: number }>`select last_value::int as n from probe_rows_read`.execute(db);
    await bump([7, 4000]);
    const after = await sql<{ n: number }>`select last_value::int as n from probe_rows_read`.execute(db);
    expect(after.rows[0]!.n - before.rows[0]!.n).toBeLessThanOrEqual(2);
    expect((await sql<{ n: number }>`select sum(n)::int as n from probe`.execute(db)).rows[0]!.n).toBe(3);
  });
});
