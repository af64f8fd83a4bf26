import { CreateStatuspageComponent, CreateStatuspageTemplate, CreateTeam, CreateUser } from '@operable/shared';
import { auth, catalog, statuspage } from '@operable/server';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { checkEverywhere } from './a11y.js';
import { browserReady, PASSWORD, signInAt, useBrowserWorld } from './browser-support.js';

/**
 * Keeping the public page current during an incident, from a phone: the open incident
 * with its last public words, a next update drafted from the internal incident's
 * latest status update (nothing public until it is posted), then posted after an
 * edit; a component set by hand says that it overrides what it follows. Checked
 * with axe and photographed at 390 and 1366 px, light and dark.
 */
const EMAIL = 'comms@example.com';
const ids = { service: '', api: '', website: '' };

async function send<T>(page: Page, method: 'post' | 'patch', path: string, data: unknown): Promise<T> {
  const { csrfToken } = (await (await page.request.get('/api/auth/session')).json()) as { csrfToken: string };
  const res = await page.request[method](path, { data, headers: { 'X-CSRF-Token': csrfToken } });
  expect(res.status(), `${path}: ${await res.text()}`).toBeLessThan(300);
  return (await res.json()) as T;
}
const publicUpdates = async (page: Page) =>
  ((await (await page.request.get('/api/v2/incidents.json')).json()) as { incidents: { name: string; incident_updates: { body: string }[] }[] }).incidents.find((i) => i.name === 'Payments failing')!
    .incident_updates;
const overflows = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth > window.innerWidth);

describe.skipIf(!browserReady)('browser: the status page admin', () => {
  const world = useBrowserWorld(async (ctx) => {
    const me = await auth.createUser(ctx, CreateUser.parse({ name: 'Cam Comms', email: EMAIL, role: 'admin', password: PASSWORD }));
    const team = await catalog.createTeam(ctx, CreateTeam.parse({ name: 'Payments', memberIds: [me.id] }));
    ids.service = (await catalog.createService(ctx, { name: 'Checkout', teamId: team.id, tags: [] } as never)).id;
    const group = await statuspage.createStatuspageComponent(ctx, CreateStatuspageComponent.parse({ name: 'Platform', isGroup: true }));
    ids.api = (await statuspage.createStatuspageComponent(ctx, CreateStatuspageComponent.parse({ name: 'Payments API', groupId: group.id }))).id;
    await statuspage.createStatuspageComponent(ctx, CreateStatuspageComponent.parse({ name: 'Database', groupId: group.id, position: 1 }));
    ids.website = (await statuspage.createStatuspageComponent(ctx, CreateStatuspageComponent.parse({ name: 'Website', position: 2, sources: [{ kind: 'service', id: ids.service }] }))).id;
    await statuspage.createStatuspageTemplate(ctx, CreateStatuspageTemplate.parse({ name: 'All clear', kind: 'incident', status: 'resolved', body: 'This incident is resolved. Thank you for your patience.' }));
  });

  it('drafts the next update from the internal incident, publishes only what is posted, and shows a by-hand status as such', async () => {
    const page = await world.browser.newPage({ viewport: { width: 390, height: 844 }, baseURL: world.url });
    page.setDefaultTimeout(10_000);
    await signInAt(page, '/status-page', EMAIL);
    await page.getByRole('heading', { name: 'Status page', level: 1 }).waitFor();

    // The internal incident and its latest status update, then the public incident that speaks for it.
    const internal = await send<{ id: string; number: number }>(page, 'post', '/api/incidents', { title: 'Checkout 500s', severity: 2, serviceIds: [ids.service] });
    await send(page, 'post', `/api/incidents/${internal.number}/updates`, { status: 'monitoring', body: 'Gateway config push rolled back; error rate back under 0.1%.', nextUpdateInMinutes: 30 });
    await send(page, 'post', '/api/statuspage/incidents', {
      kind: 'incident',
      name: 'Payments failing',
      impact: 'major',
      body: 'Some card payments fail. We are investigating.',
      componentStatuses: { [ids.api]: 'partial_outage' },
      internalIncidentId: internal.id,
    });
    await page.reload();
    const card = page.getByRole('list', { name: 'Open incidents' }).getByRole('listitem').filter({ has: page.getByRole('heading', { name: 'Payments failing' }) });
    await card.getByText('Some card payments fail. We are investigating.').waitFor();
    await page.getByText('1 of 3 components show a problem.').waitFor();

    // Draft: the form fills in; the public page does not change.
    await card.getByRole('button', { name: 'Post an update on Payments failing' }).click();
    await card.getByRole('button', { name: 'Draft from internal update' }).click();
    const message = card.getByLabel('Message to customers');
    await expect.poll(() => message.inputValue()).toBe('Gateway config push rolled back; error rate back under 0.1%.');
    expect(await card.getByLabel('Status', { exact: true }).inputValue()).toBe('monitoring');
    expect(await card.getByLabel('Next update by').inputValue()).not.toBe('');
    await card.getByText(/Drafted from #\d+ Checkout 500s/).waitFor();
    expect((await publicUpdates(page)).map((u) => u.body)).toEqual(['Some card payments fail. We are investigating.']);
    expect(await overflows(page)).toBe(false);
    await checkEverywhere(page, 'statuspage-admin-draft');

    // The person rewrites it for customers and posts it: now, and only now, it is public.
    await message.fill('A fix is in place and card payments are going through again. We are watching closely.');
    await card.getByRole('button', { name: 'Post update' }).click();
    await card.getByText('A fix is in place and card payments are going through again. We are watching closely.').waitFor();
    expect((await publicUpdates(page)).map((u) => u.body)).toEqual([
      'A fix is in place and card payments are going through again. We are watching closely.',
      'Some card payments fail. We are investigating.',
    ]);

    // The website follows Checkout; set by hand, it says it overrides that.
    await page.getByLabel('Status of Website').selectOption('degraded_performance');
    await page.getByText('Set by hand; its sources say operational.').waitFor();
    const components = page.getByRole('list', { name: 'Components' });
    await components.getByText('Follows Checkout (service)').waitFor();
    expect(await overflows(page)).toBe(false);
    await checkEverywhere(page, 'statuspage-admin');
    await page.close();
  });
});
