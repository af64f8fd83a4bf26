import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { CreateTeam, CreateUser } from '@operable/shared';
import { auth, catalog, inTransaction, loadConfig, startServer, type RunningServer } from '@operable/server';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

/**
 * The whole product as a person meets it: the built UI served by a real server on
 * the embedded database, driven in Debian's Chromium. `npm test` builds the UI first.
 */
const CHROMIUM = '/usr/bin/chromium';
const WEB_DIR = fileURLToPath(new URL('../dist/', import.meta.url));
const ready = existsSync(CHROMIUM) && existsSync(`${WEB_DIR}/index.html`);
if (!ready && process.env.CI === 'true') throw new Error(`CI=true needs ${CHROMIUM} and a built UI in ${WEB_DIR}`);

const EMAIL = 'ada@example.com';
const PASSWORD = 'a long enough password';

describe.skipIf(!ready)('browser: sign in, create a service, see it, sign out', () => {
  let server: RunningServer;
  let browser: Browser;

  beforeAll(async () => {
    const config = loadConfig({ PORT: '0', OPERABLE_DATA_DIR: 'memory://', OPERABLE_LOG_LEVEL: 'error', OPERABLE_WEB_DIR: WEB_DIR });
    server = await startServer(config, 'api');
    const { operable } = server;
    await inTransaction(operable.deps.database.db, async (db) => {
      const ctx = operable.systemCtx(db);
      const user = await auth.createUser(ctx, CreateUser.parse({ name: 'Ada Lovelace', email: EMAIL, role: 'responder', password: PASSWORD }));
      await catalog.createTeam(ctx, CreateTeam.parse({ name: 'Payments', memberIds: [user.id] }));
    });
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
    });
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('works end to end as a responder', async () => {
    const page = await browser.newPage();
    const base = `http://127.0.0.1:${server.port}`;
    await page.goto(`${base}/services`);

    await page.getByLabel('Email').fill(EMAIL);
    await page.getByLabel('Password').fill(PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();

    await page.getByRole('link', { name: 'New service' }).click();
    await page.getByLabel('Name').fill('Card Authoriser');
    await page.getByLabel('Description').fill('Authorises card payments');
    await page.getByLabel('Team').selectOption({ label: 'Payments' });
    await page.getByLabel('Runbook URL').fill('https://runbooks.example.com/card-authoriser');
    await page.getByLabel('Runbook (Markdown)').fill('# Card Authoriser\n\n1. Check the error rate dashboard.');
    await page.getByLabel('Tags (comma-separated)').fill('tier-1, payments');
    await page.getByRole('button', { name: 'Create service' }).click();

    await page.getByRole('link', { name: 'Card Authoriser' }).waitFor();
    expect(new URL(page.url()).pathname).toBe('/services');

    // What the UI showed is what the API holds.
    const listed = await page.evaluate(async () => (await fetch('/api/services')).json());
    expect(listed.items.map((s: { name: string }) => s.name)).toEqual(['Card Authoriser']);
    expect(listed.items[0].tags).toEqual(['tier-1', 'payments']);

    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByRole('button', { name: 'Sign in' }).waitFor();
    const after = await page.evaluate(async () => (await fetch('/api/auth/session')).status);
    expect(after).toBe(401);
  });
});
