import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { CreateTeam, CreateUser } from '@operable/shared';
import { auth, catalog, checks } from '@operable/server';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browserReady, PASSWORD, signInAt, useBrowserWorld } from './browser-support.js';

/**
 * The responder's view of synthetic checks: the list leads with the check that is
 * down, its page says what failed and links its alert, and a new check can be
 * tested before it is saved. On a phone (390 px) and a laptop (1366 px), light and dark.
 */
const EMAIL = 'ops@example.com';
const ids = { me: '', team: '', service: '' };

const pageOverflows = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth > window.innerWidth);

async function signIn(browser: Browser, url: string, path: string, viewport: { width: number; height: number }, colorScheme: 'light' | 'dark'): Promise<Page> {
  const page = await browser.newPage({ viewport, colorScheme, baseURL: url });
  page.setDefaultTimeout(10_000);
  await signInAt(page, path, EMAIL);
  return page;
}

describe.skipIf(!browserReady)('browser: synthetic checks', () => {
  let target: Server;
  let targetUrl = '';
  const world = useBrowserWorld(async (ctx) => {
    ids.me = (await auth.createUser(ctx, CreateUser.parse({ name: 'Olu Ops', email: EMAIL, role: 'admin', password: PASSWORD }))).id;
    ids.team = (await catalog.createTeam(ctx, CreateTeam.parse({ name: 'Shop', memberIds: [ids.me] }))).id;
    ids.service = (await catalog.createService(ctx, { name: 'Storefront', teamId: ids.team, tags: [] } as never)).id;
  });

  beforeAll(async () => {
    target = createServer((req, res) => (req.url === '/health' ? res.writeHead(200).end('all systems go') : res.writeHead(404).end('no such page')));
    await new Promise<void>((r) => target.listen(0, '127.0.0.1', () => r()));
    targetUrl = `http://127.0.0.1:${(target.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((r) => target.close(() => r())));

  /** Probes every check now (the browser world runs no engine), twice, so sparklines have a line. */
  async function probeAll(page: Page) {
    const { operable } = world.server;
    const runner = new checks.CheckRunner();
    const env = { database: operable.deps.database, clock: operable.deps.clock, log: operable.deps.log, settings: operable.deps.settings };
    const { csrfToken } = (await (await page.request.get('/api/auth/session')).json()) as { csrfToken: string };
    const list = (await (await page.request.get('/api/checks')).json()) as { items: { id: string }[] };
    for (let round = 0; round < 2; round++) {
      // Pausing and resuming makes a check due at once.
      for (const c of list.items) {
        await page.request.post(`/api/checks/${c.id}/pause`, { data: { paused: true }, headers: { 'X-CSRF-Token': csrfToken } });
        await page.request.post(`/api/checks/${c.id}/pause`, { data: { paused: false }, headers: { 'X-CSRF-Token': csrfToken } });
      }
      await runner.tick(env);
      await runner.idle();
    }
  }

  it('lists the down check first, explains it, links its alert, and tests a new check before saving', async () => {
    const page = await signIn(world.browser, world.url, '/checks', { width: 1366, height: 900 }, 'light');
    await page.getByRole('heading', { name: 'Checks', level: 1 }).waitFor();
    await page.getByText(/No checks yet/).waitFor();
    const { csrfToken } = (await (await page.request.get('/api/auth/session')).json()) as { csrfToken: string };
    for (const [name, path] of [['Home page', '/health'], ['Payments API', '/payments']]) {
      const res = await page.request.post('/api/checks', {
        data: { name, serviceId: ids.service, kind: 'http', retries: 0, allowInternal: true, http: { url: `${targetUrl}${path}` } },
        headers: { 'X-CSRF-Token': csrfToken },
      });
      expect(res.status(), await res.text()).toBe(201);
    }
    await probeAll(page);
    await page.reload();

    await page.getByRole('status').filter({ hasText: '1 of 2 checks down.' }).waitFor();
    const rows = page.getByRole('list', { name: 'Checks' }).getByRole('listitem');
    await expect.poll(() => rows.count()).toBe(2);
    expect(await rows.first().innerText()).toMatch(/Down[\s\S]*Payments API[\s\S]*Down for under a minute: 404 Not Found, expected 2xx/);
    expect(await rows.nth(1).innerText()).toMatch(/Up[\s\S]*Home page[\s\S]*200 OK in \d+ ms/);
    // The sparkline is drawn by the charting library.
    await expect.poll(() => rows.nth(1).locator('.sparkline canvas').count()).toBe(1);

    await rows.first().getByRole('link', { name: 'Payments API' }).click();
    await page.getByRole('heading', { name: 'Payments API', level: 1 }).waitFor();
    await page.getByText('404 Not Found, expected 2xx').first().waitFor();
    const alerts = page.getByRole('region', { name: 'Alerts from this check' });
    await alerts.getByRole('link', { name: /#\d+ Check down: Payments API/ }).waitFor();
    await page.getByRole('link', { name: /^#\d+ \(triggered\)$/ }).waitFor();

    // A new check: "Test now" shows what the probe sees, before anything is saved.
    await page.goto('/checks/new');
    await page.getByLabel('Name').fill('Health endpoint');
    await page.getByLabel('URL').fill(`${targetUrl}/health`);
    await page.getByRole('button', { name: 'Test now' }).click();
    // Refused before probing, and said at the URL field.
    await page.getByText(/127\.0\.0\.1 is or resolves to an internal address/).first().waitFor();
    await page.getByLabel('Allow internal addresses (private networks, loopback)').check();
    await page.getByRole('button', { name: 'Test now' }).click();
    await page.getByText(/^Passed: 200 OK in \d+ ms$/).waitFor();
    await page.getByLabel('Keyword').fill('all systems go');
    await page.getByRole('button', { name: 'Add check' }).click();
    await page.getByRole('heading', { name: 'Health endpoint', level: 1 }).waitFor();
    await page.getByText('Waiting for first probe').waitFor();
    await probeAll(page);
    await page.reload();
    await page.getByText(/^200 OK in \d+ ms$/).waitFor();
    await expect.poll(() => page.locator('.latency-chart canvas').count()).toBeGreaterThan(0);
    expect(await pageOverflows(page)).toBe(false);
    await page.close();
  });

  it('fits a phone, in light and dark', async () => {
    for (const scheme of ['light', 'dark'] as const) {
      const phone = await signIn(world.browser, world.url, '/checks', { width: 390, height: 844 }, scheme);
      await phone.getByRole('status').filter({ hasText: /checks down\./ }).waitFor();
      expect(await phone.getByRole('list', { name: 'Checks' }).getByRole('listitem').first().innerText()).toContain('Payments API');
      expect(await pageOverflows(phone)).toBe(false);
      await phone.getByRole('link', { name: 'Home page' }).click();
      await phone.getByRole('heading', { name: 'Home page', level: 1 }).waitFor();
      await expect.poll(() => phone.locator('.latency-chart canvas').count()).toBeGreaterThan(0);
      expect(await pageOverflows(phone)).toBe(false);
      await phone.getByRole('link', { name: 'Edit' }).click();
      await phone.getByRole('button', { name: 'Save check' }).waitFor();
      expect(await pageOverflows(phone)).toBe(false);
      await phone.close();
    }
  });
});
