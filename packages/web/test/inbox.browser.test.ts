import { CreateTeam, CreateUser } from '@operable/shared';
import { auth, catalog } from '@operable/server';
import type { APIRequestContext, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { browserReady, PASSWORD, signInAt, useBrowserWorld } from './browser-support.js';

/**
 * The inbox and the team's on-call pages as people meet them: a swap request from a
 * teammate lands in the inbox with an unread count in the menu; opening it reads it
 * and the count goes. The team page shows everyone's on-call hours, and an admin
 * changes the team's recovery settings. Everything fits a phone.
 */
const DANA = { name: 'Dana Dawn', email: 'dana@example.com' };
const ALEX = { name: 'Alex Asker', email: 'alex@example.com' };
const HOUR = 3_600_000;
const ids = { dana: '', alex: '', team: '' };

/** Signs in through the API of a fresh browser context and returns a caller that sends the CSRF token. */
async function apiAs(request: APIRequestContext, base: string, email: string) {
  const signIn = await request.post(`${base}/api/auth/sign-in`, { data: { email, password: PASSWORD } });
  expect(signIn.ok()).toBe(true);
  const { csrfToken } = (await (await request.get(`${base}/api/auth/session`)).json()) as { csrfToken: string };
  return async <T>(path: string, data: unknown): Promise<T> => {
    const res = await request.post(`${base}${path}`, { data, headers: { 'X-CSRF-Token': csrfToken } });
    expect(res.status(), `${path}: ${await res.text()}`).toBeLessThan(300);
    return (await res.json()) as T;
  };
}

async function signIn(page: Page, url: string, path: string, email: string) {
  page.setDefaultTimeout(10_000);
  await signInAt(page, `${url}${path}`, email);
}

const pageOverflows = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth > window.innerWidth);

describe.skipIf(!browserReady)('browser: the inbox, on-call load and recovery settings', () => {
  const world = useBrowserWorld(async (ctx) => {
    ids.dana = (await auth.createUser(ctx, CreateUser.parse({ ...DANA, role: 'admin', password: PASSWORD }))).id;
    ids.alex = (await auth.createUser(ctx, CreateUser.parse({ ...ALEX, role: 'responder', password: PASSWORD }))).id;
    ids.team = (await catalog.createTeam(ctx, CreateTeam.parse({ name: 'Payments', memberIds: [ids.dana, ids.alex] }))).id;
  });

  it('shows a new swap request as unread, reads it when opened, and shows the team’s load', async () => {
    // Alex is on call around the clock on the team's schedule and asks Dana to cover an hour of it.
    const alexContext = await world.browser.newContext();
    const asAlex = await apiAs(alexContext.request, world.url, ALEX.email);
    const start = new Date(Date.now() - 3 * 86_400_000).toISOString().slice(0, 10);
    const schedule = await asAlex<{ id: string }>('/api/schedules', {
      name: 'Payments on call',
      teamId: ids.team,
      timeZone: 'UTC',
      layers: [{ participantIds: [ids.alex], shiftUnit: 'day', handoffTime: '00:00', startDate: start }],
    });
    const from = Math.ceil(Date.now() / HOUR) * HOUR + HOUR;
    await asAlex(`/api/schedules/${schedule.id}/swap-requests`, {
      role: 'primary',
      responderId: ids.dana,
      start: new Date(from).toISOString(),
      end: new Date(from + HOUR).toISOString(),
      message: 'Dentist, back by noon',
    });
    await alexContext.close();

    const page = await world.browser.newPage();
    await signIn(page, world.url, '/alerts', DANA.email);
    // At this width the navigation stays on screen: the count shows on the Inbox link.
    const nav = page.getByRole('navigation', { name: 'Main' });
    await expect.poll(() => nav.getByRole('link', { name: /^Inbox/ }).textContent()).toContain('1 unread in your inbox');
    await nav.getByRole('link', { name: 'Inbox 1 unread in your inbox' }).click();

    await page.getByRole('heading', { name: 'Inbox', level: 1 }).waitFor();
    const items = page.getByRole('list', { name: 'Inbox items' });
    const unread = items.getByRole('button', { name: 'Unread Alex Asker asks you to cover Payments on call' });
    expect(await unread.getAttribute('aria-expanded')).toBe('false');
    await unread.click();
    const read = items.getByRole('button', { name: 'Alex Asker asks you to cover Payments on call', exact: true });
    await expect.poll(() => read.getAttribute('aria-expanded')).toBe('true');
    await items.getByText('“Dentist, back by noon”').waitFor();
    await items.getByRole('link', { name: 'Answer it on Swap requests' }).waitFor();

    // Read: the count goes from the navigation at once, and the server agrees.
    await expect.poll(() => nav.getByRole('link', { name: /^Inbox/ }).textContent()).toBe('Inbox');
    await expect
      .poll(async () => (await page.evaluate(async () => (await fetch('/api/inbox')).json())) as { items: { readAt: string | null }[] })
      .toMatchObject({ items: [{ readAt: expect.any(String) }] });

    // On a phone: the inbox and the team page fit, and the team page shows everyone's hours.
    const phone = await world.browser.newPage({ viewport: { width: 390, height: 844 } });
    await signIn(phone, world.url, '/inbox', DANA.email);
    await phone.getByRole('list', { name: 'Inbox items' }).getByRole('button').first().click();
    expect(await pageOverflows(phone)).toBe(false);

    await phone.goto(`${world.url}/teams/${ids.team}`);
    const table = phone.getByRole('table', { name: /Hours on call per person/ });
    await table.waitFor();
    const rows = table.getByRole('row');
    await expect.poll(() => rows.count()).toBe(3);
    // Alex holds every shift, so is first with all the hours; Dana has none.
    expect(await rows.nth(1).getByRole('rowheader').innerText()).toContain(ALEX.name);
    expect(await rows.nth(1).innerText()).toContain('100%');
    expect(await rows.nth(2).getByRole('rowheader').innerText()).toContain(DANA.name);
    expect(await rows.nth(2).innerText()).toMatch(/\b0 h\b.*\(0%\)/s);
    await phone.getByLabel('Weeks back and ahead').selectOption('8');
    await expect.poll(() => phone.getByRole('columnheader', { name: 'Past 8 weeks' }).count()).toBe(1);
    expect(await pageOverflows(phone)).toBe(false);

    // An admin changes the team's recovery settings.
    await phone.getByLabel('Sleep hours start').fill('22:30');
    await phone.getByLabel('Minutes of weekend or holiday paging that earn a rest day').fill('45');
    await phone.getByLabel('Add a holiday').fill('2030-12-25');
    await phone.getByRole('button', { name: 'Add holiday' }).click();
    await phone.getByRole('list', { name: 'Team holidays' }).getByText(/2030/).waitFor();
    await phone.getByRole('button', { name: 'Save recovery settings' }).click();
    await phone.getByText('Recovery settings saved.').waitFor();
    const team = (await phone.evaluate(async (id) => (await fetch(`/api/teams/${id}`)).json(), ids.team)) as Record<string, unknown>;
    expect(team).toMatchObject({ sleepStart: '22:30', recoveryAfterMinutes: 45, holidays: ['2030-12-25'] });
    expect(await pageOverflows(phone)).toBe(false);
  });
});
