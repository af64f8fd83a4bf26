import { CreateService, CreateTeam, CreateUser } from '@operable/shared';
import { auth, catalog } from '@operable/server';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { checkEverywhere } from './a11y.js';
import { browserReady, PASSWORD, signInAt, useBrowserWorld } from './browser-support.js';

/** The 3 a.m. path in the browser: page a service, acknowledge, resolve. */
const EMAIL = 'night@example.com';

const alertStatus = async (page: Page) =>
  (await page.evaluate(async () => (await fetch('/api/alerts?status=triggered,acknowledged,resolved')).json())).items[0]?.status;

describe.skipIf(!browserReady)('browser: page a service, acknowledge and resolve the alert', () => {
  const world = useBrowserWorld(async (ctx) => {
    const user = await auth.createUser(ctx, CreateUser.parse({ name: 'Night Owl', email: EMAIL, role: 'responder', password: PASSWORD }));
    const team = await catalog.createTeam(ctx, CreateTeam.parse({ name: 'Night shift', memberIds: [user.id] }));
    await catalog.createService(ctx, CreateService.parse({ name: 'Checkout', teamId: team.id, runbookUrl: 'https://runbooks.example.com/checkout' }));
  });

  it('works on a phone-sized screen', async () => {
    const page = await world.browser.newPage({ viewport: { width: 390, height: 844 } });
    page.setDefaultTimeout(8_000);
    await signInAt(page, `${world.url}/`, EMAIL);
    // Home for a responder: their open alerts first (none yet), then who is on call.
    await page.getByRole('heading', { name: 'Now', level: 1 }).waitFor();
    expect(new URL(page.url()).pathname).toBe('/');
    await page.getByText('Nothing open for you.').waitFor();

    await page.getByRole('button', { name: 'Page a service' }).click();
    await page.getByLabel('Service to page').selectOption({ label: 'Checkout' });
    await page.getByLabel('Summary').fill('Checkout returns 500s');
    // Checkout has no escalation policy: the form says so before sending, and never says "paging".
    await page.getByText('This page would reach nobody.').waitFor();
    await page.getByRole('button', { name: 'Record alert (nobody is paged)' }).click();

    // The new alert's page: what, where, and what to do.
    await page.getByRole('heading', { name: /#1 Checkout returns 500s/ }).waitFor();
    await checkEverywhere(page, 'alert-triggered');
    await page.getByRole('button', { name: 'Acknowledge', exact: true }).click();
    await expect.poll(() => alertStatus(page)).toBe('acknowledged');
    // Home lists it as theirs (their team owns the service) while it is open.
    await page.getByRole('link', { name: 'Operable' }).click();
    await page.getByRole('list', { name: 'Your open alerts, newest first' }).getByRole('link', { name: /Checkout returns 500s/ }).waitFor();
    await checkEverywhere(page, 'home');
    await page.getByRole('list', { name: 'Your open alerts, newest first' }).getByRole('link', { name: /Checkout returns 500s/ }).click();
    await page.getByRole('button', { name: 'Resolve', exact: true }).click();
    await expect.poll(() => alertStatus(page)).toBe('resolved');

    // Back on the list, the resolved view has it.
    await page.getByRole('link', { name: /Alerts/ }).first().click();
    await page.getByLabel('Status').selectOption('resolved');
    await page.getByRole('heading', { name: /#1 Checkout returns 500s/ }).waitFor();
    await checkEverywhere(page, 'alerts-resolved');

    // The service's timeline shows it too.
    await page.goto(`${world.url}/services`);
    await page.getByRole('link', { name: 'Checkout', exact: true }).click();
    await page.getByRole('list', { name: 'Alerts and changes, newest first' }).getByRole('link', { name: '#1 Checkout returns 500s' }).waitFor();
  });
});
