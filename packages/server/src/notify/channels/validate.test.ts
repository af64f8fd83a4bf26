import { describe, expect, it } from 'vitest';
import { parseRetryAfter } from './http.js';
import { outboundPolicy, type Resolver } from '../../lib/outbound.js';
import { destinationProblem, INTERNAL_ADDRESS_MESSAGE, validateTarget, type ChannelType } from './index.js';

describe('validateTarget', () => {
  it.each([
    ['email', 'alice@example.com'],
    ['email', 'first.last+oncall@mail.example.co.uk'],
    ['sms', '+14155550123'],
    ['voice', '+447911123456'],
    ['ntfy', 'oncall-alice_42'],
    ['webhook', 'https://hooks.example.com/operable?x=1'],
    ['webhook', 'http://10.0.0.5:8080/hook'],
    ['slack', 'https://hooks.slack.com/services/T000/B000/XXXX'],
    ['teams', 'https://prod-00.westeurope.logic.azure.com/workflows/abc/triggers/manual/paths/invoke'],
  ] as [ChannelType, string][])('%s accepts %s', (type, address) => {
    expect(validateTarget(type, address)).toBeNull();
  });

  it.each([
    ['email', 'alice'],
    ['email', 'alice@localhost'],
    ['email', 'a@b.com, c@d.com'],
    ['email', '"a@b"@example.com'],
    ['email', 'alice@exa_mple.com'],
    ['email', `${'a'.repeat(250)}@example.com`],
    ['email', ' alice@example.com'],
    ['sms', '4155550123'],
    ['sms', '+1 415 555 0123'],
    ['sms', '+04155550123'],
    ['voice', '+12345'],
    ['voice', '+1234567890123456'],
    ['ntfy', ''],
    ['ntfy', 'has space'],
    ['ntfy', 'a/b'],
    ['ntfy', 'x'.repeat(65)],
    ['webhook', 'hooks.example.com/x'],
    ['webhook', 'ftp://example.com/x'],
    ['slack', 'javascript:alert(1)'],
    ['teams', `https://example.com/${'x'.repeat(2048)}`],
    ['pager' as ChannelType, 'x'],
  ] as [ChannelType, string][])('%s rejects %j with a message', (type, address) => {
    expect(validateTarget(type, address)).toEqual(expect.any(String));
  });

  it('explains the phone format with an example', () => {
    expect(validateTarget('sms', '0415 555 0123')).toContain('+14155550123');
  });
});

describe('destinationProblem (the save-time outbound check)', () => {
  let asked: string[] = [];
  const dns: Resolver = async (host) => {
    asked.push(host);
    return [{ address: host === 'inside.example' ? '10.0.0.9' : '93.184.215.14', family: 4 }];
  };
  const policy = outboundPolicy(undefined, dns);

  it('refuses user-given URLs that point inside, with the message for the person and the refusal for the log', async () => {
    for (const type of ['webhook', 'slack', 'teams'] as const) {
      expect(await destinationProblem(policy, type, 'https://inside.example/x')).toEqual({
        message: INTERNAL_ADDRESS_MESSAGE,
        refusal: { host: 'inside.example', address: '10.0.0.9', range: 'private' },
      });
      expect(await destinationProblem(policy, type, 'http://[::1]/')).toMatchObject({ refusal: { range: 'loopback' } });
      expect(await destinationProblem(policy, type, 'https://hooks.example/x')).toBeNull();
    }
  });

  it('leaves addresses that are not URLs alone, without asking DNS (their servers are admin-configured)', async () => {
    asked = [];
    for (const [type, address] of [['email', 'a@inside.example'], ['ntfy', 'inside'], ['sms', '+14155550123'], ['voice', '+14155550123']] as const) {
      expect(await destinationProblem(policy, type, address)).toBeNull();
    }
    expect(asked).toEqual([]);
  });
});

describe('Retry-After', () => {
  const now = new Date('2026-03-03T10:00:00Z');
  it('reads seconds, HTTP dates against now, and ignores nonsense', () => {
    expect(parseRetryAfter('7', now)).toBe(7);
    expect(parseRetryAfter(' 120 ', now)).toBe(120);
    expect(parseRetryAfter('Tue, 03 Mar 2026 10:01:30 GMT', now)).toBe(90);
    expect(parseRetryAfter('Tue, 03 Mar 2026 09:00:00 GMT', now)).toBe(0);
    expect(parseRetryAfter('soon', now)).toBeUndefined();
    expect(parseRetryAfter('-5', now)).toBeUndefined();
    expect(parseRetryAfter(null, now)).toBeUndefined();
  });
});
