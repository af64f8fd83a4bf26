import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { deliver, twilioSignature, verifyTwilioSignature, type ChannelsConfig } from './index.js';
import { testMessage } from './test-message.js';
import { closedPortUrl, startReceiver, type Receiver } from './test-receiver.js';
import { SMS_MAX_CHARS, smsBody, voiceActionUrl, voiceTwiml } from './twilio.js';

const NOW = new Date('2026-03-03T10:00:00Z');
const SID = 'AC0123456789abcdef0123456789abcdef';
const TOKEN = 'auth-token-for-tests';
const FROM = '+15005550006';

let receiver: Receiver | undefined;
afterEach(async () => {
  await receiver?.close();
  receiver = undefined;
});

const config = (baseUrl: string): ChannelsConfig => ({ twilio: { baseUrl, accountSid: SID, authToken: TOKEN, from: FROM } });
const created = (sid: string) => () => ({ status: 201, headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ sid, status: 'queued' }) });

describe('Twilio SMS', () => {
  it('POSTs To, From and Body form-encoded to the Messages resource with basic auth', async () => {
    receiver = await startReceiver(created('SM0123456789abcdef0123456789abcdef'));
    const result = await deliver(config(receiver.url), { type: 'sms', address: '+14155550123' }, testMessage(), NOW);
    expect(result).toEqual({ ok: true, providerId: 'SM0123456789abcdef0123456789abcdef' });

    const [req] = receiver.requests;
    expect(req?.method).toBe('POST');
    expect(req?.path).toBe(`/2010-04-01/Accounts/${SID}/Messages.json`);
    expect(req?.headers['content-type']).toBe('application/x-www-form-urlencoded');
    expect(req?.headers.authorization).toBe(`Basic ${Buffer.from(`${SID}:${TOKEN}`).toString('base64')}`);
    const form = Object.fromEntries(new URLSearchParams(req!.body));
    expect(Object.keys(form).sort()).toEqual(['Body', 'From', 'To']);
    expect(form.To).toBe('+14155550123');
    expect(form.From).toBe(FROM);
    expect(form.Body).toContain('[HIGH] Checkout: High 5xx error rate');
    expect(form.Body).toContain('Reply 4A to acknowledge, 4R to resolve');
    expect(Array.from(form.Body!).length).toBeLessThanOrEqual(SMS_MAX_CHARS);
  });

  it('classifies Twilio errors: 400 invalid number is final, 429 and 5xx are retried', async () => {
    receiver = await startReceiver(() => ({
      status: 400,
      body: JSON.stringify({ code: 21211, message: "The 'To' number +1415 is not a valid phone number.", status: 400 }),
    }));
    expect(await deliver(config(receiver.url), { type: 'sms', address: '+14155550123' }, testMessage(), NOW)).toMatchObject({
      ok: false,
      retryable: false,
      error: `${new URL(receiver.url).host}: HTTP 400, Twilio error 21211`,
      // Twilio's message names the number: server log only.
      detail: { status: 400, responseBody: expect.stringContaining('not a valid phone number') },
    });
    for (const status of [429, 500, 503]) {
      await receiver.close();
      receiver = await startReceiver(() => ({ status, body: JSON.stringify({ code: 20429, message: 'Too Many Requests' }) }));
      expect(await deliver(config(receiver.url), { type: 'sms', address: '+14155550123' }, testMessage(), NOW)).toMatchObject({ ok: false, retryable: true });
    }
  });

  it('a refused connection is retried; a missing account is a configuration error', async () => {
    expect(await deliver(config(await closedPortUrl()), { type: 'sms', address: '+14155550123' }, testMessage(), NOW)).toMatchObject({
      ok: false,
      retryable: true,
    });
    expect(await deliver({}, { type: 'sms', address: '+14155550123' }, testMessage(), NOW)).toMatchObject({ ok: false, retryable: false });
  });

  it('bodies always fit 320 characters and always keep the reply code', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 600 }), fc.string({ maxLength: 600 }), fc.integer({ min: 1, max: 1e9 }), (title, text, n) => {
        const replyCode = `Reply ${n}A to acknowledge, ${n}R to resolve`;
        const body = smsBody(testMessage({ title, text, replyCode }));
        expect(Array.from(body).length).toBeLessThanOrEqual(SMS_MAX_CHARS);
        expect(body).toContain(replyCode);
      }),
    );
  });

  it('a verification text keeps its code even without a reply code', () => {
    const body = smsBody(testMessage({ kind: 'verification', title: 'Operable verification', text: 'Your code is 493021.', replyCode: undefined, actions: {} }));
    expect(body).toBe('Operable verification\nYour code is 493021.');
  });
});

describe('Twilio voice', () => {
  it('POSTs To, From and escaped TwiML that says the summary twice and how to acknowledge', async () => {
    receiver = await startReceiver(created('CA0123456789abcdef0123456789abcdef'));
    const result = await deliver(config(receiver.url), { type: 'voice', address: '+14155550123' }, testMessage(), NOW);
    expect(result).toEqual({ ok: true, providerId: 'CA0123456789abcdef0123456789abcdef' });

    const [req] = receiver.requests;
    expect(req?.path).toBe(`/2010-04-01/Accounts/${SID}/Calls.json`);
    expect(req?.headers.authorization).toBe(`Basic ${Buffer.from(`${SID}:${TOKEN}`).toString('base64')}`);
    const form = Object.fromEntries(new URLSearchParams(req!.body));
    expect(Object.keys(form).sort()).toEqual(['From', 'To', 'Twiml']);
    expect(form.To).toBe('+14155550123');
    expect(form.From).toBe(FROM);
    const twiml = form.Twiml!;
    expect(twiml).toMatch(/^<Response><Say>.*<\/Say><\/Response>$/);
    expect(twiml).not.toContain('<script>');
    const summary = 'High 5xx &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; rising';
    expect(twiml.split(summary)).toHaveLength(3);
    expect(twiml).toContain('Reply 4 A to acknowledge, 4 R to resolve, by text message.');
    expect(twiml).toContain('open the acknowledge link');
    expect(twiml.length).toBeLessThan(4000);
  });
});

describe('Twilio voice keys', () => {
  const links = { acknowledge: 'https://ops.example.com/a/tok.ack-1', resolve: 'https://ops.example.com/a/tok.res-2', open: 'https://ops.example.com/alerts/4' };

  it('gathers one key while the message is read: 1 acknowledges, 2 resolves, through the call’s own links', () => {
    const twiml = voiceTwiml(testMessage({ actions: links }));
    const action = 'https://ops.example.com/ingest/twilio/voice?acknowledge=tok.ack-1&amp;resolve=tok.res-2';
    expect(twiml).toMatch(new RegExp(`^<Response><Gather numDigits="1" timeout="8" method="POST" action="${action.replace(/[.?]/g, '\\$&')}"><Say>`));
    expect(twiml).toContain('<Say>Press 1 to acknowledge. Press 2 to resolve.</Say></Gather>');
    // Said twice inside the gather, so a key works from the first word; the fallback after it.
    expect(twiml.split('</Gather>')[0]!.split('High 5xx')).toHaveLength(3);
    expect(twiml.split('</Gather>')[1]).toContain('Reply 4 A to acknowledge');
  });

  it('a capped bundle is read out with the number of alerts it stands for, not the 20 it lists', () => {
    const listed = Array.from({ length: 20 }, (_, i) => ({ ...testMessage().alerts[0]!, id: `a${i}`, number: i + 1 }));
    expect(voiceTwiml(testMessage({ kind: 'bundle', alerts: listed, total: 200 }))).toContain('This is Operable with 200 high urgency alerts');
    expect(voiceTwiml(testMessage({ kind: 'bundle', alerts: listed.slice(0, 3) }))).toContain('This is Operable with 3 high urgency alerts');
  });

  it('offers no keys without links, or when the links are not Operable’s own action links', () => {
    expect(voiceActionUrl(testMessage({ actions: { open: links.open } }))).toBeNull();
    expect(voiceActionUrl(testMessage())).toBeNull();
    expect(voiceActionUrl(testMessage({ actions: { ...links, resolve: 'https://elsewhere.example.com/a/tok.res-2' } }))).toBeNull();
    expect(voiceTwiml(testMessage({ actions: {} }))).not.toContain('<Gather');
    expect(voiceActionUrl(testMessage({ actions: { ...links, acknowledge: 'https://ops.example.com/base/a/t1', resolve: 'https://ops.example.com/base/a/t2' } }))).toBe(
      'https://ops.example.com/base/ingest/twilio/voice?acknowledge=t1&resolve=t2',
    );
  });
});

describe('Twilio inbound signatures', () => {
  // The example from Twilio's security documentation.
  const url = 'https://mycompany.com/myapp.php?foo=1&bar=2';
  const params = { CallSid: 'CA1234567890ABCDE', Caller: '+14158675309', Digits: '1234', From: '+14158675309', To: '+18005551212' };

  it("match Twilio's documented example", () => {
    expect(twilioSignature('12345', url, params)).toBe('RSOYDt4T1cUTdK1PDd93/VVr8B8=');
    expect(verifyTwilioSignature('12345', url, params, 'RSOYDt4T1cUTdK1PDd93/VVr8B8=')).toBe(true);
  });

  it('reject another token, URL, parameter value or a missing header', () => {
    const sig = twilioSignature(TOKEN, url, params);
    expect(verifyTwilioSignature('other', url, params, sig)).toBe(false);
    expect(verifyTwilioSignature(TOKEN, `${url}&baz=3`, params, sig)).toBe(false);
    expect(verifyTwilioSignature(TOKEN, url, { ...params, Digits: '1235' }, sig)).toBe(false);
    expect(verifyTwilioSignature(TOKEN, url, params, undefined)).toBe(false);
    expect(verifyTwilioSignature(TOKEN, url, params, 'short')).toBe(false);
  });

  it('do not depend on parameter order', () => {
    fc.assert(
      fc.property(fc.dictionary(fc.string({ minLength: 1 }), fc.string()), (p) => {
        const reversed = Object.fromEntries(Object.entries(p).reverse());
        expect(verifyTwilioSignature(TOKEN, url, reversed, twilioSignature(TOKEN, url, p))).toBe(true);
      }),
    );
  });
});
