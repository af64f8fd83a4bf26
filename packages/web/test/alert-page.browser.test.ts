import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { CreateService, CreateTeam, CreateUser } from '@operable/shared';
import { auth, catalog, type Ctx } from '@operable/server';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startMailbox, type Mailbox } from '../../server/src/test-support/mailbox.js';
import { checkEverywhere, PHONE } from './a11y.js';
import { browserReady, PASSWORD, signInAt, useBrowserWorld } from './browser-support.js';

/**
 * The alert page as the person woken at 3 a.m. meets it on a phone: what is broken,
 * who is on it (Ana's email delivered, Bo's still to come, in his own zone), the one
 * next action; a page that reaches nobody says so loudly. The engine runs for real
 * and mails a local SMTP server.
 */
const DOCS = fileURLToPath(new URL('../../../docs/', import.meta.url));
const ids = { checkout: '', billing: '', search: '', quietPolicy: '' };

async function verifiedEmail(ctx: Ctx, userId: string, address: string, delayMinutes: number) {
  const now = ctx.clock.now();
  const { id } = await ctx.db
    .insertInto('contact_methods')
    .values({ user_id: userId, type: 'email', address, label: 'Work email', secret: null, verified_at: now, created_at: now })
    .returning('id')
    .executeTakeFirstOrThrow();
  await ctx.db.insertInto('notification_rules').values({ user_id: userId, contact_method_id: id, delay_minutes: delayMinutes, urgency: 'any', created_at: now }).execute();
}

describe.skipIf(!browserReady)('browser: the alert page on a phone', () => {
  let mailbox: Mailbox;
  beforeAll(async () => {
    mailbox = await startMailbox();
  });
  afterAll(() => mailbox?.close());
  const world = useBrowserWorld(
    async (ctx) => {
      const ana = await auth.createUser(ctx, CreateUser.parse({ name: 'Ana Lima', email: 'ana@example.com', role: 'responder', password: PASSWORD, timeZone: 'UTC' }));
      const bo = await auth.createUser(ctx, CreateUser.parse({ name: 'Bo Chen', email: 'bo@example.com', role: 'responder', password: PASSWORD, timeZone: 'America/New_York' }));
      await verifiedEmail(ctx, ana.id, 'ana@example.com', 0);
      await verifiedEmail(ctx, bo.id, 'bo@example.com', 10);
      const team = await catalog.createTeam(ctx, CreateTeam.parse({ name: 'Shop', memberIds: [ana.id, bo.id] }));
      const now = ctx.clock.now();
      const { id: policyId } = await ctx.db
        .insertInto('escalation_policies')
        .values({ name: 'Shop primary', description: '', team_id: team.id, repeat_count: 0, created_at: now, updated_at: now })
        .returning('id')
        .executeTakeFirstOrThrow();
      await ctx.db
        .insertInto('escalation_steps')
        .values({ policy_id: policyId, position: 0, delay_minutes: 30, require_all_ack: false, targets: JSON.stringify([{ type: 'user', userId: ana.id }, { type: 'user', userId: bo.id }]) })
        .execute();
      const checkout = await catalog.createService(
        ctx,
        CreateService.parse({
          name: 'Checkout',
          teamId: team.id,
          escalationPolicyId: policyId,
          runbookUrl: 'https://runbooks.example.com/checkout',
          runbookMarkdown: '1. Open the error dashboard.\n2. If a deploy went out in the last hour, roll it back.',
        }),
      );
      const billing = await catalog.createService(ctx, CreateService.parse({ name: 'Billing', teamId: team.id }));
      // Search pages through a policy whose only person has no way to be reached.
      const cy = await auth.createUser(ctx, CreateUser.parse({ name: 'Cy Quiet', email: 'cy@example.com', role: 'responder', timeZone: 'UTC' }));
      const { id: quietPolicy } = await ctx.db
        .insertInto('escalation_policies')
        .values({ name: 'Search nights', description: '', team_id: team.id, repeat_count: 0, created_at: now, updated_at: now })
        .returning('id')
        .executeTakeFirstOrThrow();
      await ctx.db
        .insertInto('escalation_steps')
        .values({ policy_id: quietPolicy, position: 0, delay_minutes: 10, require_all_ack: false, targets: JSON.stringify([{ type: 'user', userId: cy.id }]) })
        .execute();
      const search = await catalog.createService(ctx, CreateService.parse({ name: 'Search', teamId: team.id, escalationPolicyId: quietPolicy }));
      ids.search = search.id;
      ids.quietPolicy = quietPolicy;
      ids.checkout = checkout.id;
      ids.billing = billing.id;
    },
    { role: 'all', env: () => ({ OPERABLE_SMTP_URL: mailbox.url }) },
  );

  async function signedIn(): Promise<Page> {
    const context = await world.browser.newContext({ viewport: PHONE, timezoneId: 'UTC' });
    const page = await context.newPage();
    page.setDefaultTimeout(15_000);
    await signInAt(page, `${world.url}/`, 'ana@example.com');
    await page.getByRole('heading', { name: 'Now', level: 1 }).waitFor();
    return page;
  }

  /** Raises an alert through the API as the signed-in person, as a sender would, with details. */
  const raise = (page: Page, serviceId: string, summary: string, details: Record<string, unknown>) =>
    page.evaluate(
      async ({ serviceId, summary, details }) => {
        const session = await (await fetch('/api/auth/session')).json();
        const res = await fetch('/api/alerts', {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'x-csrf-token': session.csrfToken },
          body: JSON.stringify({ serviceId, summary, details }),
        });
        return (await res.json()) as { id: string };
      },
      { serviceId, summary, details },
    );

  it('leads with what is broken, who is on it and the next action', async () => {
    const page = await signedIn();
    const alert = await raise(page, ids.checkout, 'Checkout returns 500s for 12% of requests', {
      region: 'eu-west-1',
      dashboard: 'https://grafana.example.com/d/checkout',
      labels: { pod: 'checkout-7f9c', namespace: 'shop' },
    });
    await page.goto(`${world.url}/alerts/${alert.id}`);
    const people = page.getByRole('region', { name: 'Who is on it' });
    await people.getByText('Email delivered').waitFor();
    await expect.poll(() => mailbox.to('ana@example.com').length).toBe(1);
    await people.getByText('Message scheduled').waitFor();
    // Bo is in New York: his page says what time it was for him.
    await people.getByText(/America\/New York time/).waitFor();
    await page.getByText('Step 1 of the escalation policy paged Ana Lima and Bo Chen.').waitFor();
    await page.getByText('Email delivered to Ana Lima.').waitFor();
    expect(await page.locator('main').innerText()).not.toMatch(/[0-9a-f]{8}-[0-9a-f]{4}-/);
    // The first screen: the title, service, the next action and the people.
    const ack = page.getByRole('button', { name: 'Acknowledge', exact: true });
    expect((await ack.boundingBox())!.y + 52).toBeLessThan(PHONE.height);
    mkdirSync(DOCS, { recursive: true });
    await page.screenshot({ path: `${DOCS}alert-page-phone.png` });
    await checkEverywhere(page, 'alert-page');

    // The sender's payload is last and folded; opened, it reads as key/value with links, never JSON.
    await page.getByRole('button', { name: 'What the sender sent' }).click();
    await page.getByRole('link', { name: /grafana\.example\.com/ }).waitFor();
    await page.getByText('checkout-7f9c').waitFor();
    expect(await page.locator('main').innerText()).not.toContain('{"');

    await ack.click();
    await people.getByText('Acknowledged', { exact: true }).waitFor();
    await page.getByText('Ana Lima acknowledged it in the web app.').waitFor();
    await page.getByRole('button', { name: 'Resolve', exact: true }).waitFor();
    await page.context().close();
  });

  it('shows who a page will reach before it is sent, and says so loudly when nobody', async () => {
    const page = await signedIn();
    await page.getByRole('button', { name: 'Page a service' }).click();
    await page.getByLabel('Service to page').selectOption({ label: 'Checkout' });
    await page.getByText('Who this reaches:').waitFor();
    await page.getByText(/At once:\s*Ana Lima and Bo Chen/).waitFor();
    await page.getByRole('button', { name: 'Send page' }).waitFor();
    await page.getByLabel('Service to page').selectOption({ label: 'Search' });
    await page.getByText('This page would reach nobody.').waitFor();
    await page.getByText(/cannot be reached: Cy Quiet/).waitFor();
    await page.getByLabel('Summary').fill('Search is slow');
    await checkEverywhere(page, 'page-form-nobody');
    expect(await page.getByRole('button', { name: 'Send page' }).count()).toBe(0);
    await page.getByRole('button', { name: 'Record alert (nobody is paged)' }).click();
    await page.getByRole('alert').filter({ hasText: 'Nobody is being paged for this alert.' }).waitFor();
    await page.getByText(/nobody is paged/).first().waitFor();

    // The service and its policy warn too, before anyone needs them.
    await page.goto(`${world.url}/services/${ids.search}`);
    await page.getByRole('alert').filter({ hasText: 'A page to this service would reach nobody right now.' }).waitFor();
    await checkEverywhere(page, 'service-reaches-nobody');
    await page.goto(`${world.url}/escalation-policies/${ids.quietPolicy}`);
    await page.getByRole('alert').filter({ hasText: 'A page through this policy would reach nobody right now.' }).waitFor();
    await page.context().close();
  });

  it('says loudly when nobody is being paged', async () => {
    const page = await signedIn();
    const alert = await raise(page, ids.billing, 'Invoices are not sent', {});
    await page.goto(`${world.url}/alerts/${alert.id}`);
    await page.getByRole('alert').filter({ hasText: 'Nobody is being paged for this alert.' }).waitFor();
    await page.getByText('Nobody was paged: the service has no escalation policy.').waitFor();
    await checkEverywhere(page, 'alert-page-nobody');
    await page.context().close();
  });
});

