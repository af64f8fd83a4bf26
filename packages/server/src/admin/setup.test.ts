import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAdmin } from '../test-support/actors.js';
import { databaseKinds } from '../test-support/databases.js';
import { createHarness, type Harness } from '../test-support/harness.js';
import { startMailbox } from '../test-support/mailbox.js';
import { contactChannels, setupItems } from './setup.js';

describe('setup check rules', () => {
  const bare = { slackBot: false, publicUrl: 'http://127.0.0.1:8080', publicUrlDefault: true };
  it('offers email, SMS and voice only when their servers are configured', () => {
    expect(contactChannels(bare)).toEqual({ channels: ['ntfy', 'slack', 'teams', 'webhook'], mail: false });
    expect(contactChannels({ ...bare, smtp: { from: 'ops@example.com' }, twilio: { from: '+15550100' } }).channels).toEqual(['email', 'sms', 'voice', 'ntfy', 'slack', 'teams', 'webhook']);
  });
  it('says what is missing and which variable sets it', () => {
    const items = setupItems(bare);
    expect(items.map((i) => [i.key, i.configured])).toEqual([
      ['mail', false],
      ['sms', false],
      ['voice', false],
      ['slack', false],
      ['publicUrl', false],
    ]);
    expect(items[0]!.detail).toContain('OPERABLE_SMTP_URL');
    expect(items[4]!.detail).toContain('OPERABLE_PUBLIC_URL');
    expect(setupItems({ ...bare, smtp: { from: 'ops@example.com' }, publicUrl: 'https://ops.example.com', publicUrlDefault: false })[0]).toMatchObject({ configured: true, detail: 'Sends from ops@example.com' });
  });
});

describe.each(await databaseKinds())('setup check test email on %s', (kind) => {
  let h: Harness;
  let mailbox: Awaited<ReturnType<typeof startMailbox>>;
  beforeAll(async () => {
    mailbox = await startMailbox();
    h = await createHarness(kind, { OPERABLE_SMTP_URL: mailbox.url });
  });
  afterAll(async () => {
    await h.close();
    await mailbox.close();
  });
  it('goes through the outbox to the address, and the check says mail is configured', async () => {
    const admin = await createAdmin(h);
    const check = (await admin.call('GET', '/api/admin/setup')) as { items: { key: string; configured: boolean }[] };
    expect(check.items.find((i) => i.key === 'mail')!.configured).toBe(true);
    expect(((await admin.call('GET', '/api/contact-channels')) as { mail: boolean }).mail).toBe(true);
    await admin.call('POST', '/api/admin/setup/test', { channel: 'email', to: 'check@example.com' }, 202);
    await h.operable.engine.runUntilIdle();
    expect(mailbox.to('check@example.com')).toHaveLength(1);
    expect(mailbox.to('check@example.com')[0]!.text).toContain('Mail works.');
  });
});
