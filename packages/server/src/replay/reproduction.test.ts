import { describe, expect, it } from 'vitest';
import { actOnAlert } from '../alerts/index.js';
import { actorForUser, findUserById } from '../auth/index.js';
import { inTransaction } from '../db/index.js';
import { ingestEvents } from '../ingest/index.js';
import { databaseKinds } from '../test-support/databases.js';
import { useMailboxHarness } from '../test-support/mailbox.js';
import { pipelineWorld } from '../test-support/pipeline.js';
import { exportHistory } from './export.js';
import { parseHistory } from './history.js';
import { sentMessages } from './repository.js';
import { nextDue, runReplay } from './run.js';
import { copyConfiguration, openScratch } from './scratch.js';

const SEC = 1000;
const MIN = 60 * SEC;
/** The real engine wakes at each commit and at least every 5 s; a replay sends at the exact due moment. */
const ENGINE_CYCLE = 5 * SEC;

type Step = { at: number; trigger?: string[]; resolve?: string[]; ackBy?: [person: number, key: string] };

/**
 * Two hours of one service as a server would live them: a storm that groups, an
 * escalation to the second step, a delayed notification rule, a person's
 * acknowledgement that goes stale (ack timeout) and pages again, senders' resolves.
 */
const SCRIPT: Step[] = [
  { at: 0, trigger: ['db1'] },
  { at: 30 * SEC, trigger: ['db2', 'db3'] },
  { at: 4 * MIN, ackBy: [0, 'db1'] },
  { at: 40 * MIN, trigger: ['api1'] },
  { at: 55 * MIN, resolve: ['db1', 'db2', 'db3'] },
  { at: 70 * MIN, ackBy: [1, 'api1'] },
  { at: 90 * MIN, resolve: ['api1'] },
  { at: 100 * MIN, trigger: ['disk'] },
  { at: 125 * MIN, resolve: ['disk'] },
];
const END = 150 * MIN;

describe.each(await databaseKinds())('a replay of a recorded period reproduces it, on %s', (kind) => {
  const t = useMailboxHarness(kind);

  it('sends the same messages to the same people at the same times', { timeout: 300_000 }, async () => {
    const h = t.h;
    const db = h.operable.deps.database.db;
    const start = new Date('2026-03-02T21:50:00Z');
    h.clock.set(start);
    const world = await pipelineWorld(h, {
      people: [
        { name: 'Ann', email: 'ann.replay@operable.test', timeZone: 'Europe/Berlin', contacts: [{ type: 'email', address: 'ann.replay@operable.test', delayMinutes: 0 }, { type: 'email', address: 'ann.phone@operable.test', delayMinutes: 3 }] },
        { name: 'Bo', email: 'bo.replay@operable.test', timeZone: 'America/New_York', contacts: [{ type: 'email', address: 'bo.replay@operable.test', delayMinutes: 0 }] },
      ],
      steps: [{ delayMinutes: 10, people: [0] }, { delayMinutes: 10, people: [1] }],
      repeatCount: 1,
      stormWindowSeconds: 120,
      ackTimeoutMinutes: 20,
    });
    const integration = (await db.selectFrom('integrations').selectAll().where('id', '=', world.integrationId).executeTakeFirstOrThrow())!;
    const ctx = () => h.operable.systemCtx();
    const engine = () => h.operable.engine.runUntilIdle();

    // The recorded period: the server's engine runs at each commit and every cycle.
    let now = 0;
    for (const step of [...SCRIPT, { at: END }]) {
      // Cycles that would find nothing due are skipped: they change nothing, and cost seconds of test time.
      for (;;) {
        const due = await nextDue(db);
        const cycle = due ? Math.max(now + ENGINE_CYCLE, Math.ceil((due.getTime() - start.getTime()) / ENGINE_CYCLE) * ENGINE_CYCLE) : Infinity;
        if (cycle > step.at) break;
        now = cycle;
        h.clock.set(new Date(start.getTime() + now));
        await engine();
      }
      h.clock.set(new Date(start.getTime() + step.at));
      now = step.at;
      const s = step as Step;
      const events = [
        ...(s.trigger ?? []).map((k) => ({ action: 'trigger' as const, dedupKey: k, summary: `${k} is failing`, source: null, severity: 'critical', urgency: 'high' as const, details: {}, links: [] })),
        ...(s.resolve ?? []).map((k) => ({ action: 'resolve' as const, dedupKey: k })),
      ];
      if (events.length) await ingestEvents(ctx(), integration, events);
      if (s.ackBy) {
        const user = (await findUserById(db, world.users[s.ackBy[0]]!.id))!;
        const alert = await db.selectFrom('alerts').select('id').where('dedup_key', '=', s.ackBy[1]).where('status', '!=', 'resolved').executeTakeFirstOrThrow();
        await inTransaction(db, (trx) => actOnAlert({ ...ctx(), db: trx, actor: actorForUser(user) }, alert.id, 'acknowledge'));
      }
      await engine();
    }
    const real = await sentMessages(db);
    expect(real.length).toBeGreaterThan(6);

    const lines = await exportHistory(ctx(), { from: start, to: new Date(start.getTime() + END) });
    const history = parseHistory(lines.join('\n'));
    expect(history.errors).toEqual([]);

    const scratch = await openScratch();
    try {
      await copyConfiguration(db, scratch.database.db);
      const result = await runReplay(scratch.database, { events: history.events, settings: h.operable.deps.settings, until: new Date(start.getTime() + END) });
      expect(result.skipped).toEqual([]);
      const shape = (m: (typeof real)[number]) => `${m.user_id} ${m.channel} ${m.kind} ${m.dedup_key}`;
      const ordered = (ms: typeof real) => [...ms].sort((a, b) => shape(a).localeCompare(shape(b)) || new Date(a.sent_at!).getTime() - new Date(b.sent_at!).getTime());
      const recorded = ordered(real);
      const replayed = ordered(await sentMessages(scratch.database.db));
      expect(replayed.map(shape)).toEqual(recorded.map(shape));
      replayed.forEach((m, i) => {
        const lag = new Date(recorded[i]!.sent_at!).getTime() - new Date(m.sent_at!).getTime();
        // The server sent it at most one engine cycle after the moment it fell due; the replay at that moment.
        expect(lag, shape(m)).toBeGreaterThanOrEqual(0);
        expect(lag, shape(m)).toBeLessThanOrEqual(ENGINE_CYCLE);
      });
    } finally {
      await scratch.close();
    }
  });
});
