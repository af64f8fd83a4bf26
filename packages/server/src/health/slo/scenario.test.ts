import { SloInput } from '@operable/shared';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { inTransaction } from '../../db/index.js';
import { databaseKinds } from '../../test-support/databases.js';
import { createHarness, type Harness } from '../../test-support/harness.js';
import { alertLog, alertsOf, pipelineWorld } from '../../test-support/pipeline.js';
import { HOUR, MINUTE } from './burn.js';
import { sloDedupKey } from './evaluate.js';
import { createSlo, listSlos, pushSloEvents, updateSlo } from './slos.js';

/**
 * Burn-rate alerts on the injected clock, through the real engine and alert
 * pipeline: a 30-day 99.9 % SLO fed per-minute counts. A 20× burn pages through
 * the 1h/5m tier; a steady 1× burn opens a low-urgency ticket through the 3d/6h
 * tier and never pages.
 */
const KINDS = await databaseKinds();

describe.each(KINDS)('SLO burn-rate alerts on %s', (kind) => {
  let h: Harness;
  beforeEach(async () => {
    h = await createHarness(kind);
  });
  afterEach(async () => {
    await h?.close();
  });

  async function setUp(integrationKind: 'pagerduty' | 'heartbeat' = 'pagerduty') {
    const w = await pipelineWorld(h, {
      people: [{ name: 'Pat Oncall', email: 'pat@example.test', contacts: [{ type: 'email', address: 'pat@example.test', delayMinutes: 0 }] }],
      steps: [{ delayMinutes: 10, people: [0] }],
      integrationKind,
    });
    const slo = await inTransaction(h.operable.deps.database.db, (db) =>
      createSlo(h.operable.systemCtx(db), SloInput.parse({ serviceId: w.service.id, name: 'Checkout availability', kind: 'availability', objective: 0.999, windowDays: 30, source: { type: 'push' } })),
    );
    /** Minutes [from, from + n) at `bad` failures in 1,000. */
    const push = (from: number, n: number, bad: number) =>
      inTransaction(h.operable.deps.database.db, async (db) => {
        for (let i = 0; i < n; i += 1440) {
          const buckets = Array.from({ length: Math.min(1440, n - i) }, (_, j) => ({ start: new Date(from + (i + j) * MINUTE).toISOString(), good: 1000 - bad, total: 1000 }));
          await pushSloEvents(h.operable.systemCtx(db), slo.id, { buckets });
        }
      });
    const alert = async (severity: 'page' | 'ticket') => (await alertsOf(h, w.service.id)).find((a) => a.dedup_key === sloDedupKey(slo.id, severity));
    return { w, slo, push, alert };
  }

  it('a 20× burn after a clean day pages at the minute the 1h/5m tier predicts, and resolves once the burn stops', async () => {
    const { push, alert } = await setUp();
    const t0 = h.clock.now().getTime();
    await push(t0 - 1440 * MINUTE, 1440, 0);
    await h.operable.engine.runUntilIdle();
    // 1h window at 14.4 after k minutes at 20× in 60: 20k/60 ≥ 14.4 ⇒ k = 44. The 6h/30m tier needs 108.
    let pagedAt = 0;
    for (let k = 1; k <= 50 && !pagedAt; k++) {
      await push(t0 + (k - 1) * MINUTE, 1, 20);
      h.clock.advance(MINUTE);
      await h.operable.engine.runUntilIdle();
      if (await alert('page')) pagedAt = k;
    }
    expect(pagedAt).toBe(44);
    const page = (await alert('page'))!;
    expect(page).toMatchObject({ urgency: 'high', severity: 'critical', source: 'slo', status: 'triggered' });
    expect(page.details).toMatchObject({ tier: '1h/5m', factor: 14.4, windowDays: 30 });
    expect(page.summary).toMatch(/Checkout availability burning its error budget at 14\.7× over 1h \(20× over 5m\)/);
    expect(await alertLog(h, page.id)).toContain('escalated');
    expect(await alert('ticket')).toBeUndefined();

    // The burn stops: two clean minutes take the 5-minute window under 14.4 (20 × 3/5 = 12).
    for (let j = 0; j < 2; j++) {
      await push(t0 + (44 + j) * MINUTE, 1, 0);
      h.clock.advance(MINUTE);
      await h.operable.engine.runUntilIdle();
    }
    expect((await alert('page'))!.status).toBe('resolved');
    expect(await alertLog(h, page.id)).toContain('resolved:slo');
  });

  it('a new service burning at 20× from its first minute pages within the short window', async () => {
    const { push, alert } = await setUp();
    const t0 = h.clock.now().getTime();
    await push(t0 - MINUTE, 1, 20);
    await h.operable.engine.runUntilIdle();
    expect(await alert('page')).toMatchObject({ urgency: 'high' });
  });

  it('a steady 1× burn after three clean days opens a ticket when the 3-day window reaches 1×, and never pages', async () => {
    const { push, alert } = await setUp();
    const t0 = h.clock.now().getTime();
    await push(t0 - 72 * HOUR, 72 * 60, 0);
    let ticketAt = 0;
    for (let hour = 1; hour <= 80; hour++) {
      h.clock.advance(HOUR);
      await push(t0 + (hour - 1) * HOUR, 60, 1);
      await h.operable.engine.runUntilIdle();
      if (!ticketAt && (await alert('ticket'))) ticketAt = hour;
      expect(await alert('page'), `page at hour ${hour}`).toBeUndefined();
    }
    // The 3-day window holds H/72 of a 1× burn after H hours; the 6h window is at 1× from hour 6.
    expect(ticketAt).toBe(72);
    const ticket = (await alert('ticket'))!;
    expect(ticket).toMatchObject({ urgency: 'low', severity: 'warning', status: 'triggered' });
    expect(ticket.details).toMatchObject({ tier: '3d/6h', factor: 1 });
  });

  it('no traffic is no data: open alerts stay open while the source is silent', async () => {
    const { w, slo, push, alert } = await setUp('heartbeat');
    const t0 = h.clock.now().getTime();
    await push(t0 - MINUTE, 1, 50);
    await h.operable.engine.runUntilIdle();
    expect((await alert('page'))!.status).toBe('triggered');
    expect((await alert('ticket'))!.status).toBe('triggered');
    // Seven silent hours: every short window (5m, 30m, 6h) is empty.
    h.clock.advance(7 * HOUR);
    await h.operable.engine.runUntilIdle();
    expect((await alert('page'))!.status).toBe('triggered');
    expect((await alert('ticket'))!.status).toBe('triggered');
    const view = await inTransaction(h.operable.deps.database.db, (db) => listSlos(h.operable.systemCtx(db), {}));
    expect(view[0]!.status).toMatchObject({ page: 'no_data', ticket: 'no_data' });
    // A new source starts from nothing: the old counts' alerts are resolved with them.
    await inTransaction(h.operable.deps.database.db, (db) =>
      updateSlo(h.operable.systemCtx(db), slo.id, SloInput.parse({ serviceId: w.service.id, name: slo.name, kind: 'availability', objective: 0.999, windowDays: 30, source: { type: 'heartbeat', integrationId: w.integrationId } })),
    );
    expect((await alert('page'))!.status).toBe('resolved');
    expect((await alert('ticket'))!.status).toBe('resolved');
  });
});
