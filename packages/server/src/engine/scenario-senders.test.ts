import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { databaseKinds } from '../test-support/databases.js';
import { useMailboxHarness } from '../test-support/mailbox.js';
import { alertLog, alertsOf, pipelineWorld } from '../test-support/pipeline.js';

const fixture = (name: string) => JSON.parse(readFileSync(new URL(`../ingest/fixtures/${name}`, import.meta.url), 'utf8'));
const MIN = 60_000;
const oneStep = (email: string, extra: object = {}) => ({
  people: [{ name: email, email, contacts: [{ type: 'email' as const, address: email, delayMinutes: 0 }] }],
  steps: [{ delayMinutes: 10, people: [0] }],
  ...extra,
});

describe.each(await databaseKinds())('every sender pages through the same path on %s', (kind) => {
  const t = useMailboxHarness(kind);
  const run = () => t.run();

  it('Alertmanager: two firing alerts page once (grouped), one resolved body resolves both', async () => {
    const w = await pipelineWorld(t.h, oneStep('am@example.com', { integrationKind: 'alertmanager' }));
    expect((await t.h.request(`/ingest/alertmanager/${w.key}`, { method: 'POST', json: fixture('webhook-firing.json') })).status).toBe(202);
    await run();
    const mails = t.mailbox.to('am@example.com');
    expect(mails).toHaveLength(1);
    expect(mails[0]!.text).toContain('+1 more alerts grouped');
    const alerts = await alertsOf(t.h, w.service.id);
    expect(alerts.map((a) => [a.dedup_key, a.status])).toEqual([
      ['04bb69b65d7916a9', 'triggered'],
      ['c9a25827211c8974', 'triggered'],
    ]);
    expect(alerts[1]!.group_leader_id).toBe(alerts[0]!.id);

    expect((await t.h.request(`/ingest/alertmanager/${w.key}`, { method: 'POST', json: fixture('webhook-resolved.json') })).status).toBe(202);
    expect((await alertsOf(t.h, w.service.id)).map((a) => a.status)).toEqual(['resolved', 'resolved']);
  });

  it('Opsgenie: create pages; acknowledge by alias stops escalation; close resolves', async () => {
    const w = await pipelineWorld(t.h, oneStep('og@example.com', { integrationKind: 'opsgenie', steps: [{ delayMinutes: 1, people: [0] }], repeatCount: 3 }));
    const auth = { authorization: `GenieKey ${w.key}` };
    const created = await t.h.request('/v2/alerts', { method: 'POST', headers: auth, json: { message: 'Disk full on db-1', alias: 'db-1-disk', priority: 'P1' } });
    expect(created.status).toBe(202);
    expect(await created.json()).toMatchObject({ result: 'Request will be processed', requestId: expect.any(String) });
    await run();
    expect(t.mailbox.to('og@example.com')).toHaveLength(1);
    expect((await t.h.request('/v2/alerts/db-1-disk/acknowledge?identifierType=alias', { method: 'POST', headers: auth, json: {} })).status).toBe(202);
    t.h.clock.advance(10 * MIN);
    await run();
    expect(t.mailbox.to('og@example.com')).toHaveLength(1); // the repeats never fire
    expect((await t.h.request('/v2/alerts/db-1-disk/close?identifierType=alias', { method: 'POST', headers: auth })).status).toBe(202);
    const [alert] = await alertsOf(t.h, w.service.id);
    expect(await alertLog(t.h, alert!.id)).toEqual(['triggered', 'escalated', 'notified:email', 'acknowledged:opsgenie', 'resolved:opsgenie']);
  });

  it('PagerDuty: custom details and links are kept as sent, in the sender\'s key order', async () => {
    const w = await pipelineWorld(t.h, oneStep('details@example.com'));
    const customDetails = { zone: 'eu-1', a: 1, queue_depth: 12000, b: { y: [3, 1], x: null } };
    const links = [{ href: 'https://grafana.example.com/d/q', text: 'Queue' }];
    const sent = await t.h.request('/v2/enqueue', {
      method: 'POST',
      json: { routing_key: w.key, event_action: 'trigger', payload: { summary: 'Queue backed up', source: 'q', severity: 'error', custom_details: customDetails }, links },
    });
    expect(sent.status).toBe(202);
    const [alert] = await alertsOf(t.h, w.service.id);
    const details = alert!.details as { custom_details: typeof customDetails };
    // The page lists details in the order the sender wrote them (jsonb would reorder them: a, b, zone, queue_depth).
    expect(JSON.stringify(details.custom_details)).toBe(JSON.stringify(customDetails));
    expect(alert!.links).toEqual(links);
  });

  it('PagerDuty change events land on the service timeline and page nobody', async () => {
    const w = await pipelineWorld(t.h, oneStep('change@example.com'));
    const change = await t.h.request('/v2/change/enqueue', {
      method: 'POST',
      json: { routing_key: w.key, payload: { summary: 'Deployed checkout v42', source: 'ci', timestamp: '2026-03-03T09:58:00Z' }, links: [{ href: 'https://ci.example.com/42', text: 'Build' }] },
    });
    expect(change.status).toBe(202);
    t.h.clock.advance(60_000);
    await t.h.request('/v2/enqueue', { method: 'POST', json: { routing_key: w.key, event_action: 'trigger', payload: { summary: 'Errors after deploy', source: 'x', severity: 'critical' } } });
    await run();
    expect(t.mailbox.to('change@example.com')).toHaveLength(1); // the alert, not the change
    const { serviceTimeline } = await import('../alerts/index.js');
    const { inTransaction } = await import('../db/index.js');
    const timeline = await inTransaction(t.h.operable.deps.database.db, (db) => serviceTimeline(t.h.operable.systemCtx(db), w.service.id, { limit: 10 }));
    expect(timeline.map((e) => (e.kind === 'alert' ? e.alert.summary : e.change.summary))).toEqual(['Errors after deploy', 'Deployed checkout v42']);
  });

  it('generic webhook: trigger, repeat (counted, not paged), resolve, then a new trigger opens a new alert', async () => {
    const w = await pipelineWorld(t.h, oneStep('gen@example.com', { integrationKind: 'generic' }));
    const post = (body: object) => t.h.request(`/ingest/generic/${w.key}`, { method: 'POST', json: body });
    expect((await post({ summary: 'Queue backed up', dedupKey: 'queue' })).status).toBe(202);
    expect((await post({ summary: 'Queue backed up', dedupKey: 'queue' })).status).toBe(202);
    await run();
    expect(t.mailbox.to('gen@example.com')).toHaveLength(1);
    expect((await alertsOf(t.h, w.service.id))[0]).toMatchObject({ occurrences: 2, status: 'triggered' });
    expect((await post({ action: 'resolve', dedupKey: 'queue' })).status).toBe(202);
    expect((await post({ summary: 'Queue backed up again', dedupKey: 'queue' })).status).toBe(202);
    expect((await alertsOf(t.h, w.service.id)).map((a) => a.status)).toEqual(['resolved', 'triggered']);
  });

  it('heartbeat: a missed beat raises an alert and pages; the next beat resolves it', async () => {
    const w = await pipelineWorld(t.h, oneStep('hb@example.com', { integrationKind: 'heartbeat', heartbeatIntervalMinutes: 5 }));
    t.h.clock.advance(4 * MIN);
    await run();
    expect(await alertsOf(t.h, w.service.id)).toHaveLength(0);
    t.h.clock.advance(2 * MIN);
    await run();
    await run(); // a second round must not raise a second alert
    const alerts = await alertsOf(t.h, w.service.id);
    expect(alerts).toHaveLength(1);
    expect(alerts[0]!.summary).toMatch(/Heartbeat missed/);
    expect(t.mailbox.to('hb@example.com')).toHaveLength(1);
    expect((await t.h.request(`/ingest/heartbeat/${w.key}`)).status).toBe(202);
    expect((await alertsOf(t.h, w.service.id))[0]!.status).toBe('resolved');
  });

  it('maintenance: the alert is recorded but nobody is paged', async () => {
    const w = await pipelineWorld(t.h, oneStep('mw@example.com'));
    const now = t.h.clock.now();
    await t.h.operable.deps.database.db
      .insertInto('maintenance_windows')
      .values({ name: 'Deploy', service_ids: [w.service.id], kind: 'once', starts_at: new Date(now.getTime() - MIN), ends_at: new Date(now.getTime() + 30 * MIN), created_at: now })
      .execute();
    const res = await t.h.request('/v2/enqueue', { method: 'POST', json: { routing_key: w.key, event_action: 'trigger', payload: { summary: 'Deploy blip', source: 'ci', severity: 'critical' } } });
    expect(res.status).toBe(202);
    await run();
    expect(t.mailbox.to('mw@example.com')).toHaveLength(0);
    const [alert] = await alertsOf(t.h, w.service.id);
    expect(alert!.suppressed_by).not.toBeNull();
    expect(await alertLog(t.h, alert!.id)).toEqual(['triggered', 'suppressed']);
  });

  it('storm: hundreds of distinct alerts for one service are all recorded and page once', async () => {
    const w = await pipelineWorld(t.h, oneStep('storm@example.com', { integrationKind: 'generic' }));
    for (let batch = 0; batch < 3; batch++) {
      const events = Array.from({ length: 100 }, (_, i) => ({ summary: `Pod ${batch * 100 + i} crashed`, dedupKey: `pod-${batch * 100 + i}` }));
      expect((await t.h.request(`/ingest/generic/${w.key}`, { method: 'POST', json: { events } })).status).toBe(202);
    }
    await run();
    const alerts = await alertsOf(t.h, w.service.id);
    expect(alerts).toHaveLength(300);
    expect(alerts.filter((a) => a.group_leader_id === null)).toHaveLength(1);
    expect(alerts[0]!.group_size).toBe(300);
    expect(t.mailbox.to('storm@example.com')).toHaveLength(1);
    expect(t.mailbox.to('storm@example.com')[0]!.text).toContain('+299 more');
  });

  it('low urgency waits for the person’s working hours', async () => {
    // 2026-03-03 is a Tuesday; in Sydney it is already 21:00 then.
    const w = await pipelineWorld(t.h, {
      people: [{ name: 'Sydney Sue', email: 'sue@example.com', timeZone: 'Australia/Sydney', contacts: [{ type: 'email', address: 'sue@example.com', delayMinutes: 0 }] }],
      steps: [{ delayMinutes: 10, people: [0] }],
    });
    t.h.clock.set('2026-03-03T10:00:00Z');
    const res = await t.h.request('/v2/enqueue', { method: 'POST', json: { routing_key: w.key, event_action: 'trigger', payload: { summary: 'Disk 80%', source: 'x', severity: 'warning' } } });
    expect(res.status).toBe(202);
    await run();
    expect(t.mailbox.to('sue@example.com')).toHaveLength(0);
    t.h.clock.set('2026-03-03T21:59:00Z'); // 08:59 in Sydney
    await run();
    expect(t.mailbox.to('sue@example.com')).toHaveLength(0);
    t.h.clock.set('2026-03-03T22:00:00Z'); // 09:00 in Sydney
    await run();
    expect(t.mailbox.to('sue@example.com')).toHaveLength(1);
  });

  it('a step with nobody reachable is skipped at once', async () => {
    const w = await pipelineWorld(t.h, {
      people: [
        { name: 'No Contact', email: 'nobody@example.com', contacts: [] },
        { name: 'Backup Bo', email: 'bo@example.com', contacts: [{ type: 'email', address: 'bo@example.com', delayMinutes: 0 }] },
      ],
      steps: [
        { delayMinutes: 30, people: [0] },
        { delayMinutes: 30, people: [1] },
      ],
    });
    await t.h.request('/v2/enqueue', { method: 'POST', json: { routing_key: w.key, event_action: 'trigger', payload: { summary: 'x', source: 'x', severity: 'critical' } } });
    await run();
    expect(t.mailbox.to('bo@example.com')).toHaveLength(1);
    const [alert] = await alertsOf(t.h, w.service.id);
    expect(await alertLog(t.h, alert!.id)).toEqual(['triggered', 'step_skipped', 'escalated', 'notified:email']);
  });

  it('escalate now after an acknowledgement pages the next step at once, not the first again', async () => {
    const w = await pipelineWorld(t.h, {
      people: [
        { name: 'First Fay', email: 'fay@example.com', contacts: [{ type: 'email', address: 'fay@example.com', delayMinutes: 0 }] },
        { name: 'Next Ned', email: 'ned@example.com', contacts: [{ type: 'email', address: 'ned@example.com', delayMinutes: 0 }] },
      ],
      steps: [
        { delayMinutes: 30, people: [0] },
        { delayMinutes: 30, people: [1] },
      ],
    });
    await t.h.request('/v2/enqueue', { method: 'POST', json: { routing_key: w.key, event_action: 'trigger', dedup_key: 'esc', payload: { summary: 'x', source: 'x', severity: 'critical' } } });
    await run();
    await t.h.request('/v2/enqueue', { method: 'POST', json: { routing_key: w.key, event_action: 'acknowledge', dedup_key: 'esc' } });
    const [alert] = await alertsOf(t.h, w.service.id);
    const { escalateAlertNow } = await import('../alerts/index.js');
    const { inTransaction } = await import('../db/index.js');
    await inTransaction(t.h.operable.deps.database.db, (db) =>
      escalateAlertNow({ ...t.h.operable.systemCtx(db), actor: { kind: 'user', userId: null, role: 'responder', teamIds: [], label: 'fay@example.com' } }, alert!.id),
    );
    await run();
    expect(t.mailbox.to('fay@example.com')).toHaveLength(1);
    expect(t.mailbox.to('ned@example.com')).toHaveLength(1);
    expect((await alertsOf(t.h, w.service.id))[0]!.status).toBe('triggered');
  });
});
