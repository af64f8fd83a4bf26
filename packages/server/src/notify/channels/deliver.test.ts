import { describe, expect, it } from 'vitest';
import { CHANNEL_TYPES, deliver, type ChannelType, type Message } from './index.js';
import { testMessage } from './test-message.js';
import { startReceiver } from './test-receiver.js';

const NOW = new Date('2026-03-03T10:00:00Z');

describe('deliver', () => {
  it('refuses an unknown channel type without throwing', async () => {
    expect(await deliver({}, { type: 'pager' as ChannelType, address: 'x' }, testMessage(), NOW)).toMatchObject({ ok: false, retryable: false });
  });

  it('turns a bug (an exception) into a retryable result instead of throwing at the outbox', async () => {
    const receiver = await startReceiver();
    try {
      const broken = { ...testMessage(), alerts: null } as unknown as Message;
      expect(await deliver({}, { type: 'slack', address: receiver.url }, broken, NOW)).toMatchObject({
        ok: false,
        retryable: true,
        error: expect.stringMatching(/^internal error: /),
      });
    } finally {
      await receiver.close();
    }
  });

  it('reports a channel that is not configured as final, for every type that needs settings', async () => {
    for (const [type, address] of [
      ['email', 'alice@example.com'],
      ['sms', '+14155550123'],
      ['voice', '+14155550123'],
    ] as const) {
      expect(await deliver({}, { type, address }, testMessage(), NOW)).toMatchObject({ ok: false, retryable: false });
    }
    expect(CHANNEL_TYPES).toEqual(['email', 'sms', 'voice', 'ntfy', 'slack', 'teams', 'webhook']);
  });
});
