import { CreateTeam, CreateUser } from '@operable/shared';
import { auth, catalog } from '@operable/server';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { browserReady, PASSWORD, signInAt, useBrowserWorld } from './browser-support.js';

/**
 * A deploy on a phone: start maintenance from the service's page with a "now for" preset,
 * see it on the service and the Maintenance page, page the service and see that nobody
 * was paged, then end the window early and see the service page as usual again.
 */
const EMAIL = 'dev@example.com';
const WINDOW = 'Deploy 4.2';
const ids = { me: '', team: '' };

/** A POST as the signed-in person, with the session's CSRF token. */
async function post<T>(page: Page, path: string, data: unknown): Promise<T> {
  const { csrfToken } = (await (await page.request.get('/api/auth/session')).json()) as { csrfToken: string };
  const res = await page.request.post(path, { data, headers: { 'X-CSRF-Token': csrfToken } });
  expect(res.status(), `${path}: ${await res.text()}`).toBeLessThan(300);
  return (await res.json()) as T;
}

const getJson = async <T>(page: Page, path: string): Promise<T> => (await (await page.request.get(path)).json()) as T;

describe.skipIf(!browserReady)('browser: a maintenance window for a deploy', () => {
  const world = useBrowserWorld(async (ctx) => {
    ids.me = (await auth.createUser(ctx, CreateUser.parse({ name: 'Dev Deployer', email: EMAIL, role: 'responder', password: PASSWORD }))).id;
    ids.team = (await catalog.createTeam(ctx, CreateTeam.parse({ name: 'Shop', memberIds: [ids.me] }))).id;
  });

  it('silences the service while in effect, and the banner goes once it is deleted', async () => {
    const page = await world.browser.newPage({ viewport: { width: 375, height: 740 }, baseURL: world.url });
    page.setDefaultTimeout(10_000);
    await signInAt(page, '/', EMAIL);
    await page.getByRole('heading', { name: 'Now', level: 1 }).waitFor();

    // A service whose alerts would page someone: without maintenance they are not silent.
    const policy = await post<{ id: string }>(page, '/api/escalation-policies', {
      name: 'Shop policy',
      teamId: ids.team,
      steps: [{ delayMinutes: 10, targets: [{ type: 'user', userId: ids.me }] }],
    });
    const service = await post<{ id: string }>(page, '/api/services', { name: 'Checkout', teamId: ids.team, escalationPolicyId: policy.id });

    // 1. From the service's page, start maintenance now for an hour.
    await page.goto(`/services/${service.id}`);
    await page.getByRole('link', { name: 'Start maintenance' }).click();
    await page.getByRole('heading', { name: 'New maintenance window' }).waitFor();
    await page.getByLabel('Name').fill(WINDOW);
    await expect(page.getByRole('group', { name: 'Services it covers' }).getByRole('checkbox', { name: /Checkout/ }).isChecked()).resolves.toBe(true);
    await page.getByRole('button', { name: 'Now for 30 min' }).click();
    await page.getByText(/^Lasts 30 min, until /).waitFor();
    await page.getByRole('button', { name: 'Now for 1 h' }).click();
    await page.getByText(/^Lasts 1 h, until /).waitFor();
    await page.getByRole('button', { name: 'Save maintenance window' }).click();

    // 2. Back on the service's page, which says until when.
    await page.getByRole('heading', { name: 'Checkout', level: 1 }).waitFor();
    const banner = page.getByRole('status').filter({ hasText: 'In maintenance until' });
    await banner.waitFor();
    expect(await banner.textContent()).toContain(`(${WINDOW})`);
    const until = /In maintenance until (.+?) \(/.exec((await banner.textContent())!)![1]!;
    const [saved] = (await getJson<{ items: { id: string; startsAt: string; endsAt: string }[] }>(page, '/api/maintenance-windows')).items;
    expect(Date.parse(saved!.endsAt) - Date.parse(saved!.startsAt)).toBe(3_600_000);

    // 3. The Maintenance page has it in effect now, ending at the same time.
    await banner.getByRole('link', { name: 'See maintenance windows' }).click();
    const active = page.getByRole('region', { name: 'In effect now' }).getByRole('listitem').filter({ has: page.getByRole('heading', { name: WINDOW }) });
    await active.getByText(`In effect until ${until}`).waitFor();
    await active.getByRole('link', { name: 'Checkout' }).waitFor();

    // 4. Page the service: the alert is recorded, but nobody is paged.
    await page.getByRole('button', { name: 'Menu' }).click();
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Alerts' }).click();
    await page.getByRole('button', { name: 'Page a service' }).click();
    await page.getByLabel('Service to page').selectOption({ label: 'Checkout' });
    await page.getByLabel('Summary').fill('Checkout returns 500s');
    // The form knows before sending: maintenance means nobody is paged, and it never says "paging".
    await page.getByText(/The service is in maintenance/).waitFor();
    await page.getByRole('button', { name: 'Record alert (nobody is paged)' }).click();
    await page.getByRole('heading', { name: /#1 Checkout returns 500s/ }).waitFor();
    await page.getByText('This alert arrived during a maintenance window of its service, so nobody was paged.').waitFor();
    await page.getByRole('region', { name: 'What happened' }).getByText('It arrived during a maintenance window, so nobody was paged.').waitFor();
    const [alert] = (await getJson<{ items: { suppressedBy: string | null }[] }>(page, '/api/alerts')).items;
    expect(alert!.suppressedBy).toBe(saved!.id);

    await page.getByRole('link', { name: 'Alerts' }).first().click();
    const row = page.getByRole('list', { name: 'Alerts, newest first' }).getByRole('listitem').filter({ hasText: 'Checkout returns 500s' });
    await row.getByText('Suppressed by a maintenance window: nobody was paged.').waitFor();

    // 5. The deploy is done early: delete the window, and the service page has no banner.
    await page.getByRole('button', { name: 'Menu' }).click();
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Maintenance' }).click();
    await page.getByRole('button', { name: `Delete ${WINDOW}` }).click();
    const dialog = page.getByRole('dialog', { name: `Delete ${WINDOW}?` });
    await dialog.getByText('It is in effect now').waitFor();
    await dialog.getByRole('button', { name: 'Delete window' }).click();
    await page.getByText('No maintenance planned.').waitFor();
    expect(await dialog.isVisible()).toBe(false);

    // The service's cached windows still have it: wait for the page's own fresh answer.
    const fresh = page.waitForResponse((r) => r.url().includes(`/api/maintenance-windows?serviceId=${service.id}`) && r.ok());
    await page.getByRole('button', { name: 'Menu' }).click();
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Services' }).click();
    await page.getByRole('link', { name: 'Checkout', exact: true }).click();
    await page.getByRole('heading', { name: 'Checkout', level: 1 }).waitFor();
    await fresh;
    await banner.waitFor({ state: 'hidden' });
    expect(await page.getByText(/In maintenance until/).count()).toBe(0);
  });
});
