import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { transitionAlert } from '../alerts/index.js';
import { inTransaction } from '../db/index.js';
import { databaseKinds } from '../test-support/databases.js';
import { useMailboxHarness } from '../test-support/mailbox.js';
import { alertLog, alertsOf, pipelineWorld } from '../test-support/pipeline.js';

/**
 * Storm grouping decides who is paged, never what state an alert is in: a sender's
 * resolve closes only the alert its key names, even when that alert leads a group
 * whose members the same sender still reports as firing.
 */
const fixture = (name: string) => JSON.parse(readFileSync(new URL(`../ingest/fixtures/${name}`, import.meta.url), 'utf8'));
const MIN = 60_000;
const DB1 = '04bb69b65d7916a9';
const DB2 = 'c9a25827211c8974';

/** What Alertmanager 0.25 sends when the first alert of the group stops firing and the second goes on. */
function mixedAlertmanagerBody() {
  const body = fixture('webhook-firing.json');
  body.alerts[0].status = 'resolved';
  body.alerts[0].endsAt = '2026-11-21T22:27:04Z';
  return body;
}

/** A Grafana-managed alerting body (version 1) with one alert resolved and one firing. */
function mixedGrafanaBody() {
  const alert = (fingerprint: string, status: 'firing' | 'resolved') => ({
    status,
    labels: { alertname: 'DiskFull', grafana_folder: 'Storage', instance: fingerprint },
    annotations: { summary: `Disk almost full on ${fingerprint}` },
    startsAt: '2026-11-21T22:17:00Z',
    endsAt: status === 'resolved' ? '2026-11-21T22:27:00Z' : '0001-01-01T00:00:00Z',
    generatorURL: 'https://grafana.example.com/alerting/grafana/abc/view',
    fingerprint,
    silenceURL: 'https://grafana.example.com/alerting/silence/new',
    dashboardURL: '',
    panelURL: '',
    values: { B: 97.5 },
    valueString: '[ var=\'B\' value=97.5 ]',
  });
  return (statuses: ['firing' | 'resolved', 'firing' | 'resolved']) => ({
    receiver: 'operable',
    status: statuses.includes('firing') ? 'firing' : 'resolved',
    orgId: 1,
    alerts: [alert('g-db1', statuses[0]), alert('g-db2', statuses[1])],
    groupLabels: { alertname: 'DiskFull' },
    commonLabels: { alertname: 'DiskFull', grafana_folder: 'Storage' },
    commonAnnotations: {},
    externalURL: 'https://grafana.example.com/',
    version: '1',
    groupKey: '{}:{alertname="DiskFull"}',
    truncatedAlerts: 0,
    title: '[FIRING:2] DiskFull Storage',
    state: 'alerting',
    message: '**Firing**',
  });
}

const oneStep = (email: string, extra: object = {}) => ({
  people: [{ name: email, email, contacts: [{ type: 'email' as const, address: email, delayMinutes: 0 }] }],
  steps: [{ delayMinutes: 10, people: [0] }],
  repeatCount: 1,
  ...extra,
});

describe.each(await databaseKinds())('a resolve touches only the alert its sender names, on %s', (kind) => {
  const t = useMailboxHarness(kind);
  const run = () => t.h.operable.engine.runUntilIdle();
  const db = () => t.h.operable.deps.database.db;
  const escalationsOf = async (serviceId: string) =>
    db()
      .selectFrom('escalations')
      .innerJoin('alerts', 'alerts.id', 'escalations.alert_id')
      .select(['alerts.dedup_key', 'escalations.status'])
      .where('alerts.service_id', '=', serviceId)
      .execute();

  it('Alertmanager [db1 resolved, db2 firing]: db2 stays open, leads the group, and nobody is paged again', async () => {
    const w = await pipelineWorld(t.h, oneStep('am-mixed@example.com', { integrationKind: 'alertmanager' }));
    const send = (body: unknown) => t.h.request(`/ingest/alertmanager/${w.key}`, { method: 'POST', json: body });
    expect((await send(fixture('webhook-firing.json'))).status).toBe(202);
    await run();
    expect(t.mailbox.to('am-mixed@example.com')).toHaveLength(1);
    const [db1, db2] = await alertsOf(t.h, w.service.id);

    t.h.clock.advance(MIN);
    expect((await send(mixedAlertmanagerBody())).status).toBe(202);
    await run();
    const after = await alertsOf(t.h, w.service.id);
    expect(after.map((a) => [a.dedup_key, a.status, a.group_leader_id, a.group_size])).toEqual([
      [DB1, 'resolved', db2!.id, 1],
      [DB2, 'triggered', null, 2],
    ]);
    expect(after[1]!.id).toBe(db2!.id); // the same alert, not a new one for the same fingerprint
    expect(t.mailbox.to('am-mixed@example.com')).toHaveLength(1);
    expect(await alertLog(t.h, db1!.id)).toEqual(expect.arrayContaining(['resolved:alertmanager', 'group_handed_over']));
    expect(await alertLog(t.h, db2!.id)).toEqual(['triggered', 'leads_group']);
    // Within the storm window Alertmanager repeats the group: db2 is a repeat, db1 firing again is a new alert that joins db2's group.
    expect((await send(fixture('webhook-firing.json'))).status).toBe(202);
    await run();
    const repeated = await alertsOf(t.h, w.service.id);
    expect(repeated.map((a) => [a.dedup_key, a.status, a.group_leader_id])).toEqual([
      [DB1, 'resolved', db2!.id],
      [DB2, 'triggered', null],
      [DB1, 'triggered', db2!.id],
    ]);
    expect(repeated[1]!.occurrences).toBe(3); // the first body, the mixed one, the repeat
    expect(t.mailbox.to('am-mixed@example.com')).toHaveLength(1);
    // The group's escalation goes on under its new leader: the second round still comes.
    expect(await escalationsOf(w.service.id)).toEqual([{ dedup_key: DB2, status: 'active' }]);
    t.h.clock.advance(10 * MIN);
    await run();
    const mails = t.mailbox.to('am-mixed@example.com');
    expect(mails).toHaveLength(2);
    expect(mails[1]!.text).toContain('10.0.1.18:8080');
  });

  it('PagerDuty: resolving k1 leaves k2 open and paging; resolving k2 then stops the page', async () => {
    const w = await pipelineWorld(t.h, oneStep('pd-mixed@example.com'));
    const event = (dedup_key: string, event_action: string) =>
      t.h.request('/v2/enqueue', { method: 'POST', json: { routing_key: w.key, event_action, dedup_key, payload: { summary: `Down: ${dedup_key}`, source: 'probe', severity: 'critical' } } });
    expect((await event('k1', 'trigger')).status).toBe(202);
    expect((await event('k2', 'trigger')).status).toBe(202);
    await run();
    expect((await event('k1', 'resolve')).status).toBe(202);
    expect((await alertsOf(t.h, w.service.id)).map((a) => [a.dedup_key, a.status])).toEqual([
      ['k1', 'resolved'],
      ['k2', 'triggered'],
    ]);
    // A trigger for k2 is a repeat of the open alert, not a second one.
    expect((await event('k2', 'trigger')).status).toBe(202);
    expect((await alertsOf(t.h, w.service.id)).filter((a) => a.dedup_key === 'k2')).toHaveLength(1);
    expect((await event('k2', 'resolve')).status).toBe(202);
    expect(await escalationsOf(w.service.id)).toEqual([{ dedup_key: 'k2', status: 'stopped' }]);
    t.h.clock.advance(30 * MIN);
    await run();
    expect(t.mailbox.to('pd-mixed@example.com')).toHaveLength(1);
  });

  it('Grafana: one alert resolved and one firing in one body resolves only the first', async () => {
    const w = await pipelineWorld(t.h, oneStep('grafana-mixed@example.com', { integrationKind: 'grafana' }));
    const body = mixedGrafanaBody();
    const send = (b: unknown) => t.h.request(`/ingest/grafana/${w.key}`, { method: 'POST', json: b });
    expect((await send(body(['firing', 'firing']))).status).toBe(202);
    expect((await send(body(['resolved', 'firing']))).status).toBe(202);
    await run();
    expect((await alertsOf(t.h, w.service.id)).map((a) => [a.dedup_key, a.status])).toEqual([
      ['g-db1', 'resolved'],
      ['g-db2', 'triggered'],
    ]);
    expect(t.mailbox.to('grafana-mixed@example.com')).toHaveLength(1);
  });

  it('a person acknowledging or resolving the group from its page acts on every member', async () => {
    const w = await pipelineWorld(t.h, oneStep('person@example.com', { integrationKind: 'alertmanager' }));
    expect((await t.h.request(`/ingest/alertmanager/${w.key}`, { method: 'POST', json: fixture('webhook-firing.json') })).status).toBe(202);
    await run();
    const [leader] = await alertsOf(t.h, w.service.id);
    const act = (action: 'acknowledge' | 'resolve') => inTransaction(db(), (trx) => transitionAlert(t.h.operable.systemCtx(trx), leader!.id, action, 'web'));
    await act('acknowledge');
    expect((await alertsOf(t.h, w.service.id)).map((a) => a.status)).toEqual(['acknowledged', 'acknowledged']);
    await act('resolve');
    expect((await alertsOf(t.h, w.service.id)).map((a) => a.status)).toEqual(['resolved', 'resolved']);
  });
});
