import { describe, expect, it } from 'vitest';
import { ErrorCode } from '@operable/shared';
import { databaseKinds } from '../test-support/databases.js';
import { createHarness, type Harness } from '../test-support/harness.js';
import { pipelineWorld } from '../test-support/pipeline.js';
import { afterAll, beforeAll } from 'vitest';
import { replayMarkdown } from './markdown.js';
import { replay } from './replay.js';

const MIN = 60_000;

/** Three nights of a flapping database: bursts of alerts two minutes apart, each resolved after a while. */
function flappingHistory(service: string): string {
  const lines: string[] = [];
  for (let night = 0; night < 3; night++) {
    const start = Date.parse('2026-03-02T23:00:00Z') + night * 24 * 60 * MIN;
    for (let i = 0; i < 4; i++) {
      const at = new Date(start + i * 2 * MIN).toISOString();
      lines.push(JSON.stringify({ at, service, action: 'trigger', dedupKey: `db-${night}-${i}`, summary: `replica ${i} lagging`, severity: 'critical' }));
    }
    for (let i = 0; i < 4; i++) lines.push(JSON.stringify({ at: new Date(start + 40 * MIN).toISOString(), service, action: 'resolve', dedupKey: `db-${night}-${i}` }));
  }
  lines.push('this line is broken');
  return lines.join('\n');
}

describe.each(await databaseKinds())('replaying a variant, on %s', (kind) => {
  let h: Harness;
  let serviceName: string;
  beforeAll(async () => {
    h = await createHarness(kind);
    h.clock.set('2026-03-01T12:00:00Z');
    const world = await pipelineWorld(h, {
      people: [{ name: 'Ann', email: 'ann.variant@operable.test', timeZone: 'Europe/Berlin', contacts: [{ type: 'sms', address: '+15555550100', delayMinutes: 0 }] }],
      steps: [{ delayMinutes: 15, people: [0] }],
      stormWindowSeconds: 60,
    });
    serviceName = world.service.name;
  });
  afterAll(() => h.close());

  it('a longer storm window: fewer interruptions, the same alerts', { timeout: 120_000 }, async () => {
    const outcome = await replay(h.operable.systemCtx(), {
      history: flappingHistory(serviceName),
      variant: { services: [{ name: serviceName, stormWindowSeconds: 600 }] },
      assumeAck: { business: 5, off_hours: 10, sleep: 15 },
    });
    expect(outcome.errors).toEqual([{ line: 25, error: 'not valid JSON' }]);
    const cur = outcome.current.report;
    const variant = outcome.variant!.report;
    expect(variant.alerts.opened).toBe(cur.alerts.opened);
    expect(cur.alerts.opened).toBe(12);
    const ann = (r: typeof cur) => r.people.find((p) => p.email === 'ann.variant@operable.test')!;
    // 60 s: every alert pages on its own (4 a night); 600 s: one page a night for the group.
    expect(ann(cur).interruptions.sleep).toBe(12);
    expect(ann(variant).interruptions.sleep).toBe(3);
    expect(ann(variant).pageEvents).toBe(3);
    expect(outcome.variant!.changes).toEqual([`${serviceName}: stormWindowSeconds`]);
    const md = replayMarkdown(outcome);
    expect(md).toContain(`Variant: ${serviceName}: stormWindowSeconds`);
    expect(md).toMatch(/\| Ann \(Europe\/Berlin\) \| 0 \| 0 \| 12 → \*\*3\*\* \(−9\) \|/);
    expect(md).toContain('1 bad lines (first: line 25, not valid JSON)');
  });

  it('a variant naming nothing, or giving a bad value, is refused naming the field', { timeout: 120_000 }, async () => {
    const run = (variant: unknown) => replay(h.operable.systemCtx(), { history: flappingHistory(serviceName), variant });
    await expect(run({ services: [{ name: 'No such service', stormWindowSeconds: 600 }] })).rejects.toMatchObject({
      code: ErrorCode.ValidationFailed,
      details: { fields: [{ field: 'variant.services.0' }] },
    });
    await expect(run({ services: [{ name: serviceName, stormWindowSeconds: -5 }] })).rejects.toMatchObject({
      details: { fields: [{ field: 'variant.services.0.stormWindowSeconds' }] },
    });
    await expect(run({ servicez: [] })).rejects.toMatchObject({ code: ErrorCode.ValidationFailed });
  });

  it('assumed acknowledgements at quiet moments do not cut the advance short', { timeout: 120_000 }, async () => {
    // Acknowledgements that fall due with nothing else to do used to count as idle rounds:
    // two in a row logged REPLAY_STUCK and left the rest of the stretch to run late.
    const events: string[] = [];
    const log = { event: (id: string) => void events.push(id), child: () => log };
    await replay({ ...h.operable.systemCtx(), log }, { history: flappingHistory(serviceName), variant: { services: [{ name: serviceName, stormWindowSeconds: 600 }] }, assumeAck: { business: 5, off_hours: 10, sleep: 15 } });
    expect(events.filter((e) => e.startsWith('REPLAY_'))).toEqual(['REPLAY_STARTED', 'REPLAY_FINISHED', 'REPLAY_STARTED', 'REPLAY_FINISHED']);
  });

  it('leaves the event loop turning while it runs, so a server replaying still answers', { timeout: 120_000 }, async () => {
    // The embedded scratch database never waits on I/O: without turns of the event
    // loop, no timer or request would run between the first event and the last.
    const lines = Array.from({ length: 1_000 }, (_, i) =>
      JSON.stringify({ at: new Date(Date.parse('2026-03-02T10:00:00Z') + i * 60_000).toISOString(), service: serviceName, action: 'trigger', dedupKey: 'same', summary: 'still failing', severity: 'warning' }),
    );
    let turns = 0;
    let turning = true;
    const turn = () => void (turning && (turns++, setImmediate(turn)));
    turn();
    const at: number[] = [];
    try {
      await replay(h.operable.systemCtx(), { history: lines.join('\n'), onProgress: (_run, done) => void (done === 1 || done === lines.length ? at.push(turns) : undefined) });
    } finally {
      turning = false;
    }
    expect(at).toHaveLength(2);
    expect(at[1]! - at[0]!).toBeGreaterThanOrEqual(10);
  });
});
