import { CreateService, CreateTeam, CreateUser } from '@operable/shared';
import { auth, catalog, health } from '@operable/server';
import type { Browser, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { browserReady, PASSWORD, signInAt, useBrowserWorld } from './browser-support.js';

/**
 * The team health page and the weekly review on a phone and a laptop, light and
 * dark: twelve weeks of generated pager history, the band chart, who was woken, a
 * noisy source turned into an action, toil logged from the form, a risk added.
 */
const EMAIL = 'lead@example.com';
const ids = { team: '' };

async function signIn(browser: Browser, url: string, width: number, colorScheme: 'light' | 'dark'): Promise<Page> {
  const page = await browser.newPage({ viewport: { width, height: 900 }, baseURL: url, colorScheme });
  page.setDefaultTimeout(10_000);
  await signInAt(page, '/', EMAIL);
  await page.getByRole('heading', { name: 'Now', level: 1 }).waitFor();
  return page;
}

const noSideways = async (page: Page, width: number) => expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(width);

describe.skipIf(!browserReady)('browser: team health and the weekly review', () => {
  const world = useBrowserWorld(async (ctx) => {
    const lead = await auth.createUser(ctx, CreateUser.parse({ name: 'Lea Lead', email: EMAIL, role: 'responder', password: PASSWORD, timeZone: 'Europe/Berlin' }));
    const mo = await auth.createUser(ctx, CreateUser.parse({ name: 'Mo Night', email: 'mo@example.com', role: 'responder', timeZone: 'America/New_York' }));
    const team = await catalog.createTeam(ctx, CreateTeam.parse({ name: 'Shop', memberIds: [lead.id, mo.id] }));
    ids.team = team.id;
    for (const name of ['checkout', 'ledger']) await catalog.createService(ctx, CreateService.parse({ name, teamId: team.id }));
    await health.loadHealthHistory(ctx, [team.id]);
  });

  for (const [width, scheme] of [
    [390, 'dark'],
    [1366, 'light'],
  ] as const) {
    it(`shows the health page at ${width} px (${scheme})`, async () => {
      const page = await signIn(world.browser, world.url, width, scheme);
      await page.goto(`/teams/${ids.team}`);
      await page.getByRole('link', { name: /Team health/ }).click();
      const headline = page.getByRole('heading', { name: /^This week: \d+ page events? — (healthy|walking the edge|unhealthy)$/ });
      await headline.waitFor();
      await page.getByRole('img', { name: /Page events per week for 12 weeks/ }).waitFor();
      const people = page.getByRole('region', { name: 'People' });
      await people.getByRole('rowheader', { name: 'Lea Lead' }).waitFor();
      await people.getByRole('rowheader', { name: 'Mo Night' }).waitFor();
      expect(await people.getByRole('table', { name: /interruptions by hour of the week/ }).count()).toBeGreaterThan(0);
      await noSideways(page, width);

      // A noisy source becomes a top-priority action item with one click.
      const noisy = page.getByRole('region', { name: 'Noisiest sources' });
      await noisy.getByRole('button', { name: 'Make it a top-priority action' }).first().click();
      await noisy.getByText(/^Top priority: Quiet /).first().waitFor();

      // Toil from the form, counted against the 25 % line.
      const toil = page.getByRole('region', { name: 'Toil, last 4 weeks' });
      await toil.getByRole('img', { name: /Toil share .* against the 25 % line/ }).waitFor();
      await toil.getByLabel('What did you do by hand?').fill(`Rebuilt the search index (${width})`);
      await toil.getByLabel('Minutes').fill('40');
      await toil.getByRole('button', { name: 'Log toil' }).click();
      await toil.getByText(`Rebuilt the search index (${width}): 1×, 0.67 h`).waitFor();

      // A risk, scored impact × likelihood, in the top 10.
      const risks = page.getByRole('region', { name: 'Top risks' });
      await risks.getByLabel('Risk').fill(`Search has one node (${width})`);
      await risks.getByLabel('Impact').fill('5');
      await risks.getByLabel('Likelihood').fill('5');
      await risks.getByRole('button', { name: 'Add risk' }).click();
      await risks.getByRole('rowheader', { name: `Search has one node (${width})` }).waitFor();
      expect(await risks.getByRole('row').nth(1).textContent()).toContain('25 (5×5)');

      // The weekly review goes out on the day the team picks, in its zone.
      const delivery = page.getByRole('form', { name: 'Weekly review delivery' });
      await delivery.getByLabel('Day').selectOption({ label: 'Monday' });
      await delivery.getByLabel('Time', { exact: true }).fill('08:30');
      await delivery.getByLabel('Email it to').fill('shop-team@example.com');
      await delivery.getByRole('button', { name: 'Save delivery' }).click();
      await delivery.getByText('Saved. The next review goes out on Monday at 08:30 (UTC).').waitFor();
      await page.screenshot({ path: `/tmp/health-${width}.png`, fullPage: true });
      await page.close();
    });

    it(`shows the weekly review at ${width} px (${scheme})`, async () => {
      const page = await signIn(world.browser, world.url, width, scheme);
      await page.goto(`/teams/${ids.team}/review`);
      await page.getByRole('heading', { name: 'Weekly operational review: Shop', level: 1 }).waitFor();
      await page.getByRole('img', { name: /Page events per week for 12 weeks/ }).waitFor();
      await page.getByRole('heading', { name: /^Week of \d{4}-\d{2}-\d{2}: \d+ page events?/ }).waitFor();
      const text = page.getByRole('region', { name: 'The review' });
      expect(await text.locator('pre').textContent()).toMatch(/## What changed since last week[\s\S]*\| Page events \| \d+ \| \d+ \|/);
      expect(await text.locator('pre').textContent()).toMatch(/Week of Mon \d+ \w+ \d{4} – Sun/);
      await page.getByRole('button', { name: 'Print' }).waitFor();
      await noSideways(page, width);
      await page.screenshot({ path: `/tmp/review-${width}.png`, fullPage: true });
      await page.close();
    });
  }
});
