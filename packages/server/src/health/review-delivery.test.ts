import { DateTime } from 'luxon';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startReceiver, type Receiver } from '../notify/channels/test-receiver.js';
import { createAdmin, createUser, unique, type TestUser } from '../test-support/actors.js';
import { databaseKinds } from '../test-support/databases.js';
import { createHarness, type Harness } from '../test-support/harness.js';
import { startMailbox, type Mailbox } from '../test-support/mailbox.js';
import { deliverDueReviews, dueReviewWeek } from './index.js';

const ZONE = 'Europe/Berlin';
const berlin = (local: string) => DateTime.fromISO(local, { zone: ZONE }).toJSDate();

describe('dueReviewWeek', () => {
  it('is due from the team’s weekday and time on its own clock, for the last complete week', () => {
    expect(dueReviewWeek(berlin('2026-11-03T08:59'), ZONE, 2, '09:00')).toBeNull();
    expect(dueReviewWeek(berlin('2026-11-03T09:00'), ZONE, 2, '09:00')).toBe('2026-10-26');
    expect(dueReviewWeek(berlin('2026-11-08T23:59'), ZONE, 2, '09:00')).toBe('2026-10-26');
    expect(dueReviewWeek(berlin('2026-11-09T00:00'), ZONE, 2, '09:00')).toBeNull(); // a new week, not yet Tuesday
    expect(dueReviewWeek(berlin('2026-11-09T07:00'), ZONE, 1, '07:00')).toBe('2026-11-02');
  });
});

describe.each(await databaseKinds())('weekly review delivery on %s', (kind) => {
  let h: Harness;
  let mailbox: Mailbox;
  let hook: Receiver;
  let admin: TestUser;
  let ana: TestUser;
  let team: { id: string };

  beforeAll(async () => {
    mailbox = await startMailbox();
    hook = await startReceiver();
    h = await createHarness(kind, { OPERABLE_SMTP_URL: mailbox.url, OPERABLE_OUTBOUND_ALLOW: '127.0.0.1/32' });
    h.clock.set(berlin('2026-11-02T12:00'));
    admin = await createAdmin(h);
    ana = await createUser(admin, 'responder', { name: 'Ana' });
    team = await admin.call('POST', '/api/teams', { name: unique('review-team'), memberIds: [ana.id] });
    await ana.call('POST', `/api/health/teams/${team.id}/risks`, { title: 'Single database', impact: 5, likelihood: 4, effort: 'L' }, 201);
    await ana.call('POST', '/api/health/toil', { what: 'rotated certs by hand', minutes: 45, doneOn: '2026-10-28' }, 201);
  });
  afterAll(async () => {
    await h?.close();
    await mailbox?.close();
    await hook?.close();
  });

  it('refuses a webhook without a signing secret, naming the field', async () => {
    const res = await ana.call('PATCH', `/api/health/teams/${team.id}/settings`, { reportWebhookUrl: `${hook.url}/review` }, 400);
    expect(res.error.details.fields[0].field).toBe('reportWebhookSecret');
  });

  it('sends each team’s review once, on its day, by email (HTML) and signed webhook (Markdown)', async () => {
    await ana.call('PATCH', `/api/health/teams/${team.id}/settings`, {
      timeZone: ZONE,
      reportEmails: ['ops-review@example.com'],
      reportWebhookUrl: `${hook.url}/review`,
      reportWebhookSecret: 'a-signing-secret-of-some-length',
    });
    const env = { database: h.operable.deps.database, clock: h.clock, log: h.operable.deps.log, settings: h.operable.deps.settings };
    h.clock.set(berlin('2026-11-03T08:59'));
    expect(await deliverDueReviews(env)).toBe(0);
    h.clock.set(berlin('2026-11-03T09:00'));
    // Two engine processes at the same moment: one delivers, the other finds it taken.
    const [a, b] = await Promise.all([deliverDueReviews(env), deliverDueReviews(env)]);
    expect(a + b).toBe(2);
    expect(await deliverDueReviews(env)).toBe(0);
    await h.operable.engine.runUntilIdle();
    const mails = mailbox.to('ops-review@example.com');
    expect(mails).toHaveLength(1);
    expect(mails[0]!.raw).toContain('Weekly operational review');
    expect(mails[0]!.text).toContain('text/html');
    expect(hook.requests.filter((r) => r.path === '/review')).toHaveLength(1);
    const body = JSON.parse(hook.requests.find((r) => r.path === '/review')!.body);
    expect(body.text).toContain('## Pager load');
    expect(body.text).toContain('Week of Mon 26 Oct 2026 – Sun 1 Nov 2026 (Europe/Berlin)');
    expect(body.text).toContain('| Single database | 20 | 5 × 4 | L | – | open |');
    expect(body.text).toContain('0.75 h logged of 40 working hours');
    expect(hook.requests.find((r) => r.path === '/review')!.headers['x-operable-signature']).toMatch(/^v1=/);
    // The next week is not due until next Tuesday.
    h.clock.set(berlin('2026-11-09T12:00'));
    expect(await deliverDueReviews(env)).toBe(0);
  });

  it('sends the organisation’s review once on its own schedule, with an audit row for the settings', async () => {
    const env = { database: h.operable.deps.database, clock: h.clock, log: h.operable.deps.log, settings: h.operable.deps.settings };
    await ana.call('PATCH', '/api/health/org/settings', { reportEmails: ['org@example.com'] }, 403);
    const settings = await admin.call('PATCH', '/api/health/org/settings', { timeZone: ZONE, reportWeekday: 3, reportTime: '08:00', reportEmails: ['org-review@example.com'] });
    expect(settings).toMatchObject({ timeZone: ZONE, reportWeekday: 3, reportTime: '08:00', reportWebhookSigned: false });
    expect((await admin.call('GET', '/api/audit?limit=5')).items[0]).toMatchObject({ action: 'health_org_settings.update', entityType: 'organisation' });
    h.clock.set(berlin('2026-11-04T07:59'));
    expect(await deliverDueReviews(env)).toBe(0);
    h.clock.set(berlin('2026-11-04T08:00'));
    const [a, b] = await Promise.all([deliverDueReviews(env), deliverDueReviews(env)]);
    expect(a + b).toBe(1);
    expect(await deliverDueReviews(env)).toBe(0);
    await h.operable.engine.runUntilIdle();
    const mails = mailbox.to('org-review@example.com');
    expect(mails).toHaveLength(1);
    expect(mails[0]!.raw).toContain('Weekly operational review: Organisation');
    const org = await ana.call('GET', '/api/health/org/review?week=2026-10-28');
    expect(org).toMatchObject({ weekStart: '2026-10-26', scope: { kind: 'org', timeZone: ZONE } });
    expect(org.markdown).toContain('## Action items');
    // A team's action item shows in the organisation's review of the week it was opened.
    await ana.call('POST', `/api/health/teams/${team.id}/actions`, { title: 'Replica for the ledger' }, 201);
    const thisWeek = await ana.call('GET', '/api/health/org/review?week=2026-11-04');
    expect(thisWeek.work.actionItems).toMatchObject({ open: 1, overdue: 0, opened: 1, closed: 0, items: [{ title: 'Replica for the ledger', from: 'Team action list', owner: null, dueOn: null, overdue: false }] });
    expect(thisWeek.deltas.find((d: { label: string }) => d.label === 'Open action items')).toMatchObject({ now: 1, before: 0, direction: 'up' });
    expect(thisWeek.markdown).toContain('| Replica for the ledger | Team action list | – | – |');
  });

  it('shows the review through the API for any week, and refuses a week that has not started', async () => {
    const review = await admin.call('GET', `/api/health/teams/${team.id}/review?week=2026-10-28`);
    expect(review).toMatchObject({ weekStart: '2026-10-26', title: expect.stringContaining('Weekly operational review'), scope: { kind: 'team', timeZone: ZONE } });
    expect(review.html).toMatch(/^<!DOCTYPE html>/);
    expect(review.health.pagerLoad).toHaveLength(12);
    const future = await admin.call('GET', `/api/health/teams/${team.id}/review?week=2027-01-05`, undefined, 400);
    expect(future.error.details.fields[0].field).toBe('query.week');
    const org = await ana.call('GET', '/api/health/org/review');
    expect(org.scope.kind).toBe('org');
  });
});
