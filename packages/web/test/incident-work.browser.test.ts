import { createServer, type Server } from 'node:http';
import { CreateService, CreateTeam, CreateUser } from '@operable/shared';
import { auth, catalog } from '@operable/server';
import { sql } from 'kysely';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkEverywhere, LAPTOP, PHONE } from './a11y.js';
import { browserReady, PASSWORD, signInAt, useBrowserWorld } from './browser-support.js';

/**
 * Working an incident from its page: notes (markdown, shown sanitized), key moments,
 * followers, taking someone off a role, the Slack channel without a bot token; the
 * page refreshing under a half-typed note; drills from the incidents page; the
 * check-in and the teammate nudge on the home page; a new account's zone from the
 * browser.
 */
const ids = { checkout: '' };

describe.skipIf(!browserReady)('browser: working an incident', () => {
  let receiver: Server;
  let hookUrl = '';
  beforeAll(async () => {
    receiver = createServer((_req, res) => res.writeHead(200).end());
    await new Promise<void>((r) => receiver.listen(0, '127.0.0.1', r));
    hookUrl = `http://127.0.0.1:${(receiver.address() as { port: number }).port}/incident-updates`;
  });
  afterAll(async () => {
    await new Promise((r) => receiver?.close(r));
  });
  const world = useBrowserWorld(
    async (ctx) => {
      // No zone given: these accounts take their browser's zone at first sign-in.
      const ana = await auth.createUser(ctx, CreateUser.parse({ name: 'Ana Lima', email: 'ana@example.com', role: 'responder', password: PASSWORD }));
      const bo = await auth.createUser(ctx, CreateUser.parse({ name: 'Bo Chen', email: 'bo@example.com', role: 'responder', password: PASSWORD }));
      await auth.createUser(ctx, CreateUser.parse({ name: 'Cy Ito', email: 'cy@example.com', role: 'viewer', password: PASSWORD }));
      const team = await catalog.createTeam(ctx, CreateTeam.parse({ name: 'Shop', memberIds: [ana.id, bo.id] }));
      const checkout = await catalog.createService(ctx, CreateService.parse({ name: 'Checkout', teamId: team.id }));
      ids.checkout = checkout.id;
    },
    { role: 'all', env: () => ({ OPERABLE_OUTBOUND_ALLOW: '127.0.0.1/32' }) },
  );

  async function signedIn(email: string, viewport: { width: number; height: number }, timezoneId = 'UTC'): Promise<Page> {
    const context = await world.browser.newContext({ viewport, timezoneId });
    const page = await context.newPage();
    page.setDefaultTimeout(20_000);
    await signInAt(page, `${world.url}/`, email);
    await page.getByRole('heading', { name: 'Now', level: 1 }).waitFor();
    return page;
  }

  const post = (page: Page, path: string, body: unknown) =>
    page.evaluate(
      async ({ path, body }) => {
        const session = await (await fetch('/api/auth/session')).json();
        const res = await fetch(path, { method: 'POST', headers: { 'content-type': 'application/json', 'x-csrf-token': session.csrfToken }, body: JSON.stringify(body) });
        return (await res.json()) as { id: string; number: number };
      },
      { path, body },
    );

  /** What the page would do when the tab comes back into view: refetch what is stale. Resolves once the incident's GET has answered. */
  async function refreshIncident(page: Page, number: number) {
    const answered = page.waitForResponse((r) => r.request().method() === 'GET' && new URL(r.url()).pathname === `/api/incidents/${number}`);
    await page.evaluate(() => document.dispatchEvent(new Event('visibilitychange', { bubbles: true })));
    await answered;
  }

  it('declares a drill from the incidents page, and the old drill address opens its form', async () => {
    const page = await signedIn('ana@example.com', PHONE);
    await page.goto(`${world.url}/drills`);
    await page.getByRole('heading', { name: 'Run a drill' }).waitFor();
    expect(new URL(page.url()).pathname).toBe('/incidents');
    await page.getByRole('button', { name: 'Run a drill' }).click();
    await expect.poll(() => page.getByRole('heading', { name: 'Run a drill' }).count()).toBe(0);

    await page.getByRole('button', { name: 'Run a drill' }).click();
    await expect.poll(() => page.getByRole('checkbox', { name: /This is a drill/ }).isChecked()).toBe(true);
    await page.getByLabel('Title').fill('Game day: checkout down');
    await checkEverywhere(page, 'drill-form');
    await page.getByRole('button', { name: 'Start the drill' }).click();
    await page.getByRole('heading', { name: /Game day: checkout down/, level: 1 }).waitFor();
    await page.getByText('DRILL', { exact: true }).first().waitFor();
    await page.context().close();
  }, 60_000);

  it('adds a sanitized note, marks key moments, manages followers and roles, and says Slack needs an admin', async () => {
    const page = await signedIn('ana@example.com', PHONE);
    const incident = await post(page, '/api/incidents', { title: 'Checkout fails', severity: 2, serviceIds: [ids.checkout] });
    await page.goto(`${world.url}/incidents/${incident.number}`);
    await page.getByRole('heading', { name: /Checkout fails/, level: 1 }).waitFor();

    // A markdown note; the script and the javascript: link never reach the page.
    const notes = page.getByRole('form', { name: 'Add a note' });
    await notes.getByLabel('Add a note').fill('**Rolled back** deploy 41 <script>window.pwned = 1</script> [dashboard](javascript:window.pwned=2)');
    await notes.getByRole('button', { name: 'Add note' }).click();
    const note = page.locator('li.timeline-item').filter({ has: page.locator('.timeline-note strong', { hasText: 'Rolled back' }) });
    await note.locator('strong', { hasText: 'Rolled back' }).waitFor();
    expect(await note.locator('script, a[href^="javascript"]').count()).toBe(0);
    expect(await page.evaluate(() => (window as { pwned?: number }).pwned)).toBeUndefined();
    expect(await notes.getByLabel('Add a note').inputValue()).toBe('');

    // Mark it mitigated, then clear it.
    await page.getByRole('button', { name: 'Mark key moments' }).click();
    await note.getByRole('button', { name: /Mark as key moment/ }).click();
    await note.getByRole('group', { name: 'Key moment of this entry' }).getByRole('button', { name: 'Mitigated' }).click();
    await note.getByText('Key moment: Mitigated').waitFor();
    await page.getByText(/marked “\*\*Rolled back\*\*.*” as mitigated/).waitFor();
    // The declaration is "detected" from the start; the commander's entry becomes "acknowledged".
    await page.locator('li.timeline-item', { hasText: /declared/ }).getByText('Key moment: Detected').waitFor();
    const commander = page.locator('li.timeline-item', { hasText: /is incident commander/ }).first();
    await commander.getByRole('button', { name: /Mark as key moment/ }).click();
    await commander.getByRole('button', { name: 'Acknowledged' }).click();
    await commander.getByText('Key moment: Acknowledged').waitFor();
    // Another entry offered "detected" is told it moves from the declaration.
    await note.getByRole('button', { name: /Change key moment/ }).click();
    await note.getByText(/Detected \(moves from/).waitFor();
    await checkEverywhere(page, 'incident-key-moment');
    await note.getByRole('button', { name: 'Not a key moment' }).click();
    await expect.poll(() => note.getByText('Key moment: Mitigated').count()).toBe(0);

    // Followers: myself by email, a webhook (its secret shown once), then remove mine.
    const followers = page.getByRole('region', { name: 'Who follows the updates' });
    await followers.getByRole('button', { name: 'Follow by email myself' }).click();
    // Listed, and removable by who added it.
    await followers.getByRole('list', { name: 'Followers' }).getByRole('button', { name: 'Remove ana@example.com' }).waitFor();
    await expect.poll(() => followers.getByRole('button', { name: 'Follow by email myself' }).count()).toBe(0);
    await followers.getByRole('button', { name: 'Add a follower' }).click();
    const add = page.getByRole('form', { name: 'Add a follower' });
    await add.getByLabel('How').selectOption('webhook');
    await add.getByLabel('URL').fill('not a url');
    await add.getByRole('button', { name: 'Add follower' }).click();
    await add.getByText(/Not added/).waitFor();
    await add.getByLabel('URL').fill(hookUrl);
    await add.getByRole('button', { name: 'Add follower' }).click();
    await followers.getByText(/signing secret, shown only now/).waitFor();
    await followers.getByRole('button', { name: /^Remove http:\/\/127\.0\.0\.1:\d+\/…$/ }).waitFor();
    await checkEverywhere(page, 'incident-followers');
    await followers.getByRole('button', { name: 'I have copied it' }).click();
    await followers.getByRole('button', { name: 'Remove ana@example.com' }).click();
    await expect.poll(() => followers.getByText('ana@example.com').count()).toBe(0);

    // A scribe assigned without a page, then taken off.
    await page.getByRole('button', { name: 'Assign a role' }).click();
    const assign = page.getByRole('form', { name: 'Assign a role' });
    await assign.getByLabel('Role', { exact: true }).selectOption('scribe');
    await assign.getByLabel('Person', { exact: true }).selectOption({ label: 'Bo Chen' });
    await assign.getByRole('checkbox', { name: /Page them into the role/ }).uncheck();
    await assign.getByRole('button', { name: 'Assign', exact: true }).click();
    await page.getByText(/Scribe:\s*Bo Chen/).waitFor();
    await page.getByRole('button', { name: /Take Bo Chen off/ }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Take them off' }).click();
    await page.getByText(/Scribe:\s*nobody/).waitFor();

    // No Slack bot token on this server: the page says who must set it.
    await page.getByRole('button', { name: 'Create a Slack channel' }).click();
    await page.getByRole('alert').filter({ hasText: /No Slack channel: .*an admin/ }).waitFor();
    await checkEverywhere(page, 'incident-work');
    await page.context().close();
  }, 120_000);

  it('keeps a half-typed note, and its focus, while the page refreshes', async () => {
    const page = await signedIn('ana@example.com', LAPTOP);
    const incident = await post(page, '/api/incidents', { title: 'Refresh under the cursor', severity: 3, serviceIds: [ids.checkout] });
    await page.goto(`${world.url}/incidents/${incident.number}`);
    const box = page.getByRole('form', { name: 'Add a note' }).getByLabel('Add a note');
    await box.click();
    await box.pressSequentially('Cache hit rate fell at 03:1');
    await box.evaluate((el) => ((el as unknown as { typedHere: boolean }).typedHere = true));

    // Nothing changed on the server: a refresh leaves the page's content untouched.
    await page.evaluate(() => {
      const w = window as { mutations?: number };
      w.mutations = 0;
      for (const id of ['timeline-h', 'roles-h']) {
        new MutationObserver((m) => (w.mutations! += m.length)).observe(document.getElementById(id)!.closest('section')!, { subtree: true, childList: true, characterData: true, attributes: true });
      }
    });
    await refreshIncident(page, incident.number);
    expect(await page.evaluate(() => (window as { mutations?: number }).mutations)).toBe(0);

    // A note added elsewhere arrives with the next refresh: it shows, the draft stays, focus stays.
    await post(page, `/api/incidents/${incident.number}/notes`, { text: 'Paged the database team' });
    await refreshIncident(page, incident.number);
    await page.getByText('Paged the database team').waitFor();
    expect(await box.inputValue()).toBe('Cache hit rate fell at 03:1');
    expect(await box.evaluate((el) => el === document.activeElement && (el as unknown as { typedHere?: boolean }).typedHere === true)).toBe(true);
    await page.keyboard.type('2');
    expect(await box.inputValue()).toBe('Cache hit rate fell at 03:12');

    // The update falls overdue while the next one is being written: the page says so
    // loudly, and the half-written update stays where it is, focused.
    await post(page, `/api/incidents/${incident.number}/updates`, { body: 'Looking into it.', status: 'investigating', nextUpdateInMinutes: 15 });
    await refreshIncident(page, incident.number);
    const update = page.getByRole('form', { name: 'Post an update' }).getByLabel('What is known now');
    await update.click();
    await update.pressSequentially('Rolled back; error rate fal');
    // The very element, not a new one with the text copied into it: the caret stays put.
    await update.evaluate((el) => ((el as unknown as { typedHere: boolean }).typedHere = true));
    await sql`update incidents set next_update_at = now() - interval '2 minutes' where number = ${incident.number}`.execute(world.server.operable.deps.database.db);
    await refreshIncident(page, incident.number);
    await page.getByRole('alert').filter({ hasText: /Update overdue by \d+ min/ }).waitFor();
    expect(await update.inputValue()).toBe('Rolled back; error rate fal');
    expect(await update.evaluate((el) => el === document.activeElement && (el as unknown as { typedHere?: boolean }).typedHere === true)).toBe(true);
    await page.context().close();
  }, 60_000);

  it('puts the check-in on the responder’s home page, and the nudge on a teammate’s', async () => {
    const ana = await signedIn('ana@example.com', PHONE);
    const incident = await post(ana, '/api/incidents', { title: 'Night pager', severity: 1, serviceIds: [ids.checkout] });
    // It ran through the night (the team's default sleep hours): declared yesterday.
    await sql`update incidents set declared_at = now() - interval '30 hours' where number = ${incident.number}`.execute(world.server.operable.deps.database.db);
    await ana.goto(`${world.url}/incidents/${incident.number}`);
    await ana.getByRole('button', { name: 'Resolve', exact: true }).click();
    await ana.getByRole('dialog').getByRole('button', { name: 'Resolve incident' }).click();
    await ana.getByRole('heading', { name: 'How are you after this one?' }).waitFor();

    await ana.goto(`${world.url}/`);
    const after = ana.getByRole('region', { name: 'After incidents' });
    await after.getByRole('heading', { name: `#${incident.number} Night pager is resolved: how are you?` }).waitFor();
    await after.getByRole('button', { name: 'Check in' }).click();
    await checkEverywhere(ana, 'home-checkin');
    await after.getByRole('radio', { name: /^2/ }).check();
    await after.getByLabel('Sleep lost (minutes)').fill('120');
    await after.getByRole('button', { name: 'Send check-in' }).click();
    await expect.poll(() => ana.getByRole('region', { name: 'After incidents' }).count()).toBe(0);
    // Answered on the home page, its inbox notice is read too.
    await ana.goto(`${world.url}/inbox`);
    const notice = ana.locator('li.inbox-item', { hasText: `Incident #${incident.number} is resolved` });
    await notice.waitFor();
    await expect.poll(() => notice.locator('.badge-unread').count()).toBe(0);
    await ana.context().close();

    const bo = await signedIn('bo@example.com', PHONE);
    const boAfter = bo.getByRole('region', { name: 'After incidents' });
    await boAfter.getByRole('heading', { name: `Ana Lima handled Incident #${incident.number} in their sleep hours` }).waitFor();
    await checkEverywhere(bo, 'home-nudge');
    await boAfter.getByRole('button', { name: 'Done, I checked in' }).click();
    await expect.poll(() => bo.getByRole('region', { name: 'After incidents' }).count()).toBe(0);
    await bo.goto(`${world.url}/inbox`);
    await bo.getByText('Check on a teammate').first().waitFor();
    await bo.getByRole('button', { name: new RegExp(`Ana Lima handled Incident #${incident.number}`) }).click();
    await bo.getByRole('link', { name: 'Open the incident' }).waitFor();
    await checkEverywhere(bo, 'inbox-nudge');
    await bo.context().close();
  }, 90_000);

  it('sets a new account’s zone from the browser at first sign-in, and the profile says so', async () => {
    const page = await signedIn('cy@example.com', PHONE, 'Asia/Tokyo');
    await page.goto(`${world.url}/profile`);
    await expect.poll(() => page.getByLabel('Time zone').inputValue()).toBe('Asia/Tokyo');
    await page.getByText(/Set automatically from your browser/).waitFor();
    expect(await page.getByText(/this device is in/).count()).toBe(0);
    await checkEverywhere(page, 'profile-zone');
    await page.context().close();

    // Another device elsewhere does not move it; there the prompt asks instead.
    const paris = await signedIn('cy@example.com', PHONE, 'Europe/Paris');
    await paris.getByText(/this device is in\s*Europe\/Paris/).waitFor();
    await paris.goto(`${world.url}/profile`);
    expect(await paris.getByLabel('Time zone').inputValue()).toBe('Asia/Tokyo');
    await paris.context().close();
  }, 60_000);
});
