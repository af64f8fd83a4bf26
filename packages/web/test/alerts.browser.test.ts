import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { CreateService, CreateTeam, CreateUser } from '@operable/shared';
import { auth, catalog, inTransaction, loadConfig, startServer, type RunningServer } from '@operable/server';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

/** The 3 a.m. path in the browser: see an alert, acknowledge it, resolve it from its page. */
const CHROMIUM = '/usr/bin/chromium';
const WEB_DIR = fileURLToPath(new URL('../dist/', import.meta.url));
const ready = existsSync(CHROMIUM) && existsSync(`${WEB_DIR}/index.html`);
if (!ready && process.env.CI === 'true') throw new Error(`CI=true needs ${CHROMIUM} and a built UI in ${WEB_DIR}`);

const EMAIL = 'night@example.com';
const PASSWORD = 'a long enough password';

const alertStatus = async (page: import('playwright-core').Page) =>
  (await page.evaluate(async () => (await fetch('/api/alerts?status=triggered,acknowledged,resolved')).json())).items[0]?.status;

describe.skipIf(!ready)('browser: page a service, acknowledge and resolve the alert', () => {
  let server: RunningServer;
  let browser: Browser;

  beforeAll(async () => {
    const config = loadConfig({ PORT: '0', OPERABLE_DATA_DIR: 'memory://', OPERABLE_LOG_LEVEL: 'error', OPERABLE_WEB_DIR: WEB_DIR });
    server = await startServer(config, 'api');
    const { operable } = server;
    await inTransaction(operable.deps.database.db, async (db) => {
      const ctx = operable.systemCtx(db);
      const user = await auth.createUser(ctx, CreateUser.parse({ name: 'Night Owl', email: EMAIL, role: 'responder', password: PASSWORD }));
      const team = await catalog.createTeam(ctx, CreateTeam.parse({ name: 'Night shift', memberIds: [user.id] }));
      await catalog.createService(ctx, CreateService.parse({ name: 'Checkout', teamId: team.id, runbookUrl: 'https://runbooks.example.com/checkout' }));
    });
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'] });
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('works on a phone-sized screen', async () => {
    const page = await browser.newPage({ viewport: { width: 375, height: 740 } });
    await page.goto(`http://127.0.0.1:${server.port}/`);
    await page.getByLabel('Email').fill(EMAIL);
    await page.getByLabel('Password').fill(PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    expect(new URL(await page.waitForURL(/\/alerts/).then(() => page.url())).pathname).toBe('/alerts');

    await page.getByRole('button', { name: 'Page a service' }).click();
    await page.getByLabel('Service to page').selectOption({ label: 'Checkout' });
    await page.getByLabel('Summary').fill('Checkout returns 500s');
    await page.getByRole('button', { name: 'Send page' }).click();

    // The new alert's page: what, where, and what to do.
    await page.getByRole('heading', { name: /#1 Checkout returns 500s/ }).waitFor();
    await page.getByRole('button', { name: 'Acknowledge', exact: true }).click();
    await expect.poll(() => alertStatus(page)).toBe('acknowledged');
    await page.getByRole('button', { name: 'Resolve', exact: true }).click();
    await expect.poll(() => alertStatus(page)).toBe('resolved');

    // Back on the list, the resolved view has it.
    await page.getByRole('link', { name: /Alerts/ }).first().click();
    await page.getByLabel('Status').selectOption('resolved');
    await page.getByRole('heading', { name: /#1 Checkout returns 500s/ }).waitFor();
  });
});
