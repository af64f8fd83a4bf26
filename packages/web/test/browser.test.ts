import { CreateTeam, CreateUser } from '@operable/shared';
import { auth, catalog } from '@operable/server';
import { describe, expect, it } from 'vitest';
import { browserReady, PASSWORD, useBrowserWorld } from './browser-support.js';

/** The whole product as a person meets it: sign in, create a service, see it, sign out. */
const EMAIL = 'ada@example.com';

describe.skipIf(!browserReady)('browser: sign in, create a service, see it, sign out', () => {
  const world = useBrowserWorld(async (ctx) => {
    const user = await auth.createUser(ctx, CreateUser.parse({ name: 'Ada Lovelace', email: EMAIL, role: 'responder', password: PASSWORD }));
    await catalog.createTeam(ctx, CreateTeam.parse({ name: 'Payments', memberIds: [user.id] }));
  });

  it('works end to end as a responder', async () => {
    const page = await world.browser.newPage();
    const response = await page.goto(`${world.url}/services`);
    expect(response?.headers()['content-security-policy']).toContain("script-src 'self'");

    await page.getByLabel('Email').fill(EMAIL);
    await page.getByLabel('Password').fill(PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();

    await page.getByRole('link', { name: 'New service' }).click();
    await page.getByLabel('Name').fill('Card Authoriser');
    await page.getByLabel('Description').fill('Authorises card payments');
    await page.getByLabel('Team').selectOption({ label: 'Payments' });
    await page.getByLabel('Runbook URL').fill('https://runbooks.example.com/card-authoriser');
    await page.getByLabel('Runbook (Markdown)').fill('# Card Authoriser\n\n1. Check the error rate dashboard.');
    await page.getByLabel('Tags (comma-separated)').fill('tier-1, payments');
    await page.getByRole('button', { name: 'Create service' }).click();

    await page.getByRole('link', { name: 'Card Authoriser' }).waitFor();
    expect(new URL(page.url()).pathname).toBe('/services');

    // What the UI showed is what the API holds.
    const listed = await page.evaluate(async () => (await fetch('/api/services')).json());
    expect(listed.items.map((s: { name: string }) => s.name)).toEqual(['Card Authoriser']);
    expect(listed.items[0].tags).toEqual(['tier-1', 'payments']);

    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByRole('button', { name: 'Sign in' }).waitFor();
    const after = await page.evaluate(async () => (await fetch('/api/auth/session')).status);
    expect(after).toBe(401);
    expect(world.cspViolations).toEqual([]);
  });

  it('refuses inline script under its Content-Security-Policy, and the suite sees the violation', async () => {
    const page = await world.browser.newPage();
    await page.goto(`${world.url}/`);
    await page.getByRole('button', { name: 'Sign in' }).waitFor();
    await page.evaluate(() => {
      const script = document.createElement('script');
      script.textContent = 'window.injected = true';
      document.head.append(script);
    });
    await expect.poll(() => world.cspViolations.length).toBeGreaterThan(0);
    for (const v of world.cspViolations) expect(v).toContain('script-src');
    expect(await page.evaluate(() => (window as { injected?: boolean }).injected)).toBeUndefined();
    world.cspViolations.length = 0; // expected here; any other fails the suite
  });
});
