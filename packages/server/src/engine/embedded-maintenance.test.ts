import { sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { createWorld, type World } from '../test-support/actors.js';
import { databaseKinds } from '../test-support/databases.js';
import { createHarness } from '../test-support/harness.js';
import { embeddedMaintenanceModule } from './embedded-maintenance.js';

/** What autovacuum would do, done by the engine on the embedded database. */
const kinds = await databaseKinds();

describe('embedded database maintenance', () => {
  let w: World | undefined;
  afterEach(async () => w?.h.close());

  const tick = () => {
    const { database, settings, log, config } = w!.h.operable.deps;
    return embeddedMaintenanceModule.tick({ database, clock: w!.h.clock, log, settings, channels: config.channels, outboxLeaseSeconds: 15 });
  };
  const db = () => w!.h.operable.deps.database.db;
  const addAlerts = (from: number, to: number) =>
    sql`insert into alerts (service_id, dedup_key, status, urgency, summary, created_at, last_seen_at)
        select ${w!.serviceA.id}, 'k' || g, case when g % 100 = 0 then 'triggered' else 'resolved' end, 'high', 'disk full on host ' || g, now(), now()
        from generate_series(${from}::int, ${to}::int) g`.execute(db());
  const alertsTable = async () =>
    (await sql<{ reltuples: number; pages: number }>`select reltuples::int as reltuples, (pg_relation_size(oid) / 8192)::int as pages from pg_class where relname = 'alerts'`.execute(db())).rows[0]!;
  const maintained = () => w!.h.logs.filter((l) => l.event === 'DB_TABLE_MAINTAINED').map((l) => l.table);

  it('on PGlite, analyzes a table once a tenth of its rows changed (autovacuum’s default), and not before', async () => {
    w = await createWorld(await createHarness('pglite'));
    await tick();
    expect(await tick()).toBe(0);

    await addAlerts(1, 5000);
    expect(await tick()).toBe(1);
    expect(maintained().at(-1)).toBe('public.alerts');
    expect((await alertsTable()).reltuples).toBe(5000);
    const stats = await sql<{ n: number }>`select count(*)::int as n from pg_stats where tablename = 'alerts' and attname = 'status'`.execute(db());
    expect(stats.rows[0]!.n).toBe(1);

    await addAlerts(5001, 5500); // a tenth more: not yet
    expect(await tick()).toBe(0);
    await addAlerts(5501, 6500);
    expect(await tick()).toBe(1);
    expect((await alertsTable()).reltuples).toBe(6500);
  });

  it('on PGlite, a table whose rows churn stays the same size: the dead rows are reclaimed and their space reused', async () => {
    w = await createWorld(await createHarness('pglite'));
    await addAlerts(1, 5000);
    await tick();
    const sizes: number[] = [];
    for (let round = 1; round <= 4; round++) {
      await sql`delete from alerts where service_id = ${w.serviceA.id}`.execute(db());
      await addAlerts(round * 10_000, round * 10_000 + 4999);
      await tick();
      sizes.push((await alertsTable()).pages);
    }
    // Without VACUUM every round would add the table's size again (4 rounds: 5 times the first).
    expect(Math.max(...sizes)).toBeLessThanOrEqual(sizes[0]! * 1.25);
  });

  it.runIf(kinds.includes('postgres'))('on PostgreSQL, leaves it to autovacuum', async () => {
    w = await createWorld(await createHarness('postgres'));
    await addAlerts(1, 5000);
    expect(await tick()).toBe(0);
    expect(maintained()).toEqual([]);
  });
});
