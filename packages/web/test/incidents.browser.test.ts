import { createServer, type Server } from 'node:http';
import { CreateService, CreateTeam, CreateUser } from '@operable/shared';
import { auth, catalog, type Ctx } from '@operable/server';
import { sql } from 'kysely';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startMailbox, type Mailbox } from '../../server/src/test-support/mailbox.js';
import { checkEverywhere, LAPTOP, PHONE } from './a11y.js';
import { browserReady, PASSWORD, signInAt, useBrowserWorld } from './browser-support.js';

/**
 * Running an incident from a phone (and a laptop): declare from an alert, page a
 * communicator into the role, post an update with a next-update time, see the
 * overdue reminder, tick the checklist, run a compensating webhook after a confirm,
 * resolve, and answer the wellbeing check-in. axe checks every page on the way.
 */
const ids = { checkout: '', ana: '', bo: '' };

async function verifiedEmail(ctx: Ctx, userId: string, address: string) {
  const now = ctx.clock.now();
  const { id } = await ctx.db
    .insertInto('contact_methods')
    .values({ user_id: userId, type: 'email', address, label: 'Work email', secret: null, verified_at: now, created_at: now })
    .returning('id')
    .executeTakeFirstOrThrow();
  await ctx.db.insertInto('notification_rules').values({ user_id: userId, contact_method_id: id, delay_minutes: 0, urgency: 'any', created_at: now }).execute();
}

describe.skipIf(!browserReady)('browser: running an incident', () => {
  let mailbox: Mailbox;
  let receiver: Server;
  let hookUrl = '';
  const hooks: string[] = [];
  beforeAll(async () => {
    mailbox = await startMailbox();
    receiver = createServer((req, res) => {
      let body = '';
      req.on('data', (c) => (body += c));
      req.on('end', () => {
        hooks.push(body);
        res.writeHead(200).end();
      });
    });
    await new Promise<void>((r) => receiver.listen(0, '127.0.0.1', r));
    hookUrl = `http://127.0.0.1:${(receiver.address() as { port: number }).port}/flags/checkout-v2/off`;
  });
  afterAll(async () => {
    await mailbox?.close();
    await new Promise((r) => receiver?.close(r));
  });
  const world = useBrowserWorld(
    async (ctx) => {
      const ana = await auth.createUser(ctx, CreateUser.parse({ name: 'Ana Lima', email: 'ana@example.com', role: 'responder', password: PASSWORD, timeZone: 'UTC' }));
      const bo = await auth.createUser(ctx, CreateUser.parse({ name: 'Bo Chen', email: 'bo@example.com', role: 'responder', password: PASSWORD, timeZone: 'UTC' }));
      await verifiedEmail(ctx, ana.id, 'ana@example.com');
      await verifiedEmail(ctx, bo.id, 'bo@example.com');
      const team = await catalog.createTeam(ctx, CreateTeam.parse({ name: 'Shop', memberIds: [ana.id, bo.id] }));
      const checkout = await catalog.createService(
        ctx,
        CreateService.parse({ name: 'Checkout', teamId: team.id, runbookMarkdown: '## When checkout fails\n\n- [ ] Check the error dashboard\n- [ ] Turn off the new checkout flag' }),
      );
      Object.assign(ids, { checkout: checkout.id, ana: ana.id, bo: bo.id });
    },
    { role: 'all', env: () => ({ OPERABLE_SMTP_URL: mailbox.url, OPERABLE_OUTBOUND_ALLOW: '127.0.0.1/32' }) },
  );

  async function signedIn(email: string, viewport: { width: number; height: number }): Promise<Page> {
    const context = await world.browser.newContext({ viewport, timezoneId: 'UTC' });
    const page = await context.newPage();
    page.setDefaultTimeout(20_000);
    await signInAt(page, `${world.url}/`, email);
    await page.getByRole('heading', { name: 'Now', level: 1 }).waitFor();
    return page;
  }

  const post = (page: Page, path: string, body: unknown) =>
    page.evaluate(
      async ({ path, body }) => {
        const session = await (await fetch('/api/auth/session')).json();
        const res = await fetch(path, { method: 'POST', headers: { 'content-type': 'application/json', 'x-csrf-token': session.csrfToken }, body: JSON.stringify(body) });
        return (await res.json()) as { id: string };
      },
      { path, body },
    );

  for (const viewport of [PHONE, LAPTOP]) {
    it(`runs from alert to check-in at ${viewport.width} px`, async () => {
      const page = await signedIn('ana@example.com', viewport);
      const alert = await post(page, '/api/alerts', { serviceId: ids.checkout, summary: `Checkout fails at ${viewport.width}`, userIds: [ids.ana] });
      await post(page, `/api/services/${ids.checkout}/compensating-actions`, { name: `Turn off checkout-v2 (${viewport.width})`, kind: 'webhook', url: hookUrl });

      // Declare from the alert.
      await page.goto(`${world.url}/alerts/${alert.id}`);
      await page.getByRole('button', { name: 'Declare incident' }).click();
      await page.getByLabel('Severity').selectOption('2');
      await page.getByRole('button', { name: 'Declare incident' }).click();
      // The alert page's heading is the same summary: wait for the incident's own address first.
      await page.waitForURL(/\/incidents\/\d+$/);
      await page.getByRole('heading', { name: new RegExp(`Checkout fails at ${viewport.width}`), level: 1 }).waitFor();
      const incidentUrl = page.url();
      await page.getByText(/Incident commander:\s*Ana Lima/).waitFor();
      await checkEverywhere(page, `incident-declared-${viewport.width}`, viewport);

      // Assign a communicator, paged into the role.
      await page.getByRole('button', { name: 'Assign a role' }).click();
      const assign = page.getByRole('form', { name: 'Assign a role' });
      await assign.getByLabel('Role', { exact: true }).selectOption('communicator');
      await assign.getByLabel('Person', { exact: true }).selectOption({ label: 'Bo Chen' });
      await assign.getByRole('button', { name: 'Assign', exact: true }).click();
      await page.getByText(/Communicator:\s*Bo Chen/).waitFor();
      await page.getByText(/Bo Chen: (paged|page delivered)/).waitFor();

      // Post an update with a next-update time.
      const form = page.getByRole('form', { name: 'Post an update' });
      await form.getByLabel('What is known now').fill('Checkout errors since 03:10; rolling back the last deploy.');
      await form.getByLabel('Next update').selectOption('15');
      await form.getByRole('button', { name: 'Post update' }).click();
      await page.getByText('Next update due in 15 min').waitFor();
      await page.getByRole('region', { name: 'Latest update' }).getByText('rolling back the last deploy').waitFor();

      // Time passes with no update: the reminder is loud on the page and in the timeline.
      const number = Number(incidentUrl.split('/').at(-1));
      await sql`update incidents set next_update_at = now() - interval '2 minutes' where number = ${number}`.execute(world.server.operable.deps.database.db);
      await page.getByRole('alert').filter({ hasText: /Update overdue by \d+ min/ }).waitFor();
      await expect.poll(async () => (await page.locator('main').innerText()).match(/remind/i)?.[0] ?? '', { timeout: 30_000 }).not.toBe('');
      await checkEverywhere(page, `incident-overdue-${viewport.width}`, viewport);

      // Tick the checklist.
      // The page refreshes itself every few seconds; the tick is judged by what the server recorded.
      await page.getByRole('checkbox', { name: /Check the error dashboard/ }).click();
      await page.getByText(/Check the error dashboard · Ana Lima/).waitFor();

      // Run the compensating action, after a confirm.
      await page.getByRole('button', { name: `Run “Turn off checkout-v2 (${viewport.width})”…` }).click();
      await page.getByRole('dialog').getByRole('button', { name: 'Run it now' }).click();
      await expect.poll(() => hooks.length).toBeGreaterThan(0);
      await page.getByText(new RegExp(`ran “Turn off checkout-v2 \\(${viewport.width}\\)”: succeeded`)).waitFor();

      // Resolve (the next action once monitoring, or the Resolve button), then the check-in.
      await page.getByRole('button', { name: 'Resolve', exact: true }).click();
      await page.getByRole('dialog').getByRole('button', { name: 'Resolve incident' }).click();
      await page.getByRole('heading', { name: 'How are you after this one?' }).waitFor();
      await checkEverywhere(page, `incident-resolved-${viewport.width}`, viewport);
      await page.getByRole('radio', { name: /^4/ }).check();
      await page.getByLabel('Sleep lost (minutes)').fill('90');
      await page.getByRole('checkbox', { name: /Anonymous/ }).check();
      await page.getByRole('button', { name: 'Send check-in' }).click();
      await page.getByText('Thank you for checking in.').waitFor();

      // The incidents list shows it resolved.
      await page.goto(`${world.url}/incidents`);
      await page.getByRole('list', { name: 'Resolved incidents, newest first' }).getByRole('link', { name: new RegExp(`Checkout fails at ${viewport.width}`) }).waitFor();
      await checkEverywhere(page, `incidents-${viewport.width}`, viewport);
      await page.context().close();
    }, 120_000);
  }
});
