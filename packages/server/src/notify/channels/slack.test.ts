import { afterEach, describe, expect, it } from 'vitest';
import { deliver } from './index.js';
import { testMessage } from './test-message.js';
import { startReceiver, type Receiver, RECEIVERS_ALLOWED } from './test-receiver.js';

const NOW = new Date('2026-03-03T10:00:00Z');

let receiver: Receiver | undefined;
afterEach(async () => {
  await receiver?.close();
  receiver = undefined;
});

describe('Slack incoming webhook', () => {
  it('posts text plus Block Kit header, section and URL buttons to the signed links', async () => {
    receiver = await startReceiver(() => ({ status: 200, body: 'ok' }));
    const message = testMessage();
    expect(await deliver(RECEIVERS_ALLOWED, { type: 'slack', address: `${receiver.url}/services/T000/B000/XXXX` }, message, NOW)).toEqual({ ok: true });

    const [req] = receiver.requests;
    expect(req?.method).toBe('POST');
    expect(req?.path).toBe('/services/T000/B000/XXXX');
    expect(req?.headers['content-type']).toBe('application/json; charset=utf-8');
    const payload = JSON.parse(req!.body);
    expect(payload.text).toBe('[HIGH] Checkout: High 5xx error rate');
    expect(payload.blocks[0]).toEqual({ type: 'header', text: { type: 'plain_text', text: message.title, emoji: true } });

    const section = payload.blocks[1];
    expect(section.type).toBe('section');
    expect(section.text.type).toBe('mrkdwn');
    // Slack's control characters are escaped, so the summary cannot form links or mentions.
    expect(section.text.text).toContain('High 5xx &lt;script&gt;alert("x")&lt;/script&gt; &amp; rising');
    expect(section.text.text).not.toContain('<script>');
    expect(section.text.text).toContain('<https://runbooks.example.com/checkout/5xx|Runbook>');
    expect(section.text.text).toContain('<https://operable.example.com/alerts/4|#4 High 5xx');

    expect(payload.blocks[2]).toEqual({
      type: 'actions',
      elements: [
        { type: 'button', action_id: 'acknowledge', text: { type: 'plain_text', text: 'Acknowledge', emoji: false }, url: message.actions.acknowledge, style: 'primary' },
        { type: 'button', action_id: 'resolve', text: { type: 'plain_text', text: 'Resolve', emoji: false }, url: message.actions.resolve },
        { type: 'button', action_id: 'open', text: { type: 'plain_text', text: 'Open in Operable', emoji: false }, url: message.actions.open },
      ],
    });
  });

  it('drops buttons whose URL is not http(s) and omits the actions block when none are left', async () => {
    receiver = await startReceiver();
    const message = testMessage({ actions: { acknowledge: 'javascript:alert(1)' }, alerts: [] });
    await deliver(RECEIVERS_ALLOWED, { type: 'slack', address: receiver.url }, message, NOW);
    const payload = JSON.parse(receiver.requests[0]!.body);
    expect(payload.blocks.map((b: { type: string }) => b.type)).toEqual(['header', 'section']);
  });

  it('keeps the section within Slack limits for a storm of alerts', async () => {
    receiver = await startReceiver();
    const base = testMessage().alerts[0]!;
    const alerts = Array.from({ length: 200 }, (_, i) => ({ ...base, id: `a${i}`, number: i + 1 }));
    await deliver(RECEIVERS_ALLOWED, { type: 'slack', address: receiver.url }, testMessage({ kind: 'bundle', alerts }), NOW);
    const section = JSON.parse(receiver.requests[0]!.body).blocks[1].text.text as string;
    expect(section.length).toBeLessThanOrEqual(3000);
    expect(section).toMatch(/…and \d+ more$/);
  });

  it('a revoked webhook (404 no_service) is not retried; a rate limit is', async () => {
    receiver = await startReceiver(() => ({ status: 404, body: 'no_service' }));
    expect(await deliver(RECEIVERS_ALLOWED, { type: 'slack', address: receiver.url }, testMessage(), NOW)).toMatchObject({
      ok: false,
      retryable: false,
      // Slack's own error word, from a fixed list: a receiver cannot put free text in the alert log.
      error: `${new URL(receiver.url).host}: HTTP 404 (no_service)`,
    });
    await receiver.close();
    receiver = await startReceiver(() => ({ status: 429, headers: { 'Retry-After': '30' }, body: 'rate_limited' }));
    expect(await deliver(RECEIVERS_ALLOWED, { type: 'slack', address: receiver.url }, testMessage(), NOW)).toMatchObject({
      ok: false,
      retryable: true,
      retryAfterSeconds: 30,
    });
  });

  it('never puts the webhook URL (a secret) in the error', async () => {
    receiver = await startReceiver(() => ({ status: 500 }));
    const result = await deliver(RECEIVERS_ALLOWED, { type: 'slack', address: `${receiver.url}/services/T1/B1/secret-part` }, testMessage(), NOW);
    expect(result.ok).toBe(false);
    expect(JSON.stringify(result)).not.toContain('secret-part');
  });
});
