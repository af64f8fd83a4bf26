import { Agent } from 'node:https';
import { event as pagerDutyEvent } from '@pagerduty/pdjs';
import opsgenie from 'opsgenie-sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseKinds } from '../test-support/databases.js';
import { createHarness, type Harness } from '../test-support/harness.js';
import { listen, TEST_CA } from '../test-support/listen.js';
import { alertLog, alertsOf, pipelineWorld } from '../test-support/pipeline.js';

/**
 * The vendors' own client libraries, unmodified, pointed at Operable: what a team
 * gets when it changes one URL. Opsgenie's SDK adds a trailing slash to every path;
 * PagerDuty's only speaks https (here with the test certificate).
 */
type OpsgenieCallback = (error: { httpStatusCode?: number; message?: string } | null, response: Record<string, unknown> | null) => void;

function opsgenieCall(call: (cb: OpsgenieCallback) => void): Promise<Record<string, unknown>> {
  return new Promise((resolve, reject) => call((error, response) => (error ? reject(Object.assign(new Error(`Opsgenie SDK: ${JSON.stringify(error)}`), error)) : resolve(response!))));
}

describe.each(await databaseKinds())('vendor SDKs against Operable on %s', (kind) => {
  let h: Harness;
  let http: Awaited<ReturnType<typeof listen>>;
  let https: Awaited<ReturnType<typeof listen>>;
  beforeAll(async () => {
    h = await createHarness(kind);
    http = await listen(h);
    https = await listen(h, { tls: true });
  });
  afterAll(async () => {
    await http?.close();
    await https?.close();
    await h?.close();
  });

  it('opsgenie-sdk 0.5.1: create, acknowledge and close by alias, through its trailing-slash paths', async () => {
    const w = await pipelineWorld(h, { people: [], steps: [{ delayMinutes: 5 }], integrationKind: 'opsgenie' });
    opsgenie.configure({ api_key: w.key, host: http.url, maxAttempts: 1 });
    const created = await opsgenieCall((cb) => opsgenie.alertV2.create({ message: 'Disk full on db-1', alias: 'db-1-disk', priority: 'P1', description: 'Only 2% left' }, cb));
    expect(created).toMatchObject({ result: 'Request will be processed', requestId: expect.any(String) });
    const byAlias = { identifier: 'db-1-disk', identifierType: 'alias' };
    await opsgenieCall((cb) => opsgenie.alertV2.acknowledge(byAlias, { note: 'on it' }, cb));
    expect((await alertsOf(h, w.service.id)).map((a) => [a.dedup_key, a.status])).toEqual([['db-1-disk', 'acknowledged']]);
    await opsgenieCall((cb) => opsgenie.alertV2.close(byAlias, { note: 'fixed' }, cb));
    const [alert] = await alertsOf(h, w.service.id);
    expect(alert!.status).toBe('resolved');
    expect(await alertLog(h, alert!.id)).toEqual(['triggered', 'acknowledged:opsgenie', 'resolved:opsgenie']);
  });

  it('opsgenie-sdk: a wrong key is the 401 Opsgenie gives, not a 404', async () => {
    opsgenie.configure({ api_key: 'not-a-key', host: http.url, maxAttempts: 1 });
    await expect(opsgenieCall((cb) => opsgenie.alertV2.create({ message: 'x' }, cb))).rejects.toMatchObject({ httpStatusCode: 401 });
  });

  it('@pagerduty/pdjs: trigger, acknowledge, resolve and a change event over https', async () => {
    const w = await pipelineWorld(h, { people: [], steps: [{ delayMinutes: 5 }], stormWindowSeconds: 300 });
    const agent = new Agent({ ca: TEST_CA });
    const send = (data: Record<string, unknown>, type: 'event' | 'change' = 'event') =>
      pagerDutyEvent({ server: https.host, type, data: { routing_key: w.key, ...data }, agent } as Parameters<typeof pagerDutyEvent>[0]);
    const payload = (summary: string) => ({ summary, source: 'db-1', severity: 'critical' });

    const first = await send({ event_action: 'trigger', dedup_key: 'k1', payload: payload('Primary down') });
    expect(first.status).toBe(202);
    expect(first.data).toEqual({ status: 'success', message: 'Event processed', dedup_key: 'k1' });
    expect((await send({ event_action: 'trigger', dedup_key: 'k2', payload: payload('Replica lagging') })).status).toBe(202);
    // Resolving the storm's leader leaves the alert the sender still reports open.
    expect((await send({ event_action: 'resolve', dedup_key: 'k1' })).status).toBe(202);
    expect((await alertsOf(h, w.service.id)).map((a) => [a.dedup_key, a.status])).toEqual([
      ['k1', 'resolved'],
      ['k2', 'triggered'],
    ]);
    expect((await send({ event_action: 'acknowledge', dedup_key: 'k2' })).status).toBe(202);
    expect((await send({ event_action: 'resolve', dedup_key: 'k2' })).status).toBe(202);
    expect((await alertsOf(h, w.service.id)).map((a) => a.status)).toEqual(['resolved', 'resolved']);

    const change = await send({ payload: { summary: 'Deployed v42', source: 'ci', timestamp: '2026-03-03T09:58:00Z' } }, 'change');
    expect(change.status).toBe(202);
    expect(change.data).toMatchObject({ status: 'success' });

    const bad = await send({ event_action: 'trigger', dedup_key: 'k3' });
    expect(bad.status).toBe(400);
    expect(bad.data).toMatchObject({ status: 'invalid event', errors: expect.any(Array) });
  });
});
