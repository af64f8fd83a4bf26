import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inTransaction } from '../db/index.js';
import { verifyWebhookSignature } from '../notify/index.js';
import { startReceiver, type Receiver } from '../notify/channels/test-receiver.js';
import { createAdmin, createUser, unique, type TestUser } from '../test-support/actors.js';
import { databaseKinds } from '../test-support/databases.js';
import { createHarness, type Harness } from '../test-support/harness.js';

const MIN = 60_000;

/**
 * Done means: alert → declare → page a communicator into the role → update with a
 * next-update time → missed update reminded → `operable exec` recorded →
 * compensating webhook run → resolve → wellbeing check-in, with the timeline read
 * entry by entry, on PGlite and PostgreSQL, time from the fake clock.
 */
describe.each(await databaseKinds())('an incident from alert to wellbeing on %s', (kind) => {
  let h: Harness;
  let receiver: Receiver;
  let admin: TestUser;
  let ana: TestUser;
  let cai: TestUser;
  let world: { teamId: string; serviceId: string; key: string };

  beforeAll(async () => {
    receiver = await startReceiver();
    h = await createHarness(kind);
    admin = await createAdmin(h);
    ana = await createUser(admin, 'responder', { name: 'Ana Ortiz' });
    cai = await createUser(admin, 'responder', { name: 'Cai Brooks' });
    const team = await admin.call('POST', '/api/teams', { name: unique('payments'), memberIds: [ana.id, cai.id] });
    world = await inTransaction(h.operable.deps.database.db, async (db) => {
      const now = h.clock.now();
      for (const [person, path] of [[ana, '/ana'], [cai, '/cai']] as const) {
        const { id } = await db
          .insertInto('contact_methods')
          .values({ user_id: person.id, type: 'webhook', address: `${receiver.url}${path}`, label: 'hook', secret: 'person-secret', verified_at: now, created_at: now })
          .returning('id')
          .executeTakeFirstOrThrow();
        await db.insertInto('notification_rules').values({ user_id: person.id, contact_method_id: id, delay_minutes: 0, urgency: 'any', created_at: now }).execute();
      }
      const policy = await db.insertInto('escalation_policies').values({ name: unique('policy'), description: '', team_id: team.id, repeat_count: 0, created_at: now, updated_at: now }).returning('id').executeTakeFirstOrThrow();
      await db.insertInto('escalation_steps').values({ policy_id: policy.id, position: 0, delay_minutes: 5, require_all_ack: false, targets: JSON.stringify([{ type: 'user', userId: ana.id }]) }).execute();
      return { policyId: policy.id, now };
    }).then(async ({ policyId }) => {
      const service = await admin.call('POST', '/api/services', {
        name: unique('checkout'),
        teamId: team.id,
        escalationPolicyId: policyId,
        runbookMarkdown: '# Checkout\n\n- [ ] Check the error dashboard\n- [ ] Roll back the last deploy\n\n```\n- [ ] not a task\n```',
      });
      const key = 'k'.repeat(32);
      await h.operable.deps.database.db
        .insertInto('integrations')
        .values({ service_id: service.id, name: 'pd', kind: 'pagerduty', key, rate_limit_per_minute: 1000, heartbeat_interval_minutes: null, heartbeat_last_at: null, created_at: h.clock.now(), updated_at: h.clock.now() })
        .execute();
      return { teamId: team.id, serviceId: service.id, key };
    });
  });
  afterAll(async () => {
    await h?.close();
    await receiver?.close();
  });

  const engine = () => h.operable.engine.runUntilIdle();
  const to = (path: string) => receiver.requests.filter((r) => r.path === path).map((r) => JSON.parse(r.body) as { title: string; text: string });

  it('runs the whole incident and the timeline tells it', async () => {
    // 1. An alert pages Ana.
    const sent = await h.request('/v2/enqueue', { method: 'POST', json: { routing_key: world.key, event_action: 'trigger', dedup_key: 'checkout-5xx', payload: { summary: 'Checkout 5xx above 5%', source: 'prometheus', severity: 'critical' } } });
    expect(sent.status).toBe(202);
    await engine();
    expect(to('/ana')).toHaveLength(1);
    const [alert] = (await ana.call('GET', `/api/alerts?serviceId=${world.serviceId}`)).items;
    h.clock.advance(2 * MIN);
    await ana.call('POST', `/api/alerts/${alert.id}/acknowledge`, undefined, 200);

    // 2. Ana declares from the alert: SEV2, the runbook checklist comes along, she commands.
    h.clock.advance(1 * MIN);
    const declared = await ana.call('POST', '/api/incidents', { title: 'Checkout failing', severity: 2, alertIds: [alert.id], createSlackChannel: true });
    const n = declared.number;
    expect(declared).toMatchObject({ status: 'investigating', severityName: 'SEV2', drill: false, canEdit: true });
    expect(declared.services.map((s: { id: string; source: string }) => [s.id, s.source])).toEqual([[world.serviceId, 'alert']]);
    expect(declared.checklist.map((c: { text: string }) => c.text)).toEqual(['Check the error dashboard', 'Roll back the last deploy']);
    expect(declared.roles.map((r: { role: string; user: { name: string } }) => [r.role, r.user.name])).toEqual([['commander', 'Ana Ortiz']]);
    expect(new Date(declared.nextUpdateAt).getTime() - h.clock.now().getTime()).toBe(30 * MIN);

    // 3. Ana pages Cai into the communicator role through Cai's own notification rules.
    h.clock.advance(1 * MIN);
    const paged = await ana.call('POST', `/api/incidents/${n}/roles`, { role: 'communicator', userId: cai.id, page: true }, 200);
    expect(paged.roles.find((r: { role: string }) => r.role === 'communicator')).toMatchObject({ user: { name: 'Cai Brooks' }, page: { status: 'triggered' } });
    await engine();
    expect(to('/cai').map((m) => m.title).join()).toContain(`Incident #${n} needs you as communicator`);
    const pageId = paged.roles.find((r: { role: string }) => r.role === 'communicator').page.alertId;
    h.clock.advance(1 * MIN);
    await cai.call('POST', `/api/alerts/${pageId}/acknowledge`, undefined, 200);
    await engine();
    const afterAck = await ana.call('GET', `/api/incidents/${n}`);
    const communicator = afterAck.roles.find((r: { role: string }) => r.role === 'communicator');
    expect(communicator.page.status).toBe('acknowledged');
    expect(communicator.page.notifiedAt).not.toBeNull();

    // 4. Cai posts an update and promises the next in 15 minutes; a checklist item is ticked.
    h.clock.advance(1 * MIN);
    const update = await cai.call('POST', `/api/incidents/${n}/updates`, { body: 'Checkout errors since **10:00**; rolling back.', nextUpdateInMinutes: 15 });
    expect(update.html).toContain('<strong>10:00</strong>');
    expect(new Date(update.nextUpdateAt).getTime()).toBe(h.clock.now().getTime() + 15 * MIN);
    await ana.call('PUT', `/api/incidents/${n}/checklist/${declared.checklist[0].id}`, { done: true }, 200);

    // 5. Sixteen minutes pass without an update: Cai is reminded (a page), once.
    h.clock.advance(16 * MIN);
    await engine();
    const reminders = to('/cai').filter((m) => m.title.includes('overdue'));
    expect(reminders).toHaveLength(1);
    h.clock.advance(1 * MIN);
    await engine();
    expect(to('/cai').filter((m) => m.title.includes('overdue'))).toHaveLength(1);
    expect((await ana.call('GET', `/api/incidents/${n}`)).updateOverdue).toBe(true);

    // 6. `operable exec` records a command; the admin's pattern and the default secret shapes are redacted.
    await admin.call('POST', '/api/incident-redactions', { pattern: 'sk_live_\\w+', description: 'payment keys' });
    const start = h.clock.now();
    h.clock.advance(MIN);
    const command = {
      clientId: 'run-0001-abcdef',
      command: 'kubectl rollout undo deploy/checkout --token=abc123',
      osUser: 'ana',
      host: 'laptop-ana',
      cwd: '/home/ana/ops',
      startedAt: start.toISOString(),
      endedAt: h.clock.now().toISOString(),
      exitCode: 0,
      outputTail: 'deployment.apps/checkout rolled back\nusing key sk_live_ABC123\n',
      truncated: false,
    };
    const recorded = await ana.call('POST', `/api/incidents/${n}/commands`, command);
    expect(recorded.command).toBe('kubectl rollout undo deploy/checkout --token=[REDACTED]');
    expect(recorded.outputTail).toBe('deployment.apps/checkout rolled back\nusing key [REDACTED]');
    // The CLI's queue may send it again: kept once.
    expect((await ana.call('POST', `/api/incidents/${n}/commands`, command)).id).toBe(recorded.id);

    // 7. A compensating webhook, signed, to an allowed address, after a confirm.
    const action = await ana.call('POST', `/api/services/${world.serviceId}/compensating-actions`, { name: 'Turn off new-checkout flag', kind: 'webhook', url: `${receiver.url}/flags/new-checkout/off` });
    expect((await ana.request(`/api/incidents/${n}/actions/${action.id}/run`, { method: 'POST', json: {} })).status).toBe(400);
    const ran = await ana.call('POST', `/api/incidents/${n}/actions/${action.id}/run`, { confirm: true });
    expect(ran).toMatchObject({ outcome: 'succeeded', httpStatus: 200, name: 'Turn off new-checkout flag' });
    const call = receiver.requests.find((r) => r.path === '/flags/new-checkout/off')!;
    expect(verifyWebhookSignature(action.secret, call.headers['x-operable-signature'] as string, call.headers['x-operable-timestamp'] as string, call.body, h.clock.now())).toBe(true);
    expect(JSON.parse(call.body)).toMatchObject({ kind: 'compensating_action', incident: { number: n }, requestedBy: 'Ana Ortiz' });

    // 8. An update answers the reminder page; then the incident is resolved.
    h.clock.advance(MIN);
    await cai.call('POST', `/api/incidents/${n}/updates`, { body: 'Rolled back; errors are gone.', status: 'monitoring' });
    const detail = await ana.call('GET', `/api/incidents/${n}`);
    expect(detail.alerts.filter((a: { kind: string }) => a.kind === 'reminder').map((a: { status: string }) => a.status)).toEqual(['resolved']);
    h.clock.advance(10 * MIN);
    const resolved = await ana.call('PATCH', `/api/incidents/${n}`, { status: 'resolved' }, 200);
    expect(resolved.resolvedAt).toBe(h.clock.now().toISOString());
    expect(resolved.nextUpdateAt).not.toBeNull(); // the promise stays on record; no reminder for a resolved incident
    h.clock.advance(60 * MIN);
    await engine();
    expect(to('/cai').filter((m) => m.title.includes('overdue'))).toHaveLength(1);

    // 9. Wellbeing: each responder is asked; Ana answers anonymously; the team sees only the trend.
    const [checkin] = (await ana.call('GET', '/api/me/wellbeing-checkins')).items;
    expect(checkin).toMatchObject({ incidentNumber: n, answeredAt: null });
    await ana.call('POST', `/api/wellbeing-checkins/${checkin.id}`, { stress: 4, sleepLostMinutes: 45, comment: 'rough', anonymous: true }, 200);
    expect((await cai.request(`/api/wellbeing-checkins/${checkin.id}`, { method: 'POST', json: { stress: 1 } })).status).toBe(403);
    const trend = await cai.call('GET', `/api/teams/${world.teamId}/wellbeing`);
    expect(trend.weeks.at(-1)).toMatchObject({ answers: 1, averageStress: 4, sleepLostMinutes: 45 });
    expect(trend.named).toEqual([]);
    expect(JSON.stringify(trend)).not.toContain('rough');

    // The timeline, entry by entry.
    const { timeline } = await ana.call('GET', `/api/incidents/${n}`);
    const lines = timeline.map((e: { kind: string; text: string; keyMoment: string | null }) => `${e.kind}${e.keyMoment ? ` [${e.keyMoment}]` : ''}: ${e.text}`);
    const email = 'Ana Ortiz';
    expect(lines).toEqual([
      `alert_event [detected]: Alert #${alert.number} triggered: Checkout 5xx above 5%`,
      expect.stringMatching(new RegExp(`^alert_event: Alert #${alert.number} was delivered by webhook`)),
      `alert_event [acknowledged]: Alert #${alert.number} was acknowledged`,
      `declared: ${email} declared SEV2 incident #${n}: Checkout failing`,
      `alert_linked: Alert #${alert.number} linked: Checkout 5xx above 5%`,
      `role_assigned: ${email} is incident commander`,
      `slack_channel: No Slack channel was created: Slack channels need a Slack bot token: an admin sets OPERABLE_SLACK_BOT_TOKEN on the server`,
      `role_assigned: ${email} made Cai Brooks communicator`,
      expect.stringMatching(new RegExp(`^paged: ${email} paged Cai Brooks as communicator \\(page #\\d+\\)$`)),
      expect.stringMatching(/^alert_event: The page #\d+ was delivered by webhook/),
      expect.stringMatching(/^alert_event: The page #\d+ was acknowledged$/),
      `update_posted: Checkout errors since **10:00**; rolling back.`,
      `checklist_ticked: ${email} ticked “Check the error dashboard”`,
      expect.stringMatching(/^update_overdue: The status update due \d\d:\d\d UTC is overdue; reminded Cai Brooks \(communicator\) with page #\d+$/),
      expect.stringMatching(/^alert_event: The page #\d+ was delivered by webhook/),
      `command: ${email} ran \`kubectl rollout undo deploy/checkout --token=[REDACTED]\` on laptop-ana as ana: succeeded after 60 s`,
      `action_run: ${email} ran the compensating action “Turn off new-checkout flag”`,
      `action_run: The compensating action “Turn off new-checkout flag” succeeded (HTTP 200)`,
      `status_changed [mitigated]: Cai Brooks changed the status from investigating to monitoring`,
      `update_posted: Rolled back; errors are gone.`,
      expect.stringMatching(/^alert_event: The page #\d+ was resolved$/),
      `status_changed [resolved]: ${email} resolved the incident`,
      `wellbeing_requested: Asked 2 people how they are`,
    ]);
    // Every change has its audit row.
    const audit = await admin.call('GET', `/api/audit?entityType=incident&entityId=${declared.id}&limit=100`);
    expect(audit.items.length).toBeGreaterThanOrEqual(12);
    expect(h.logs.filter((l) => l.event === 'ENGINE_MODULE_FAILED')).toEqual([]);
  });
});
