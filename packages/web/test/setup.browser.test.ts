import { CreateUser } from '@operable/shared';
import { auth } from '@operable/server';
import { describe, expect, it } from 'vitest';
import { checkEverywhere, PHONE } from './a11y.js';
import { browserReady, PASSWORD, signInAt, useBrowserWorld } from './browser-support.js';

/**
 * Without a mail server a new person must not be offered email (its code would never
 * arrive); the admin's setup check says what is missing and which variable sets it.
 */

describe.skipIf(!browserReady)('browser: setup check and configured channels only', () => {
  const world = useBrowserWorld(async (ctx) => {
    await auth.createUser(ctx, CreateUser.parse({ name: 'Ada Admin', email: 'ada@example.com', role: 'admin', password: PASSWORD, timeZone: 'UTC' }));
  });

  it('shows what is configured, and the contact form offers only channels that work', async () => {
    const context = await world.browser.newContext({ viewport: PHONE, timezoneId: 'UTC' });
    const page = await context.newPage();
    page.setDefaultTimeout(15_000);
    await signInAt(page, `${world.url}/admin/setup`, 'ada@example.com');
    const list = page.getByRole('list', { name: 'What is configured' });
    await list.getByText('Email (SMTP)').waitFor();
    expect(await list.getByText('Not configured', { exact: true }).count()).toBe(5);
    await list.getByText(/OPERABLE_SMTP_URL/).waitFor();
    await checkEverywhere(page, 'setup-check');

    await page.goto(`${world.url}/profile`);
    await page.getByRole('button', { name: 'Add contact method' }).first().click();
    await page.getByText('an admin must configure mail (SMTP) on the server').waitFor();
    const options = await page.getByLabel('Type', { exact: true }).locator('option').allTextContents();
    expect(options).not.toContain('Email');
    expect(options).not.toContain('SMS');
    expect(options).toContain('Webhook');
    await checkEverywhere(page, 'contact-form-no-mail');
    await context.close();
  });
});
