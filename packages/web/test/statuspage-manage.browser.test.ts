import {
  CreatePublicIncident,
  CreateStatuspageComponent,
  CreateStatuspageTemplate,
  CreateTeam,
  CreateUser,
  type PublicIncident,
  type StatuspageComponent,
  type StatuspageSubscriber,
  type StatuspageTemplate,
} from '@operable/shared';
import { auth, catalog, statuspage } from '@operable/server';
import { fileURLToPath } from 'node:url';
import type { Locator, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { checkEverywhere } from './a11y.js';
import { browserReady, PASSWORD, signInAt, useBrowserWorld } from './browser-support.js';

/**
 * Keeping the status page itself in shape, from a phone: components and groups added,
 * changed and removed; a hand-set status given back to what it follows; templates
 * written, corrected and removed; a public incident and a closed one corrected, the
 * closed one removed; a subscriber removed, and one of each kind added. Each step is checked against the server,
 * not just the screen. A responder sees only what the API lets a responder do.
 */
const ADMIN = 'admin@example.com';
const RESPONDER = 'responder@example.com';
const WEBHOOK_HOST = '127.0.0.1:9';
const ids = { service: '', group: '', api: '', website: '', regions: '' };

const get = async <T,>(page: Page, path: string): Promise<T> => {
  const res = await page.request.get(path);
  expect(res.status(), path).toBe(200);
  return ((await res.json()) as { items: T }).items;
};
const components = (page: Page) => get<StatuspageComponent[]>(page, '/api/statuspage/components');
const component = async (page: Page, name: string) => (await components(page)).find((c) => c.name === name);
const templates = (page: Page) => get<StatuspageTemplate[]>(page, '/api/statuspage/templates');
const incidents = (page: Page) => get<PublicIncident[]>(page, '/api/statuspage/incidents');
const incident = async (page: Page, name: string) => (await incidents(page)).find((i) => i.name === name);
const subscribers = (page: Page) => get<StatuspageSubscriber[]>(page, '/api/statuspage/subscribers');
/** A component's name in the list (the closed confirmation dialogs name it too). */
const named = (scope: Locator, name: string) => scope.locator('.sp-component-name', { hasText: new RegExp(`^${name}$`) });
const overflows = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth > window.innerWidth);

async function signIn(page: Page, email: string) {
  page.setDefaultTimeout(10_000);
  // An API error must show beside the form, never as a browser alert.
  page.on('dialog', (d) => {
    throw new Error(`Unexpected browser dialog: ${d.message()}`);
  });
  await signInAt(page, '/status-page', email);
  await page.getByRole('heading', { name: 'Status page', level: 1 }).waitFor();
}

/** Confirms the open dialog after checking it says what will happen. */
async function confirm(page: Page, says: string | RegExp, button: string) {
  const dialog = page.getByRole('dialog');
  await dialog.getByText(says).waitFor();
  await dialog.getByRole('button', { name: button }).click();
  await dialog.waitFor({ state: 'hidden' });
}

describe.skipIf(!browserReady)('browser: changing and removing on the status page admin', () => {
  const world = useBrowserWorld(
    async (ctx) => {
      const admin = await auth.createUser(ctx, CreateUser.parse({ name: 'Ada Admin', email: ADMIN, role: 'admin', password: PASSWORD }));
      await auth.createUser(ctx, CreateUser.parse({ name: 'Rui Responder', email: RESPONDER, role: 'responder', password: PASSWORD }));
      const team = await catalog.createTeam(ctx, CreateTeam.parse({ name: 'Payments', memberIds: [admin.id] }));
      ids.service = (await catalog.createService(ctx, { name: 'Checkout', teamId: team.id, tags: [] } as never)).id;
      ids.group = (await statuspage.createStatuspageComponent(ctx, CreateStatuspageComponent.parse({ name: 'Platform', isGroup: true }))).id;
      ids.api = (await statuspage.createStatuspageComponent(ctx, CreateStatuspageComponent.parse({ name: 'Payments API', groupId: ids.group }))).id;
      await statuspage.createStatuspageComponent(ctx, CreateStatuspageComponent.parse({ name: 'Database', groupId: ids.group, position: 1 }));
      const website = CreateStatuspageComponent.parse({ name: 'Website', position: 2, sources: [{ kind: 'service', id: ids.service }] });
      ids.website = (await statuspage.createStatuspageComponent(ctx, website)).id;
      await statuspage.createStatuspageTemplate(ctx, CreateStatuspageTemplate.parse({ name: 'All clear', kind: 'incident', status: 'resolved', body: 'This incident is resolved.' }));
      await statuspage.createPublicIncident(
        ctx,
        CreatePublicIncident.parse({ kind: 'incident', name: 'Payments failing', impact: 'minor', body: 'Some card payments fail.', componentStatuses: { [ids.api]: 'partial_outage' } }),
      );
      await statuspage.createPublicIncident(ctx, CreatePublicIncident.parse({ kind: 'incident', name: 'Login slow', status: 'resolved', body: 'Sign-in was slow for ten minutes; it is fine now.' }));
      const from = new Date(Date.now() + 7 * 86_400_000);
      await statuspage.createPublicIncident(
        ctx,
        CreatePublicIncident.parse({
          kind: 'maintenance',
          name: 'Database upgrade',
          body: 'A short pause in writes.',
          componentIds: [ids.api],
          scheduledFor: from.toISOString(),
          scheduledUntil: new Date(from.getTime() + 3_600_000).toISOString(),
        }),
      );
      ids.regions = (await statuspage.createStatuspageComponent(ctx, CreateStatuspageComponent.parse({ name: 'Regions', isGroup: true, position: 3 }))).id;
      await statuspage.createStatuspageComponent(ctx, CreateStatuspageComponent.parse({ name: 'Europe', groupId: ids.regions }));
      await statuspage.subscribeByEmail(ctx, { email: 'ann@example.com', componentIds: [ids.api] });
      await statuspage.createWebhookSubscriber(ctx, { url: `http://${WEBHOOK_HOST}/hook`, secret: 'a webhook secret of length', componentIds: [] });
    },
    // The seeded webhook points at this machine, which the outbound policy refuses unless allowed.
    { env: () => ({ OPERABLE_OUTBOUND_ALLOW: '127.0.0.1/32' }) },
  );

  const phone = () => world.browser.newPage({ viewport: { width: 390, height: 844 }, baseURL: world.url });

  it('adds, changes and removes components and groups, and gives a hand-set status back to its sources', async () => {
    const page = await phone();
    await signIn(page, ADMIN);
    const list = page.getByRole('list', { name: 'Components' });

    // A new component with no name: the server's refusal is shown on the field.
    await page.getByRole('button', { name: 'Add a component or group' }).click();
    const form = page.getByRole('form', { name: 'New component' });
    await form.getByRole('button', { name: 'Add to the page' }).click();
    await expect.poll(() => form.getByLabel('Name customers see').getAttribute('aria-invalid')).toBe('true');
    await form.locator('.field-error').first().waitFor();

    // Then a real one, in the Platform group, following Checkout as a major outage.
    await form.getByLabel('Name customers see').fill('Search');
    await form.getByLabel('Description').fill('Finding products');
    await form.getByLabel('In group').selectOption({ label: 'Platform' });
    await form.getByLabel('Also follow').selectOption({ label: 'Checkout' });
    await form.getByLabel('While Checkout (service) fails, show').selectOption('major_outage');
    expect(await overflows(page)).toBe(false);
    await checkEverywhere(page, 'statuspage-manage-component-form');
    await form.getByRole('button', { name: 'Add to the page' }).click();
    await named(page.getByRole('list', { name: 'Platform components' }), 'Search').waitFor();
    const search = await component(page, 'Search');
    expect(search).toMatchObject({ groupId: ids.group, description: 'Finding products', sources: [{ kind: 'service', id: ids.service, failingStatus: 'major_outage' }] });

    // Renamed, out of its group, following nothing.
    await list.getByRole('button', { name: 'Edit Search' }).click();
    const edit = page.getByRole('form', { name: 'Edit Search' });
    await edit.getByLabel('Name customers see').fill('Product search');
    await edit.getByLabel('In group').selectOption({ label: 'No group' });
    await edit.getByRole('button', { name: 'Stop following Checkout (service)' }).click();
    await edit.getByRole('button', { name: 'Save component' }).click();
    await named(list, 'Product search').waitFor();
    expect(await component(page, 'Product search')).toMatchObject({ id: search!.id, groupId: null, sources: [] });

    // Website follows Checkout; set by hand, then given back to it.
    await page.getByLabel('Status of Website').selectOption('degraded_performance');
    await page.getByText('Set by hand; its sources say operational.').waitFor();
    expect((await component(page, 'Website'))!.manualStatus).toBe('degraded_performance');
    await page.getByRole('button', { name: 'Website: follow its sources again' }).click();
    await page.getByText('Set by hand; its sources say operational.').waitFor({ state: 'detached' });
    expect(await component(page, 'Website')).toMatchObject({ manualStatus: null, status: 'operational' });

    // The group goes; its members stay, ungrouped. Then a component goes.
    await list.getByRole('button', { name: 'Remove Platform' }).click();
    await page.getByRole('dialog').getByText('Its 2 components stay on the page, without a group.').waitFor();
    await checkEverywhere(page, 'statuspage-manage-remove-group');
    // Full-page shots stretch the viewport; the dialog as a phone shows it needs the viewport alone.
    await page.screenshot({ path: fileURLToPath(new URL('../../../test-results/screenshots/statuspage-manage-dialog-390-light.png', import.meta.url)) });
    await confirm(page, 'Customers no longer see the group', 'Remove group');
    await page.getByRole('list', { name: 'Platform components' }).waitFor({ state: 'detached' });
    expect(await component(page, 'Platform')).toBeUndefined();
    expect((await component(page, 'Payments API'))!.groupId).toBeNull();
    await list.getByRole('button', { name: 'Remove Product search' }).click();
    await confirm(page, '90-day history goes with it', 'Remove component');
    await named(list, 'Product search').waitFor({ state: 'detached' });
    expect(await component(page, 'Product search')).toBeUndefined();

    await page.close();
  }, 90_000);

  it('writes, corrects and removes a template', async () => {
    const page = await phone();
    await signIn(page, ADMIN);
    const tpl = page.getByRole('list', { name: 'Templates' });
    await page.getByRole('button', { name: 'Add a template' }).click();
    const newTpl = page.getByRole('form', { name: 'New template' });
    await newTpl.getByLabel('Template name').fill('Cause found');
    await newTpl.getByLabel('Status it sets').selectOption('identified');
    await newTpl.getByLabel('Message').fill('We found the cause and are fixing it.');
    await newTpl.getByRole('button', { name: 'Save template' }).click();
    await tpl.getByText('Cause found', { exact: true }).waitFor();
    expect((await templates(page)).find((t) => t.name === 'Cause found')).toMatchObject({ kind: 'incident', status: 'identified' });
    await tpl.getByRole('button', { name: 'Edit template Cause found' }).click();
    const editTpl = page.getByRole('form', { name: 'Edit template Cause found' });
    await editTpl.getByLabel('Message').fill('We found the cause. A fix is on its way.');
    await editTpl.getByRole('button', { name: 'Save template' }).click();
    await tpl.getByText('We found the cause. A fix is on its way.').waitFor();
    expect((await templates(page)).find((t) => t.name === 'Cause found')!.body).toBe('We found the cause. A fix is on its way.');
    await tpl.getByRole('button', { name: 'Remove template Cause found' }).click();
    await confirm(page, 'Nobody can start an update from it any more.', 'Remove template');
    await tpl.getByText('Cause found', { exact: true }).waitFor({ state: 'detached' });
    expect((await templates(page)).map((t) => t.name)).toEqual(['All clear']);

    await page.close();
  });

  it('corrects an open incident and a closed one, refuses maintenance that ends before it starts, and removes the closed one', async () => {
    const page = await phone();
    await signIn(page, ADMIN);
    // The open incident corrected: title, impact, one more component, a promised next update.
    const open = page.getByRole('list', { name: 'Open incidents' });
    await open.getByRole('button', { name: 'Edit details of Payments failing' }).click();
    const editInc = page.getByRole('form', { name: 'Edit Payments failing' });
    await editInc.getByLabel('Title customers see').fill('Card payments failing');
    await editInc.getByLabel('Impact').selectOption('critical');
    await editInc.getByLabel('Website').check();
    await editInc.getByLabel('Next update by').fill('2031-05-01T10:30');
    expect(await overflows(page)).toBe(false);
    await checkEverywhere(page, 'statuspage-manage-edit-incident');
    await editInc.getByRole('button', { name: 'Save changes' }).click();
    await open.getByRole('heading', { name: 'Card payments failing' }).waitFor();
    const corrected = await incident(page, 'Card payments failing');
    expect(corrected).toMatchObject({ impact: 'critical', status: 'investigating' });
    expect(new Set(corrected!.componentIds)).toEqual(new Set([ids.api, ids.website]));
    expect(corrected!.nextUpdateAt).not.toBeNull();
    expect(corrected!.updates).toHaveLength(1);

    // Maintenance that would end before it starts: the server says so on the field.
    const maint = page.getByRole('list', { name: 'Scheduled maintenance' });
    await maint.getByRole('button', { name: 'Edit details of Database upgrade' }).click();
    const editMaint = page.getByRole('form', { name: 'Edit Database upgrade' });
    const starts = await editMaint.getByLabel('Starts').inputValue();
    await editMaint.getByLabel('Ends').fill(starts);
    await editMaint.getByRole('button', { name: 'Save changes' }).click();
    await editMaint.getByText('Must come after the start time (scheduledFor)').waitFor();
    expect(await editMaint.getByLabel('Ends').getAttribute('aria-invalid')).toBe('true');
    await editMaint.getByRole('button', { name: 'Cancel' }).click();

    // A closed incident, found under Recently closed, corrected and then removed.
    const closed = page.getByRole('list', { name: 'Recently closed' });
    await closed.getByRole('button', { name: 'Login slow', exact: true }).click();
    await closed.getByText('Sign-in was slow for ten minutes; it is fine now.').waitFor();
    await checkEverywhere(page, 'statuspage-manage-closed');
    await closed.getByRole('button', { name: 'Edit details of Login slow' }).click();
    const editClosed = page.getByRole('form', { name: 'Edit Login slow' });
    expect(await editClosed.getByLabel('Next update by').count()).toBe(0);
    await editClosed.getByLabel('Title customers see').fill('Sign-in slow');
    await editClosed.getByRole('button', { name: 'Save changes' }).click();
    await closed.getByRole('button', { name: 'Sign-in slow', exact: true }).waitFor();
    const renamed = await incident(page, 'Sign-in slow');
    expect(renamed).toMatchObject({ status: 'resolved' });
    await closed.getByRole('button', { name: 'Remove Sign-in slow' }).click();
    await confirm(page, 'Customers no longer see this incident or its update', 'Remove incident');
    await page.getByRole('heading', { name: 'Recently closed' }).waitFor({ state: 'detached' });
    expect((await page.request.get(`/api/statuspage/incidents/${renamed!.id}`)).status()).toBe(404);

    await page.close();
  }, 60_000);

  it('lists subscribers without ids or webhook paths, and removes one', async () => {
    const page = await phone();
    await signIn(page, ADMIN);
    const subs = page.getByRole('list', { name: 'Subscribers' });
    const ann = subs.getByRole('listitem').filter({ hasText: 'ann@example.com' });
    await ann.getByText('Email, waiting for confirmation').waitFor();
    await ann.getByText('Only Payments API').waitFor();
    const hook = subs.getByRole('listitem').filter({ hasText: WEBHOOK_HOST });
    await hook.getByText('Webhook', { exact: true }).waitFor();
    await hook.getByText('The whole page').waitFor();
    expect(await page.getByText(/\/hook|[0-9a-f]{8}-[0-9a-f]{4}-/).count(), 'no webhook path nor raw id on screen').toBe(0);
    expect(await overflows(page)).toBe(false);
    await checkEverywhere(page, 'statuspage-manage');
    await ann.getByRole('button', { name: 'Remove subscriber ann@example.com' }).click();
    await confirm(page, 'gets no more status page emails', 'Remove subscriber');
    await ann.waitFor({ state: 'detached' });
    expect((await subscribers(page)).map((s) => s.address)).toEqual([WEBHOOK_HOST]);
    await page.close();
  }, 60_000);

  it('adds an email subscriber (waiting for confirmation) and a webhook, showing the server’s refusals on their fields', async () => {
    const page = await phone();
    await signIn(page, ADMIN);
    const subs = page.getByRole('list', { name: 'Subscribers' });
    await page.getByRole('button', { name: 'Add a subscriber' }).click();
    const form = page.getByRole('form', { name: 'New subscriber' });
    await form.getByText('They are not subscribed, and get no updates, until they follow its link').waitFor();

    // Not an email address: the server's message on the field.
    await form.getByLabel('Email address').fill('bea at example');
    await form.getByRole('button', { name: 'Send confirmation email' }).click();
    await expect.poll(() => form.getByLabel('Email address').getAttribute('aria-invalid')).toBe('true');
    await form.locator('.field-error').first().waitFor();
    // "Only chosen" with nothing chosen is not sent as "everything".
    await form.getByLabel('Email address').fill('Bea@Example.com');
    await form.getByLabel('Only updates about the components or groups chosen').check();
    await form.getByRole('button', { name: 'Send confirmation email' }).click();
    await form.getByText('Choose at least one component or group, or every update.').waitFor();
    expect(await form.getByLabel('Email address').getAttribute('aria-invalid')).toBeNull();
    await form.getByLabel('Regions (group: any of its components)').check();
    await form.getByLabel('Payments API').check();
    expect(await overflows(page)).toBe(false);
    await checkEverywhere(page, 'statuspage-manage-add-subscriber');
    await form.getByRole('button', { name: 'Send confirmation email' }).click();
    await page.getByText('Confirmation email sent to bea@example.com.').waitFor();
    const bea = subs.getByRole('listitem').filter({ hasText: 'bea@example.com' });
    await bea.getByText('Email, waiting for confirmation').waitFor();
    const added = (await subscribers(page)).find((s) => s.address === 'bea@example.com');
    expect(added).toMatchObject({ kind: 'email', confirmed: false });
    expect(new Set(added!.componentIds)).toEqual(new Set([ids.regions, ids.api]));

    // A webhook to a private address: the outbound policy's refusal on the URL. Then an allowed one, for the whole page.
    await page.getByRole('button', { name: 'Add a subscriber' }).click();
    await form.getByLabel('A system, by webhook').check();
    await form.getByLabel('Webhook URL').fill('http://10.1.2.3/status-hook');
    expect((await form.getByLabel('Signing secret').inputValue()).length).toBeGreaterThanOrEqual(16);
    await form.getByRole('button', { name: 'Add webhook' }).click();
    await expect.poll(() => form.getByLabel('Webhook URL').getAttribute('aria-invalid')).toBe('true');
    await form.locator('.field-error').first().waitFor();
    await checkEverywhere(page, 'statuspage-manage-add-webhook-refused');
    await form.getByLabel('Webhook URL').fill(`http://${WEBHOOK_HOST}/another-hook`);
    await form.getByRole('button', { name: 'Add webhook' }).click();
    await form.waitFor({ state: 'detached' });
    const hooks = (await subscribers(page)).filter((s) => s.kind === 'webhook');
    expect(hooks).toHaveLength(2);
    expect(hooks.every((h) => h.address === WEBHOOK_HOST && h.confirmed && h.componentIds.length === 0)).toBe(true);
    await page.close();
  }, 60_000);

  it('offers a responder only what the API lets a responder do', async () => {
    const page = await phone();
    await signIn(page, RESPONDER);
    const open = page.getByRole('list', { name: 'Open incidents' });
    await open.getByRole('button', { name: /^Edit details of / }).waitFor();
    await open.getByRole('button', { name: /Post an update on/ }).waitFor();
    // Templates are the responders' own; the page's shape, removals and subscribers are for admins.
    await page.getByRole('list', { name: 'Templates' }).getByRole('button', { name: 'Edit template All clear' }).waitFor();
    expect(await open.getByRole('button', { name: /^Remove/ }).count()).toBe(0);
    expect(await page.getByRole('list', { name: 'Components' }).getByRole('button').count()).toBe(0);
    expect(await page.getByRole('button', { name: 'Add a component or group' }).count()).toBe(0);
    expect(await page.getByLabel(/^Status of/).count()).toBe(0);
    expect(await page.getByRole('heading', { name: 'Subscribers' }).count()).toBe(0);
    expect(await page.getByRole('button', { name: 'Add a subscriber' }).count()).toBe(0);
    await checkEverywhere(page, 'statuspage-manage-responder');
    await page.close();
  });

  it('publishes an incident with its first update, and schedules maintenance once its end comes after its start', async () => {
    const page = await phone();
    await signIn(page, ADMIN);
    await page.getByRole('button', { name: 'New public incident' }).click();
    const inc = page.getByRole('form', { name: 'New public incident' });
    await inc.getByLabel('Title customers see').fill('Checkout errors');
    await inc.getByLabel('Impact').selectOption('major');
    await inc.getByLabel('Payments API').check();
    await inc.getByLabel('Show them as').selectOption('major_outage');
    await inc.getByLabel('First update to customers').fill('Some card payments fail; we are on it.');
    expect(await overflows(page)).toBe(false);
    await checkEverywhere(page, 'statuspage-manage-new-incident');
    await inc.getByRole('button', { name: 'Publish incident' }).click();
    await page.getByRole('list', { name: 'Open incidents' }).getByRole('heading', { name: 'Checkout errors' }).waitFor();
    const made = await incident(page, 'Checkout errors');
    expect(made).toMatchObject({ kind: 'incident', impact: 'major', status: 'investigating', componentIds: [ids.api] });
    expect(made!.updates.map((u) => u.body)).toEqual(['Some card payments fail; we are on it.']);
    expect((await component(page, 'Payments API'))!.status).toBe('major_outage');

    await page.getByRole('button', { name: 'Schedule maintenance' }).click();
    const maint = page.getByRole('form', { name: 'Schedule maintenance' });
    await maint.getByLabel('Title customers see').fill('Card network switch');
    await maint.getByLabel('Starts').fill('2031-06-01T02:00');
    await maint.getByLabel('Ends').fill('2031-06-01T02:00');
    await maint.getByLabel('Website').check();
    await maint.getByLabel('What customers should know').fill('Payments may pause for a minute.');
    await maint.getByRole('button', { name: 'Schedule maintenance' }).click();
    await expect.poll(() => maint.getByLabel('Ends').getAttribute('aria-invalid')).toBe('true');
    await checkEverywhere(page, 'statuspage-manage-new-maintenance-refused');
    await maint.getByLabel('Ends').fill('2031-06-01T03:00');
    await maint.getByRole('button', { name: 'Schedule maintenance' }).click();
    await page.getByRole('list', { name: 'Scheduled maintenance' }).getByRole('heading', { name: 'Card network switch' }).waitFor();
    const planned = await incident(page, 'Card network switch');
    expect(planned).toMatchObject({ kind: 'maintenance', status: 'scheduled', componentIds: [ids.website] });
    expect(Date.parse(planned!.scheduledUntil!) - Date.parse(planned!.scheduledFor!)).toBe(3_600_000);
    await page.close();
  }, 60_000);
});
