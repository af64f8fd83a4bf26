import { mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { CreateTeam, CreateUser } from '@operable/shared';
import { auth, catalog } from '@operable/server';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { browserReady, PASSWORD, signInAt, useBrowserWorld } from './browser-support.js';

/**
 * A team lead tries a longer storm window on three nights of a flapping database:
 * uploads the history, writes the variant, runs the replay and reads the answer
 * (fewer interruptions in sleep hours, the same alerts), with charts, on a phone and
 * a laptop, light and dark, checked by axe. Screenshots go to docs/.
 */
const EMAIL = 'lead@example.com';
const SERVICE = 'checkout-api';
const MIN = 60_000;
const ids = { me: '', team: '' };
const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
const DOCS = fileURLToPath(new URL('../../../docs/', import.meta.url));
const SHOTS = fileURLToPath(new URL('../../../test-results/screenshots/', import.meta.url));

/** Three nights (midnight in Berlin) of four alerts two minutes apart, resolved 40 minutes later, and one broken line. */
function flappingHistory(): string {
  const lines: string[] = [];
  for (let night = 0; night < 3; night++) {
    const start = Date.parse('2026-03-02T23:00:00Z') + night * 24 * 60 * MIN;
    for (let i = 0; i < 4; i++)
      lines.push(JSON.stringify({ at: new Date(start + i * 2 * MIN).toISOString(), service: SERVICE, action: 'trigger', dedupKey: `db-${night}-${i}`, summary: `replica ${i} lagging`, severity: 'critical' }));
    for (let i = 0; i < 4; i++) lines.push(JSON.stringify({ at: new Date(start + 40 * MIN).toISOString(), service: SERVICE, action: 'resolve', dedupKey: `db-${night}-${i}` }));
  }
  lines.push('this line is broken');
  return `${lines.join('\n')}\n`;
}

async function post<T>(page: Page, path: string, data: unknown): Promise<T> {
  const { csrfToken } = (await (await page.request.get('/api/auth/session')).json()) as { csrfToken: string };
  const res = await page.request.post(path, { data, headers: { 'X-CSRF-Token': csrfToken } });
  expect(res.status(), `${path}: ${await res.text()}`).toBeLessThan(300);
  return (await res.json()) as T;
}

/** Serious and critical axe findings on the page as it is now (axe is evaluated over DevTools, so the app's CSP stays strict). */
async function axeProblems(page: Page): Promise<string[]> {
  if (!(await page.evaluate(() => typeof (window as { axe?: unknown }).axe === 'object'))) await page.evaluate(AXE_SOURCE);
  const violations = (await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: (d: Document, o: object) => Promise<{ violations: unknown[] }> } }).axe;
    return (await axe.run(document, { resultTypes: ['violations'] })).violations;
  })) as { id: string; impact: string | null; help: string; nodes: { target: string[] }[] }[];
  return violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .flatMap((v) => v.nodes.map((n) => `${v.impact} ${v.id}: ${v.help} at ${n.target.join(' ')}`));
}

async function setTheme(page: Page, theme: 'light' | 'dark') {
  await page.evaluate((t) => {
    localStorage.setItem('operable.theme', t);
    document.documentElement.dataset.theme = t;
  }, theme);
}

describe.skipIf(!browserReady)('browser: replaying a longer storm window', () => {
  const world = useBrowserWorld(async (ctx) => {
    const me = await auth.createUser(ctx, CreateUser.parse({ name: 'Ann Night', email: EMAIL, role: 'responder', password: PASSWORD, timeZone: 'Europe/Berlin' }));
    ids.me = me.id;
    ids.team = (await catalog.createTeam(ctx, CreateTeam.parse({ name: 'Shop', memberIds: [me.id] }))).id;
    const now = new Date();
    const { id } = await ctx.db
      .insertInto('contact_methods')
      .values({ user_id: me.id, type: 'sms', address: '+15555550100', label: 'Phone', secret: null, verified_at: now, created_at: now })
      .returning('id')
      .executeTakeFirstOrThrow();
    await ctx.db.insertInto('notification_rules').values({ user_id: me.id, contact_method_id: id, delay_minutes: 0, urgency: 'any', created_at: now }).execute();
  });

  async function signedIn(): Promise<Page> {
    const page = await world.browser.newPage({ viewport: { width: 390, height: 844 }, baseURL: world.url });
    page.setDefaultTimeout(15_000);
    await page.emulateMedia({ reducedMotion: 'reduce' });
    await signInAt(page, '/', EMAIL);
    await page.getByRole('heading', { name: 'Now', level: 1 }).waitFor();
    return page;
  }

  it('uploads a history, runs current and variant, and leads with the answer', { timeout: 240_000 }, async () => {
    const page = await signedIn();
    const policy = await post<{ id: string }>(page, '/api/escalation-policies', {
      name: 'Shop policy',
      teamId: ids.team,
      steps: [{ delayMinutes: 15, targets: [{ type: 'user', userId: ids.me }] }],
    });
    await post(page, '/api/services', { name: SERVICE, teamId: ids.team, escalationPolicyId: policy.id, stormWindowSeconds: 60 });

    // From the menu, as a responder would.
    // A phone opens the menu; a laptop has the sidebar.
    if (await page.getByRole('button', { name: 'Menu' }).isVisible()) await page.getByRole('button', { name: 'Menu' }).click();
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Replay' }).click();
    await page.getByRole('heading', { name: 'Replay: try a change on past alerts', level: 1 }).waitFor();
    expect(await axeProblems(page), 'axe on the empty form').toEqual([]);

    // Upload the history; a variant that is not JSON is refused beside its field, which takes focus.
    await page.getByLabel('An uploaded file of alerts (JSON lines)').check();
    await page.getByLabel('History file').setInputFiles({ name: 'flapping.jsonl', mimeType: 'application/x-ndjson', buffer: Buffer.from(flappingHistory()) });
    await page.getByText('flapping.jsonl: 25 lines read.').waitFor();
    const variant = page.getByLabel('Variant to compare (optional)');
    await variant.fill('{"services": [');
    await page.getByRole('button', { name: 'Run replay' }).click();
    await page.getByText(/^⚠ This is not valid JSON/).waitFor();
    expect(await variant.evaluate((el) => el === document.activeElement)).toBe(true);

    // A variant naming a service that does not exist: the server's error lands on the same field.
    await variant.fill('{"services":[{"name":"no-such-service","stormWindowSeconds":600}]}');
    await page.getByRole('button', { name: 'Run replay' }).click();
    await page.getByText('no services entry "no-such-service"').waitFor({ timeout: 120_000 });
    expect(await variant.getAttribute('aria-invalid')).toBe('true');

    // The real variant, with assumed acknowledgements.
    await variant.fill(`{"services":[{"name":"${SERVICE}","stormWindowSeconds":600}]}`);
    await page.getByLabel('Business hours, minutes').fill('5');
    await page.getByLabel('Off-hours, minutes').fill('10');
    await page.getByLabel('Sleep hours, minutes').fill('15');
    await page.getByRole('button', { name: 'Run replay' }).click();
    await page.getByText(/can take up to a minute/).waitFor();
    const answer = page.locator('.replay-answer');
    await answer.waitFor({ timeout: 180_000 });
    expect(await answer.textContent()).toBe('With the variant: 9 fewer interruptions, 9 fewer in sleep hours; same 12 alerts.');
    await page.getByText('The variant changed checkout-api: stormWindowSeconds.', { exact: false }).waitFor();
    const table = page.getByRole('region', { name: 'Interruptions per person, as a table' });
    const ann = table.getByRole('row', { name: /Ann Night/ });
    expect(await ann.getByRole('cell').first().textContent()).toContain('12 → 3 (9 fewer)');
    await page.getByRole('region', { name: 'Lines that were not replayed' }).getByText('Line 25: not valid JSON').waitFor();
    // Sleep hours and the team's weeks are charted; the buckets nobody was interrupted in are a sentence.
    expect(await page.locator('.chart canvas').count()).toBe(2);
    await page.getByText('Off-hours and Business hours: nobody interrupted in either run.').waitFor();
    const sleepChart = page.getByRole('img', { name: /^Interruptions in sleep hours per person: Ann Night 12 → 3 \(9 fewer\)/ });
    await sleepChart.waitFor();

    // The Markdown download carries the same numbers.
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download Markdown' }).click()]);
    expect(download.suggestedFilename()).toMatch(/^replay-2026-03-0\d-to-2026-03-\d\d\.md$/);

    // The finished-replay notice would cover the screenshots.
    await page.getByRole('button', { name: 'Dismiss' }).click();

    // Phone and laptop, light and dark: axe finds nothing serious, the charts redraw, screenshots for people to look at.
    mkdirSync(DOCS, { recursive: true });
    mkdirSync(SHOTS, { recursive: true });
    for (const [size, doc] of [
      [{ width: 390, height: 844 }, 'replay-phone.png'],
      [{ width: 1366, height: 900 }, 'replay-laptop.png'],
    ] as const) {
      await page.setViewportSize(size);
      for (const theme of ['light', 'dark'] as const) {
        await setTheme(page, theme);
        await page.locator('.chart canvas').first().waitFor();
        expect(await axeProblems(page), `axe at ${size.width} px, ${theme}`).toEqual([]);
        // Each chart fits its box once it has followed the new width.
        await page.waitForFunction(() =>
          [...document.querySelectorAll('.chart')].every((el) => (el.querySelector('canvas')?.getBoundingClientRect().width ?? Infinity) <= el.clientWidth + 1),
        );
        await page.screenshot({ path: `${SHOTS}replay-${size.width}-${theme}.png`, fullPage: true });
        if (theme === 'light') await page.screenshot({ path: `${DOCS}${doc}`, fullPage: true });
      }
    }
    await setTheme(page, 'light');
    await page.close();
  });

  it('replays this server’s own alerts of the last 12 weeks, with the current configuration alone', { timeout: 180_000 }, async () => {
    const page = await signedIn();
    const policy = await post<{ id: string }>(page, '/api/escalation-policies', {
      name: 'Payments policy',
      teamId: ids.team,
      steps: [{ delayMinutes: 15, targets: [{ type: 'user', userId: ids.me }] }],
    });
    const service = await post<{ id: string }>(page, '/api/services', { name: 'payments-api', teamId: ids.team, escalationPolicyId: policy.id });
    await post(page, '/api/alerts', { serviceId: service.id, summary: 'Payments time out' });

    await page.goto('/replay');
    await page.getByRole('heading', { name: 'Replay: try a change on past alerts', level: 1 }).waitFor();
    expect(await page.getByLabel('This server’s alerts for a period').isChecked()).toBe(true);
    // A period that ends before it starts is refused beside the last day.
    const from = await page.getByLabel('From').inputValue();
    const to = page.getByLabel('To (including)');
    const today = await to.inputValue();
    expect((Date.parse(today) - Date.parse(from)) / 86_400_000).toBe(84);
    await to.fill('2020-01-01');
    await page.getByRole('button', { name: 'Run replay' }).click();
    await page.getByText('The last day must be on or after the first day.').waitFor();
    expect(await to.getAttribute('aria-invalid')).toBe('true');

    await to.fill(today);
    await page.getByRole('button', { name: 'Run replay' }).click();
    const answer = page.locator('.replay-answer');
    await answer.waitFor({ timeout: 150_000 });
    expect(await answer.textContent()).toMatch(/^With the current configuration: 1 interruption \([01] in sleep hours\) for 1 person; 1 alert\.$/);
    expect(await page.getByRole('region', { name: 'Interruptions per person, as a table' }).getByRole('row', { name: /Ann Night/ }).count()).toBe(1);
    expect(await axeProblems(page), 'axe on a replay without a variant').toEqual([]);
    await page.close();
  });
});
