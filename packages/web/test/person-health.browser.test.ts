import { CreateService, CreateTeam, CreateUser } from '@operable/shared';
import { auth, catalog, health } from '@operable/server';
import type { Browser, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { checkEverywhere } from './a11y.js';
import { browserReady, PASSWORD, signInAt, useBrowserWorld } from './browser-support.js';

/**
 * A person's own health page (from Me), a teammate's (from the team health page), and
 * the weekly reviews' new sections — the team's and the organisation's — checked with
 * axe at 390 px and 1366 px, light and dark.
 */
const EMAIL = 'lea@example.com';
const ids = { team: '', lea: '', mo: '' };

async function signIn(browser: Browser, url: string, email = EMAIL): Promise<Page> {
  const page = await browser.newPage({ viewport: { width: 390, height: 844 }, baseURL: url });
  page.setDefaultTimeout(10_000);
  await signInAt(page, '/', email);
  await page.getByRole('heading', { name: 'Now', level: 1 }).waitFor();
  return page;
}

describe.skipIf(!browserReady)('browser: person health and the review’s work sections', () => {
  const world = useBrowserWorld(async (ctx) => {
    // Lea has no working days set (counted at 40 h); Mo works Mon–Wed 09:00–15:00.
    const lea = await auth.createUser(ctx, CreateUser.parse({ name: 'Lea Lead', email: EMAIL, role: 'responder', password: PASSWORD, timeZone: 'Europe/Berlin', workingHours: { days: [], start: '09:00', end: '17:00' } }));
    const mo = await auth.createUser(ctx, CreateUser.parse({ name: 'Mo Night', email: 'mo@example.com', role: 'responder', timeZone: 'America/New_York', workingHours: { days: [1, 2, 3], start: '09:00', end: '15:00' } }));
    await auth.createUser(ctx, CreateUser.parse({ name: 'Ada Admin', email: 'ada@example.com', role: 'admin', password: PASSWORD }));
    const team = await catalog.createTeam(ctx, CreateTeam.parse({ name: 'Shop', memberIds: [lea.id, mo.id] }));
    Object.assign(ids, { team: team.id, lea: lea.id, mo: mo.id });
    for (const name of ['checkout', 'ledger']) await catalog.createService(ctx, CreateService.parse({ name, teamId: team.id }));
    await health.loadHealthHistory(ctx, [team.id]);
    await health.createTeamAction(ctx, team.id, { title: 'Replica for the ledger' });
  });

  it('shows my own health from Me, in my zone, with my toil against the 40-hour fallback', async () => {
    const page = await signIn(world.browser, world.url);
    await page.goto('/profile');
    await page.getByRole('region', { name: 'Your health' }).getByRole('link', { name: 'Your health' }).click();
    await page.getByRole('heading', { name: 'Your health', level: 1 }).waitFor();
    await page.getByRole('heading', { name: /^This week: \d+ interruptions?/ }).waitFor();
    await page.getByText('On your own clock (Europe/Berlin)', { exact: false }).waitFor();
    const toil = page.getByRole('region', { name: 'Toil, last 4 weeks' });
    await toil.getByRole('img', { name: /Toil share .* against the 25 % line/ }).waitFor();
    await toil.getByText('No working hours set: counted at 40 h a week. Set yours on your profile.').waitFor();
    await page.getByRole('img', { name: /Page events per week for 12 weeks/ }).waitFor();
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await checkEverywhere(page, 'person-health-own');
    await page.close();
  });

  it('opens a teammate’s health from the team health page, with their own working hours', async () => {
    const page = await signIn(world.browser, world.url);
    await page.goto(`/teams/${ids.team}/health`);
    await page.getByRole('region', { name: 'People' }).getByRole('link', { name: 'Mo Night' }).click();
    await page.getByRole('heading', { name: 'Mo Night: health', level: 1 }).waitFor();
    await page.getByText('On their own clock (America/New_York)', { exact: false }).waitFor();
    await page.getByText('Working hours from their working-hours setting.').waitFor();
    await checkEverywhere(page, 'person-health-teammate');
    // The team page says where the toil share's hours came from.
    await page.goto(`/teams/${ids.team}/health`);
    await page.getByText('1 person counted by their working-hours setting, 1 person at 40 h a week (none set).').waitFor();
    await page.close();
  });

  it('shows what changed, wellbeing, post-mortems due and action items in the team’s and the organisation’s review', async () => {
    const page = await signIn(world.browser, world.url);
    await page.goto(`/teams/${ids.team}/review`);
    await page.getByRole('heading', { name: 'Weekly operational review: Shop', level: 1 }).waitFor();
    const changed = page.getByRole('region', { name: 'What changed since last week' });
    await changed.getByRole('rowheader', { name: 'Open action items' }).waitFor();
    await page.getByRole('region', { name: 'Wellbeing after incidents' }).getByText('No check-in answers in the last four weeks.').waitFor();
    await page.getByRole('region', { name: 'Post-mortems due' }).waitFor();
    await page.getByRole('region', { name: 'Action items' }).waitFor();
    await checkEverywhere(page, 'weekly-review-team');
    await page.goto('/health/review');
    await page.getByRole('heading', { name: 'Weekly operational review: Organisation', level: 1 }).waitFor();
    await page.getByRole('region', { name: 'What changed since last week' }).waitFor();
    expect(await page.getByRole('region', { name: 'The review' }).locator('pre').textContent()).toContain('## Action items');
    await checkEverywhere(page, 'weekly-review-org');
    expect(await page.getByRole('form', { name: 'Weekly review delivery' }).count()).toBe(0); // admins choose
    await page.close();
  });

  it('lets an admin choose when the organisation’s review goes out and to whom', async () => {
    const page = await signIn(world.browser, world.url, 'ada@example.com');
    await page.goto('/health/review');
    const delivery = page.getByRole('form', { name: 'Weekly review delivery' });
    await delivery.getByLabel('Day').selectOption({ label: 'Wednesday' });
    await delivery.getByLabel('Time', { exact: true }).fill('08:00');
    await delivery.getByLabel('Email it to').fill('leadership@example.com');
    await delivery.getByRole('button', { name: 'Save delivery' }).click();
    await delivery.getByText('Saved. The next review goes out on Wednesday at 08:00 (UTC).').waitFor();
    await checkEverywhere(page, 'weekly-review-org-admin');
    await page.close();
  });
});
