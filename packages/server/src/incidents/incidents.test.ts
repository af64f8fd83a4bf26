import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startReceiver, type Receiver } from '../notify/channels/test-receiver.js';
import { createAdmin, createUser, unique, type TestUser } from '../test-support/actors.js';
import { databaseKinds } from '../test-support/databases.js';
import { createHarness, type Harness } from '../test-support/harness.js';
import { composeHandoffReport } from '../schedules/index.js';
import { slackChannelName } from './slack.js';
import { weeklyTrend } from './trend.js';

describe('slack channel names and the wellbeing trend (pure)', () => {
  it('follows Slack’s naming rules', () => {
    expect(slackChannelName(42, 'Checkout 5xx: EU & US!', false)).toBe('inc-42-checkout-5xx-eu-us');
    expect(slackChannelName(7, 'Ünïcode façade', true)).toBe('drill-inc-7-unicode-facade');
    expect(slackChannelName(1, 'x'.repeat(200), false)).toHaveLength(80);
    expect(slackChannelName(3, '!!!', false)).toBe('inc-3');
  });
  it('aggregates by week, never by person', () => {
    const since = new Date('2026-03-02T00:00:00Z'); // a Monday
    const weeks = weeklyTrend(
      [
        { at: new Date('2026-03-03T10:00:00Z'), stress: 4, sleepLostMinutes: 30 },
        { at: new Date('2026-03-04T10:00:00Z'), stress: 1, sleepLostMinutes: 0 },
        { at: new Date('2026-03-10T10:00:00Z'), stress: 3, sleepLostMinutes: 90 },
      ],
      since,
      new Date('2026-03-16T12:00:00Z'),
    );
    expect(weeks).toEqual([
      { weekStart: '2026-03-02', answers: 2, averageStress: 2.5, sleepLostMinutes: 30 },
      { weekStart: '2026-03-09', answers: 1, averageStress: 3, sleepLostMinutes: 90 },
      { weekStart: '2026-03-16', answers: 0, averageStress: null, sleepLostMinutes: 0 },
    ]);
  });
});

describe.each(await databaseKinds())('incident details on %s', (kind) => {
  let h: Harness;
  let slack: Receiver;
  let admin: TestUser;
  let ana: TestUser;
  let ben: TestUser;
  let team: { id: string };
  let service: { id: string; name: string };
  let other: { id: string; name: string };
  const taken = new Set<string>();

  beforeAll(async () => {
    // A local fake of the two Slack Web API methods used; the first name of a channel is "taken".
    slack = await startReceiver((req) => {
      if (req.path === '/api/conversations.create') {
        const { name } = JSON.parse(req.body) as { name: string };
        if (name.endsWith('-taken') && !taken.has(name)) {
          taken.add(name);
          return { status: 200, body: JSON.stringify({ ok: false, error: 'name_taken' }) };
        }
        return { status: 200, body: JSON.stringify({ ok: true, channel: { id: 'C0123', name } }) };
      }
      if (req.path === '/api/chat.postMessage') return { status: 200, body: JSON.stringify({ ok: true }) };
      return { status: 404, body: JSON.stringify({ ok: false, error: 'unknown_method' }) };
    });
    h = await createHarness(kind, { OPERABLE_SLACK_BOT_TOKEN: 'xoxb-test-token', OPERABLE_SLACK_API_URL: `${slack.url}/api` });
    admin = await createAdmin(h);
    ana = await createUser(admin, 'responder', { name: 'Ana Ortiz' });
    ben = await createUser(admin, 'responder', { name: 'Ben Okafor' });
    team = await admin.call('POST', '/api/teams', { name: unique('team'), memberIds: [ana.id, ben.id] });
    service = await admin.call('POST', '/api/services', { name: unique('api'), teamId: team.id });
    const otherTeam = await admin.call('POST', '/api/teams', { name: unique('other') });
    other = await admin.call('POST', '/api/services', { name: unique('billing'), teamId: otherTeam.id });
  });
  afterAll(async () => {
    await h?.close();
    await slack?.close();
  });

  const kinds = (detail: { timeline: { kind: string }[] }) => detail.timeline.map((e) => e.kind);

  it('creates a Slack channel through the Web API with the bot token, retrying a taken name', async () => {
    const d = await ana.call('POST', '/api/incidents', { title: 'taken', severity: 3, serviceIds: [service.id], createSlackChannel: true });
    expect(d.slackChannel).toEqual({ id: 'C0123', name: expect.stringMatching(/^inc-\d+-taken-[0-9a-f]{4}$/) });
    const calls = slack.requests.filter((r) => r.path.startsWith('/api/'));
    expect(calls.map((r) => r.path)).toEqual(['/api/conversations.create', '/api/conversations.create', '/api/chat.postMessage']);
    expect(calls[0]!.headers.authorization).toBe('Bearer xoxb-test-token');
    expect(JSON.parse(calls[2]!.body).text).toContain(`/incidents/${d.number}`);
    expect(d.timeline.at(-1).text).toBe(`Ana Ortiz opened the Slack channel #${d.slackChannel.name}`);
    // Once is enough.
    expect((await ana.request(`/api/incidents/${d.number}/slack-channel`, { method: 'POST' })).status).toBe(409);
  });

  it('hands roles over with names, moves key moments, and reopens', async () => {
    const d = await ana.call('POST', '/api/incidents', { title: 'Latency', severity: 2, serviceIds: [service.id] });
    const n = d.number;
    const handed = await ana.call('POST', `/api/incidents/${n}/roles`, { role: 'commander', userId: ben.id }, 200);
    expect(handed.roles.map((r: { role: string; user: { name: string } }) => `${r.role}:${r.user.name}`)).toEqual(['commander:Ben Okafor']);
    expect(handed.roleHistory.map((r: { user: { name: string }; handedTo: { name: string } | null; endedAt: string | null }) => [r.user.name, r.handedTo?.name ?? null, !!r.endedAt])).toEqual([
      ['Ana Ortiz', 'Ben Okafor', true],
      ['Ben Okafor', null, false],
    ]);
    expect(handed.timeline.at(-1).text).toBe('Ana Ortiz handed incident commander to Ben Okafor');
    // Ana no longer holds a role but is in the owning team: she still edits.
    const note = await ana.call('POST', `/api/incidents/${n}/notes`, { text: 'Cache hit rate fell to *10%*', keyMoment: 'detected' });
    expect(note).toMatchObject({ keyMoment: 'detected', html: '<p>Cache hit rate fell to <em>10%</em></p>' });
    const detail = await ana.call('GET', `/api/incidents/${n}`);
    expect(detail.timeline.filter((e: { keyMoment: string | null }) => e.keyMoment === 'detected').map((e: { id: string }) => e.id)).toEqual([note.id]);
    await ana.call('PATCH', `/api/incidents/${n}`, { status: 'resolved' }, 200);
    const reopened = await ana.call('PATCH', `/api/incidents/${n}`, { status: 'investigating', severity: 1 }, 200);
    expect(reopened).toMatchObject({ status: 'investigating', resolvedAt: null, severityName: 'SEV1' });
    expect(kinds(reopened).slice(-4)).toEqual(['status_changed', 'wellbeing_requested', 'severity_changed', 'reopened']);
    // An outsider to the team (and to the incident's roles) reads but does not change it.
    const carl = await createUser(admin, 'responder', { name: 'Carl' });
    expect((await carl.request(`/api/incidents/${n}`, { method: 'PATCH', json: { assess: 'x' } })).status).toBe(403);
    expect((await carl.call('GET', `/api/incidents/${n}`)).canEdit).toBe(false);
  });

  it('keeps services that came with alerts only while their alerts are linked', async () => {
    const alert = await admin.call('POST', '/api/alerts', { serviceId: other.id, summary: 'Billing lag' });
    const d = await ana.call('POST', '/api/incidents', { title: 'Lag', severity: 3, alertIds: [alert.id], serviceIds: [service.id] });
    expect(d.services.map((s: { name: string; source: string }) => `${s.name}:${s.source}`).sort()).toEqual([`${other.name}:alert`, `${service.name}:manual`].sort());
    const unlinked = await ana.call('DELETE', `/api/incidents/${d.number}/alerts/${alert.id}`, undefined, 200);
    expect(unlinked.services.map((s: { name: string }) => s.name)).toEqual([service.name]);
    expect(unlinked.timeline.slice(-2).map((e: { text: string }) => e.text)).toEqual([`Ana Ortiz unlinked alert #${alert.number}`, `${other.name} left the incident with its last alert`]);
    expect((await ana.request(`/api/incidents/${d.number}/alerts`, { method: 'POST', json: { alertId: alert.id } })).status).toBe(200);
    expect((await ana.request(`/api/incidents/${d.number}/alerts`, { method: 'POST', json: { alertId: alert.id } })).status).toBe(409);
  });

  it('marks a drill in its pages and updates, and tells subscribers without paging them', async () => {
    const d = await ana.call('POST', '/api/incidents', { title: 'Game day', severity: 2, serviceIds: [service.id], drill: true });
    const sub = await admin.call('POST', `/api/services/${service.id}/incident-subscribers`, { channel: 'email', address: 'cto@example.com' });
    expect(sub.secret).toBeNull();
    const paged = await ana.call('POST', `/api/incidents/${d.number}/roles`, { role: 'scribe', userId: ben.id, page: true }, 200);
    const page = await admin.call('GET', `/api/alerts/${paged.roles.find((r: { role: string }) => r.role === 'scribe').page.alertId}`);
    expect(page.summary).toBe(`[DRILL] Incident #${d.number} needs you as scribe: Game day`);
    const update = await ana.call('POST', `/api/incidents/${d.number}/updates`, { templateId: (await admin.call('GET', '/api/incident-templates')).items.find((t: { name: string }) => t.name === 'Investigating').id });
    expect(update.body).toMatch(/^\*\*\[DRILL\]\*\* We are investigating Game day \(SEV2\)\. Affected: .+\. Next update by \d\d:\d\d UTC\.$/);
    const mail = await h.operable.deps.database.db.selectFrom('outbox').select(['channel', 'target', 'message']).where('channel', '=', 'email').execute();
    const toCto = mail.filter((m) => (m.target as { address: string }).address === 'cto@example.com');
    expect(toCto).toHaveLength(1);
    expect((toCto[0]!.message as { title: string; urgency: string })).toMatchObject({ title: `[DRILL] Incident #${d.number} SEV2 investigating: Game day`, urgency: 'low' });
  });

  it('tells each viewer which followers they may remove: their own, or any as an admin', async () => {
    const d = await ana.call('POST', '/api/incidents', { title: 'Followers', severity: 3, serviceIds: [service.id] });
    await ana.call('POST', `/api/incidents/${d.number}/subscribers`, { channel: 'email', address: 'ana-follows@example.com' });
    await ben.call('POST', `/api/incidents/${d.number}/subscribers`, { channel: 'email', address: 'ben-follows@example.com' });
    const removable = async (as: typeof ana) =>
      (await as.call('GET', `/api/incidents/${d.number}/subscribers`)).items.filter((s: { canRemove: boolean }) => s.canRemove).map((s: { address: string }) => s.address).sort();
    expect(await removable(ana)).toEqual(['ana-follows@example.com']);
    expect(await removable(ben)).toEqual(['ben-follows@example.com']);
    expect(await removable(admin)).toEqual(['ana-follows@example.com', 'ben-follows@example.com']);
  });

  it('nudges teammates when an incident ran through someone’s night', async () => {
    h.clock.set(new Date('2026-03-05T02:00:00Z'));
    const d = await ana.call('POST', '/api/incidents', { title: 'Night pager', severity: 1, serviceIds: [service.id] });
    h.clock.advance(60 * 60_000);
    await ana.call('PATCH', `/api/incidents/${d.number}`, { status: 'resolved' }, 200);
    const inbox = await ben.call('GET', '/api/inbox');
    expect(inbox.items.map((i: { kind: string; title: string }) => `${i.kind}: ${i.title}`)).toContain(`wellbeing_nudge: Ana Ortiz handled Incident #${d.number} in their sleep hours`);
    const mine = (await ana.call('GET', '/api/me/wellbeing-checkins')).items.find((c: { incidentNumber: number }) => c.incidentNumber === d.number);
    expect(mine.answeredAt).toBeNull();
  });

  it('puts the shift’s incidents into the handoff report, with the outgoing person’s roles', async () => {
    const from = h.clock.now().getTime();
    const d = await ana.call('POST', '/api/incidents', { title: 'Handoff material', severity: 2, serviceIds: [service.id] });
    h.clock.advance(60_000);
    const { report } = await composeHandoffReport(
      h.operable.deps.database.db,
      { id: '00000000-0000-4000-8000-000000000001', name: 'Primary', time_zone: 'UTC' },
      { role: 'primary', at: h.clock.now().getTime(), outgoing: ana.id, incoming: ben.id, shiftStart: from, incomingUntil: null, gap: null },
      false,
    );
    expect(report.incidents).toContainEqual(expect.objectContaining({ number: d.number, title: 'Handoff material', status: 'investigating', roles: ['commander'], resolvedAt: null }));
  });
});
