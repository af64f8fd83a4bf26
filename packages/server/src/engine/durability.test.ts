import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../config/index.js';
import { FakeClock } from '../lib/clock.js';
import { openOperable, type Operable } from '../operable.js';
import { createTestDatabase, databaseKinds } from '../test-support/databases.js';
import type { Harness } from '../test-support/harness.js';
import { startMailbox } from '../test-support/mailbox.js';
import { alertLog, alertsOf, pipelineWorld } from '../test-support/pipeline.js';

const MIN = 60_000;
const quiet = new Writable({ write: (_c, _e, done) => done() });

/**
 * Everything the engine knows is in the database: a process that stops in the
 * middle of an escalation and a new one that starts later pick up on time.
 * On PGlite the data directory is closed and reopened; on PostgreSQL a second
 * instance connects to the same database.
 */
describe.each(await databaseKinds())('durability on %s', (kind) => {
  let mailbox: Awaited<ReturnType<typeof startMailbox>>;
  let cleanup: () => Promise<void>;
  let env: Record<string, string>;

  beforeAll(async () => {
    mailbox = await startMailbox();
    if (kind === 'postgres') {
      const pg = await createTestDatabase();
      env = { DATABASE_URL: pg.url };
      cleanup = pg.drop;
    } else {
      const dir = mkdtempSync(path.join(tmpdir(), 'operable-durability-'));
      env = { OPERABLE_DATA_DIR: dir };
      cleanup = async () => rmSync(dir, { recursive: true, force: true });
    }
    env = { ...env, OPERABLE_SMTP_URL: mailbox.url, OPERABLE_PUBLIC_URL: 'http://operable.test', OPERABLE_SECRET: 's'.repeat(40), OPERABLE_LOG_LEVEL: 'error' };
  });
  afterAll(async () => {
    await mailbox.close();
    await cleanup();
  });

  const open = (clock: FakeClock) => openOperable(loadConfig(env), { clock, logDestination: quiet });
  const asHarness = (operable: Operable, clock: FakeClock) => ({ operable, clock }) as unknown as Harness;

  it('an engine restarted mid-escalation fires the next step on time', async () => {
    const clock = new FakeClock('2026-03-03T10:00:00Z');
    const first = await open(clock);
    const w = await pipelineWorld(asHarness(first, clock), {
      people: [
        { name: 'One', email: 'one@example.com', contacts: [{ type: 'email', address: 'one@example.com', delayMinutes: 0 }] },
        { name: 'Two', email: 'two@example.com', contacts: [{ type: 'email', address: 'two@example.com', delayMinutes: 0 }] },
      ],
      steps: [
        { delayMinutes: 5, people: [0] },
        { delayMinutes: 5, people: [1] },
      ],
    });
    const res = await first.app.request('http://operable.test/v2/enqueue', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ routing_key: w.key, event_action: 'trigger', payload: { summary: 'Down', source: 'probe', severity: 'critical' } }),
    });
    expect(res.status).toBe(202);
    await first.engine.runUntilIdle();
    expect(mailbox.to('one@example.com')).toHaveLength(1);
    await first.close(); // the process goes away between steps

    clock.advance(3 * MIN);
    const second = await open(clock);
    try {
      await second.engine.runUntilIdle();
      expect(mailbox.to('two@example.com')).toHaveLength(0); // not yet due
      clock.advance(2 * MIN);
      await second.engine.runUntilIdle();
      expect(mailbox.to('two@example.com')).toHaveLength(1);
      const [alert] = await alertsOf(asHarness(second, clock), w.service.id);
      expect(await alertLog(asHarness(second, clock), alert!.id)).toEqual(['triggered', 'escalated', 'notified:email', 'escalated', 'notified:email']);
    } finally {
      await second.close();
    }
  });
});
