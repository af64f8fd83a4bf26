import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { CreateTeam, CreateUser } from '@operable/shared';
import { auth, catalog } from '@operable/server';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { browserReady, PASSWORD, signInAt, useBrowserWorld } from './browser-support.js';

/**
 * Writing and reviewing a post-mortem on a laptop screen (1366 px): the draft from
 * a resolved incident, a blaming sentence pointed out while typing and rewritten,
 * the revision history, an action item, review, meeting mode with its timers, a
 * note per timeline entry and the note-taker's field, then reviewed with the
 * follow-up scheduled. The same pages fit a phone (390 px). axe-core finds no
 * serious or critical problems on any of them, light or dark.
 */
const EMAIL = 'ana@example.com';
const ids = { me: '', team: '' };
const AXE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

async function call<T>(page: Page, method: 'post' | 'patch', path: string, data: unknown): Promise<T> {
  const { csrfToken } = (await (await page.request.get('/api/auth/session')).json()) as { csrfToken: string };
  const res = await page.request[method](path, { data, headers: { 'X-CSRF-Token': csrfToken } });
  expect(res.status(), `${path}: ${await res.text()}`).toBeLessThan(300);
  return (await res.json()) as T;
}

/** Serious and critical accessibility problems on the page as it is now. */
async function axeProblems(page: Page): Promise<string[]> {
  await page.evaluate(AXE);
  const result = await page.evaluate(() => (window as unknown as { axe: { run(): Promise<{ violations: { id: string; impact: string; nodes: { target: string[] }[] }[] }> } }).axe.run());
  return result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

describe.skipIf(!browserReady)('browser: writing and reviewing a post-mortem', () => {
  const world = useBrowserWorld(async (ctx) => {
    ids.me = (await auth.createUser(ctx, CreateUser.parse({ name: 'Ana Lima', email: EMAIL, role: 'responder', password: PASSWORD }))).id;
    ids.team = (await catalog.createTeam(ctx, CreateTeam.parse({ name: 'Shop', memberIds: [ids.me] }))).id;
  });

  it('drafts, writes blame-aware, adds an action item, and holds the meeting on a laptop screen', async () => {
    const page = await world.browser.newPage({ viewport: { width: 1366, height: 768 }, baseURL: world.url });
    page.setDefaultTimeout(10_000);
    await signInAt(page, '/', EMAIL);
    await page.getByRole('heading', { name: 'Now', level: 1 }).waitFor();

    // A resolved SEV3 incident (no automatic draft below SEV2), and its post-mortem started by hand.
    const service = await call<{ id: string }>(page, 'post', '/api/services', { name: 'Checkout', teamId: ids.team });
    const incident = await call<{ id: string; number: number }>(page, 'post', '/api/incidents', { title: 'Checkout errors after deploy', severity: 3, serviceIds: [service.id] });
    await call(page, 'post', `/api/incidents/${incident.number}/notes`, { text: 'Rolled back the deploy' });
    await call(page, 'patch', `/api/incidents/${incident.number}`, { status: 'resolved' });
    const pm = await call<{ id: string }>(page, 'post', '/api/postmortems', { incidentId: incident.id });

    // 1. The list shows it; the document has the drafted timeline and empty sections with prompts.
    // A phone opens the menu; a laptop has the sidebar.
    if (await page.getByRole('button', { name: 'Menu' }).isVisible()) await page.getByRole('button', { name: 'Menu' }).click();
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Post-mortems' }).click();
    await page.getByRole('link', { name: /SEV3 #\d+: Checkout errors after deploy/ }).click();
    await page.getByRole('heading', { name: 'Timeline', level: 2 }).waitFor();
    await page.getByText('Rolled back the deploy').first().waitFor();
    await page.getByText(/Which conditions made this possible/).waitFor();
    expect(await axeProblems(page)).toEqual([]);

    // 2. A blaming sentence is pointed out while typing; the systems framing passes.
    await page.getByRole('button', { name: 'Edit What went wrong' }).click();
    const text = page.getByLabel('What went wrong (Markdown)');
    await text.fill('Ana forgot to check the canary.');
    const hints = page.getByRole('note', { name: 'Blame-aware writing hints' });
    await hints.getByText(/names Ana with “forgot”/).waitFor();
    await text.fill('The deploy pipeline has no canary step, so nothing stopped the bad build.');
    await hints.waitFor({ state: 'detached' });
    await page.getByRole('button', { name: 'Save What went wrong' }).click();
    await page.getByRole('button', { name: 'Edit What went wrong' }).waitFor();
    await page.getByRole('region', { name: 'What went wrong' }).getByText('The deploy pipeline has no canary step, so nothing stopped the bad build.').waitFor();

    // 3. The history keeps the draft and the save.
    await page.getByRole('button', { name: 'History of What went wrong' }).click();
    await page.getByText(/Revision 2 · Ana Lima/).waitFor();
    await page.getByText(/Revision 1 ·/).waitFor();

    // 4. An action item with owner and due date.
    await page.getByLabel('Action', { exact: true }).fill('Add a canary step for checkout');
    await page.getByLabel('Owner', { exact: true }).nth(1).selectOption({ label: 'Ana Lima' });
    await page.getByLabel('Due').fill('2026-12-31');
    await page.getByRole('button', { name: 'Add action item' }).click();
    await page.getByRole('region', { name: 'Action items' }).getByText('Add a canary step for checkout').waitFor();

    // 5. Send for review, then meeting mode.
    await page.getByRole('button', { name: 'Send for review' }).click();
    await page.getByText('In review', { exact: true }).waitFor();
    await page.getByRole('link', { name: 'Meeting mode' }).click();
    const agenda = page.getByRole('region', { name: 'Agenda' });
    for (const part of ['Introduction', 'Timeline, told by the people who acted', 'Remediation']) await agenda.getByRole('button', { name: `Start ${part}` }).waitFor();
    await agenda.getByText('5:00 left', { exact: true }).waitFor();
    await agenda.getByRole('button', { name: 'Start Introduction' }).click();
    await agenda.getByRole('button', { name: 'Pause Introduction' }).waitFor();
    await page.waitForFunction(() => /4:5\d left/.test(document.body.textContent ?? ''), undefined, { timeout: 5_000 });
    const note = page.getByLabel(/^Note for .* Rolled back the deploy/);
    const saved = page.waitForResponse((r) => r.url().includes('/timeline/') && r.request().method() === 'PUT');
    await note.fill('Saw the error rate on the dashboard; rollback was the fastest safe move.');
    await page.getByLabel('Meeting notes').click();
    expect((await saved).status()).toBe(204);
    await page.getByLabel('Meeting notes').fill('Canary step is the main follow-up.');
    await page.getByRole('button', { name: 'Save notes' }).click();
    await page.getByText('Saved', { exact: true }).waitFor();
    expect(await axeProblems(page)).toEqual([]);
    await page.getByRole('button', { name: 'The meeting is done: mark reviewed' }).click();
    await page.getByText(/Meeting recorded. The follow-up review is scheduled 30 days out./).waitFor();

    // 6. Reviewed, with the follow-up waiting; the note is in the export.
    await page.getByRole('link', { name: 'Add action items' }).click();
    await page.getByText('Reviewed', { exact: true }).waitFor();
    await page.getByRole('heading', { name: '30-day follow-up review' }).waitFor();
    const md = await (await page.request.get(`/api/postmortems/${pm.id}/export`)).text();
    expect(md).toContain('Saw the error rate on the dashboard');
    expect(md).toContain('| Add a canary step for checkout | Ana Lima | 2026-12-31 | prevent | medium | Open |  |');

    // 7. An item past its due date shows on the team's page.
    await call(page, 'post', `/api/postmortems/${pm.id}/action-items`, { title: 'Document the rollback', type: 'process', ownerId: ids.me, dueOn: '2026-01-01' });
    await page.goto(`/teams/${ids.team}`);
    const overdue = page.getByRole('region', { name: 'Overdue action items' });
    await overdue.getByText('Document the rollback').waitFor();
    await overdue.getByRole('link', { name: /Checkout errors after deploy/ }).waitFor();
    await page.close();

    // 8. On a phone, in dark mode: the document and meeting mode fit the width, and read well.
    const phone = await world.browser.newPage({ viewport: { width: 390, height: 844 }, baseURL: world.url, colorScheme: 'dark' });
    await signInAt(phone, '/sign-in', EMAIL);
    await phone.getByRole('heading', { name: 'Now', level: 1 }).waitFor();
    for (const path of [`/postmortems/${pm.id}`, `/postmortems/${pm.id}/meeting`, '/postmortems/library?q=canary']) {
      await phone.goto(path);
      await phone.getByRole('heading', { level: 1 }).waitFor();
      await phone.waitForLoadState('networkidle');
      expect(await phone.evaluate(() => document.documentElement.scrollWidth), path).toBeLessThanOrEqual(390);
      expect(await axeProblems(phone), path).toEqual([]);
    }
    await phone.getByText('1 post-mortem').waitFor();
    await phone.close();
  });
});
