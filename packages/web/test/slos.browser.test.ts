import { CreateService, CreateTeam, CreateUser } from '@operable/shared';
import { auth, catalog } from '@operable/server';
import type { Browser, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { browserReady, PASSWORD, signInAt, useBrowserWorld } from './browser-support.js';

/**
 * SLOs on a phone at 3 a.m. and on a laptop, light and dark: the list leads with the
 * SLO that burns (and says so in words), and its page shows the budget, the burning
 * tier and the budget chart without scrolling sideways.
 */
const EMAIL = 'sre@example.com';
const ids = { service: '', search: '' };
const MINUTE = 60_000;

async function signIn(browser: Browser, url: string, viewport: { width: number; height: number }, colorScheme: 'light' | 'dark'): Promise<Page> {
  const page = await browser.newPage({ viewport, baseURL: url, colorScheme });
  page.setDefaultTimeout(10_000);
  await signInAt(page, '/sign-in', EMAIL);
  await page.getByRole('heading', { name: 'Now', level: 1 }).waitFor();
  return page;
}

async function post<T>(page: Page, path: string, data: unknown): Promise<T> {
  const { csrfToken } = (await (await page.request.get('/api/auth/session')).json()) as { csrfToken: string };
  const res = await page.request.post(path, { data, headers: { 'X-CSRF-Token': csrfToken } });
  expect(res.status(), `${path}: ${await res.text()}`).toBeLessThan(300);
  return (await res.json()) as T;
}

/** `n` minutes ending at the last whole minute, `bad` failures in 1,000. */
function minutes(n: number, bad: number) {
  const last = Math.floor(Date.now() / MINUTE) * MINUTE - MINUTE;
  return Array.from({ length: n }, (_, i) => ({ start: new Date(last - i * MINUTE).toISOString(), good: 1000 - bad, total: 1000 }));
}

const overflows = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth > window.innerWidth);

describe.skipIf(!browserReady)('browser: SLOs and error budgets', () => {
  const world = useBrowserWorld(async (ctx) => {
    const me = await auth.createUser(ctx, CreateUser.parse({ name: 'Sam Reliability', email: EMAIL, role: 'responder', password: PASSWORD }));
    const team = await catalog.createTeam(ctx, CreateTeam.parse({ name: 'Shop', memberIds: [me.id] }));
    ids.service = (await catalog.createService(ctx, CreateService.parse({ name: 'Checkout', teamId: team.id }))).id;
    ids.search = (await catalog.createService(ctx, CreateService.parse({ name: 'Search', teamId: team.id }))).id;
  });

  it('seeds a burning and a healthy SLO', async () => {
    const page = await signIn(world.browser, world.url, { width: 1366, height: 900 }, 'light');
    const base = { kind: 'availability', objective: 0.999, windowDays: 30, source: { type: 'push' } };
    const healthy = await post<{ id: string }>(page, '/api/slos', { ...base, serviceId: ids.search, name: 'Search latency', kind: 'latency', latencyThresholdMs: 300, objective: 0.99 });
    const burning = await post<{ id: string }>(page, '/api/slos', { ...base, serviceId: ids.service, name: 'Checkout availability' });
    // Two clean days for both, then the last hour of checkout at 2 % errors: 20× over 1 h and 5 min.
    for (const id of [healthy.id, burning.id]) {
      const days = minutes(2880, 0);
      await post(page, `/api/slos/${id}/events`, { buckets: days.slice(0, 1440) });
      await post(page, `/api/slos/${id}/events`, { buckets: days.slice(1440) });
    }
    await post(page, `/api/slos/${burning.id}/events`, { buckets: minutes(60, 20) });
    await page.close();
  });

  it('imports a Sloth file on a phone, showing what is wrong with it first', async () => {
    const page = await signIn(world.browser, world.url, { width: 390, height: 844 }, 'light');
    await page.goto('/slos');
    await page.getByRole('link', { name: 'Import SLOs' }).click();
    await page.getByRole('heading', { name: 'Import SLOs', level: 1 }).waitFor();
    await page.getByLabel('Service').selectOption({ label: 'Search' });
    await page.getByLabel('Format').selectOption('sloth');
    const spec = (objective: number) =>
      ['version: prometheus/v1', 'service: search', 'slos:', '  - name: search-availability', `    objective: ${objective}`, '    sli:', '      events:', '        error_query: sum(increase(search_errors_total[{{.window}}]))', '        total_query: sum(increase(search_requests_total[{{.window}}]))', ''].join('\n');
    await page.getByLabel('YAML').fill(spec(120));
    await page.getByRole('button', { name: 'Import SLOs' }).click();
    await page.getByText('objective must be a percentage between 0 and 100').waitFor();
    await page.getByLabel('YAML').fill(spec(99.5));
    await page.getByRole('button', { name: 'Import SLOs' }).click();
    await page.getByRole('heading', { name: 'SLOs of Search', level: 1 }).waitFor();
    await page.getByRole('listitem').filter({ hasText: 'search-availability' }).getByText('No data', { exact: true }).waitFor();
    expect(await overflows(page)).toBe(false);
    await page.close();
  });

  for (const viewport of [
    { width: 390, height: 844 },
    { width: 1366, height: 900 },
  ]) {
    for (const scheme of ['light', 'dark'] as const) {
      it(`leads with the burning SLO and shows its budget chart at ${viewport.width} px, ${scheme}`, async () => {
        const page = await signIn(world.browser, world.url, viewport, scheme);
        await page.goto('/slos');
        await page.getByRole('heading', { name: 'SLOs', level: 1 }).waitFor();
        await page.getByText('1 SLO is burning error budget fast enough to alert.').waitFor();
        // The burning service comes first, and its card says what is happening in words.
        const firstGroup = page.getByRole('heading', { level: 2 }).first();
        expect(await firstGroup.textContent()).toBe('Checkout');
        const card = page.getByRole('listitem').filter({ has: page.getByRole('link', { name: 'Checkout availability' }) });
        await card.getByText('Burning fast').waitFor();
        await card.getByText(/^Burning the error budget at \d+(\.\d)?× over 1 h; at this rate the budget is gone in/).waitFor();
        await page.getByRole('listitem').filter({ hasText: 'Search latency' }).getByText('Within budget').waitFor();
        expect(await overflows(page)).toBe(false);

        await card.getByRole('link', { name: 'Checkout availability' }).click();
        await page.getByRole('heading', { name: 'Checkout availability', level: 1 }).waitFor();
        await page.getByRole('status').filter({ hasText: 'has been paged' }).waitFor();
        const chart = page.locator('.budget-chart');
        await chart.locator('canvas').first().waitFor();
        expect(await chart.getByRole('img').getAttribute('aria-label')).toMatch(/^Error budget over the rolling 30-day window: .* now; lowest /);
        const pageRow = page.getByRole('row').filter({ has: page.getByRole('rowheader', { name: 'Page' }) }).first();
        expect(await pageRow.textContent()).toMatch(/^Page1 h \/ 5 min20× \/ 20×14\.4×Firing$/);
        expect(await overflows(page)).toBe(false);
        // The tier table needs no sideways scrolling either.
        expect(await page.locator('.slo-tiers').evaluate((t) => t.parentElement!.scrollWidth <= t.parentElement!.clientWidth)).toBe(true);
        // The chart fits the page at any width.
        const box = (await chart.boundingBox())!;
        expect(box.width).toBeLessThanOrEqual(viewport.width);
        await page.close();
      });
    }
  }
});
