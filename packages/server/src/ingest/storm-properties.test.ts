import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AlertEvent } from '../alerts/index.js';
import { databaseKinds } from '../test-support/databases.js';
import { createHarness, type Harness } from '../test-support/harness.js';
import { pipelineWorld } from '../test-support/pipeline.js';
import { ingestBatch } from './ingest.js';

/**
 * Whatever senders say, in whatever order and batching, and with storm grouping on
 * or off: each key is in the state a per-key model says (grouping never changes the
 * state of an alert its sender reports), a key is never two open alerts, every open
 * alert belongs to a group with an open leader, and paging starts at most once per
 * group the model opens.
 */
const KEYS = ['k0', 'k1', 'k2', 'k3'] as const;
type Step = { events: { action: 'trigger' | 'acknowledge' | 'resolve'; key: (typeof KEYS)[number] }[]; advanceSeconds: number };

const step: fc.Arbitrary<Step> = fc.record({
  events: fc.array(fc.record({ action: fc.constantFrom('trigger', 'trigger', 'acknowledge', 'resolve'), key: fc.constantFrom(...KEYS) }), { minLength: 1, maxLength: 3 }),
  advanceSeconds: fc.constantFrom(0, 1, 30, 120, 290, 310),
});

type State = 'triggered' | 'acknowledged';

/** The sender's view, one key at a time, plus the storms it should page for. */
class Model {
  readonly state = new Map<string, State>();
  private groups: { start: number; members: Set<string> }[] = [];
  openings = 0;
  constructor(private readonly windowSeconds: number) {}

  apply(at: number, action: Step['events'][number]['action'], key: string) {
    const now = this.state.get(key);
    if (action === 'trigger' && !now) {
      this.state.set(key, 'triggered');
      const join = this.windowSeconds > 0 && this.groups.find((g) => g.members.size > 0 && Math.abs(at - g.start) < this.windowSeconds * 1000);
      if (join) join.members.add(key);
      else {
        this.openings++;
        this.groups.push({ start: at, members: new Set([key]) });
      }
    }
    if (action === 'acknowledge' && now === 'triggered') this.state.set(key, 'acknowledged');
    if (action === 'resolve' && now) {
      this.state.delete(key);
      for (const g of this.groups) g.members.delete(key);
    }
  }
}

describe.each(await databaseKinds())('storm grouping against a per-key model on %s', (kind) => {
  let h: Harness;
  beforeAll(async () => {
    h = await createHarness(kind);
  });
  afterAll(() => h.close());

  for (const windowSeconds of [0, 300]) {
    it(`senders' events over a few keys, storm window ${windowSeconds} s`, async () => {
      await fc.assert(
        fc.asyncProperty(fc.array(step, { minLength: 1, maxLength: 12 }), async (steps) => {
          const db = h.operable.deps.database.db;
          const w = await pipelineWorld(h, { people: [], steps: [{ delayMinutes: 5, people: [] }], stormWindowSeconds: windowSeconds });
          const integration = await db.selectFrom('integrations').selectAll().where('id', '=', w.integrationId).executeTakeFirstOrThrow();
          const model = new Model(windowSeconds);
          for (const s of steps) {
            h.clock.advance(s.advanceSeconds * 1000);
            const events = s.events.map(({ action, key }): AlertEvent =>
              action === 'trigger'
                ? { action, dedupKey: key, summary: key, source: 'model', severity: 'critical', urgency: 'high', details: {}, links: [] }
                : { action, dedupKey: key },
            );
            await ingestBatch(h.operable.systemCtx(), [{ integration, events }]);
            for (const e of s.events) model.apply(h.clock.now().getTime(), e.action, e.key);
          }

          const alerts = await db.selectFrom('alerts').selectAll().where('service_id', '=', w.service.id).execute();
          const open = alerts.filter((a) => a.status !== 'resolved');
          expect(Object.fromEntries(open.map((a) => [a.dedup_key, a.status]))).toEqual(Object.fromEntries(model.state));
          expect(new Set(open.map((a) => a.dedup_key)).size).toBe(open.length);
          const byId = new Map(alerts.map((a) => [a.id, a]));
          for (const a of open) {
            const leader = a.group_leader_id ? byId.get(a.group_leader_id) : a;
            expect(leader?.status).not.toBe('resolved');
            expect(leader?.group_leader_id).toBeNull();
          }
          const escalations = await db.selectFrom('escalations').select('alert_id').where('alert_id', 'in', alerts.length ? alerts.map((a) => a.id) : [w.service.id]).execute();
          expect(escalations.length).toBeLessThanOrEqual(model.openings);
          if (windowSeconds === 0) expect(escalations.length).toBe(model.openings);
        }),
        { numRuns: kind === 'pglite' ? 60 : 30 },
      );
    });
  }
});
