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

describe('Microsoft Teams incoming webhook', () => {
  it('posts an Adaptive Card with OpenUrl actions to the signed links', async () => {
    receiver = await startReceiver(() => ({ status: 202 }));
    const message = testMessage();
    expect(await deliver(RECEIVERS_ALLOWED, { type: 'teams', address: `${receiver.url}/workflows/abc/triggers/manual/paths/invoke?sig=x` }, message, NOW)).toEqual({ ok: true });

    const [req] = receiver.requests;
    expect(req?.method).toBe('POST');
    expect(req?.path).toBe('/workflows/abc/triggers/manual/paths/invoke?sig=x');
    expect(req?.headers['content-type']).toBe('application/json; charset=utf-8');
    const payload = JSON.parse(req!.body);
    expect(payload.type).toBe('message');
    expect(payload.attachments).toHaveLength(1);
    expect(payload.attachments[0].contentType).toBe('application/vnd.microsoft.card.adaptive');
    const card = payload.attachments[0].content;
    expect(card).toMatchObject({ type: 'AdaptiveCard', version: '1.4', fallbackText: message.title });
    expect(card.body[0].inlines[0]).toMatchObject({ type: 'TextRun', text: message.title, weight: 'Bolder', color: 'Attention' });
    expect(card.actions).toEqual([
      { type: 'Action.OpenUrl', title: 'Acknowledge', url: message.actions.acknowledge, style: 'positive' },
      { type: 'Action.OpenUrl', title: 'Resolve', url: message.actions.resolve },
      { type: 'Action.OpenUrl', title: 'Open in Operable', url: message.actions.open },
    ]);
    // User text travels in TextRuns, which Teams renders literally (no markdown, no HTML).
    const alertRuns = card.body[2].inlines;
    expect(alertRuns[0]).toMatchObject({
      text: '#4 High 5xx <script>alert("x")</script> & rising',
      selectAction: { type: 'Action.OpenUrl', url: 'https://operable.example.com/alerts/4' },
    });
    expect(alertRuns.at(-1)).toMatchObject({ text: 'Runbook', selectAction: { url: 'https://runbooks.example.com/checkout/5xx' } });
  });

  it('reads the failure that legacy connectors report inside a 200', async () => {
    receiver = await startReceiver(() => ({
      status: 200,
      body: 'Webhook message delivery failed with error: Microsoft Teams endpoint returned HTTP error 429 with ContextId abc',
    }));
    expect(await deliver(RECEIVERS_ALLOWED, { type: 'teams', address: receiver.url }, testMessage(), NOW)).toEqual({
      ok: false,
      retryable: true,
      error: `${new URL(receiver.url).host}: Teams could not deliver (HTTP error 429)`,
      detail: { responseBody: expect.stringContaining('ContextId abc') },
    });
    await receiver.close();
    receiver = await startReceiver(() => ({
      status: 200,
      body: 'Webhook message delivery failed with error: Microsoft Teams endpoint returned HTTP error 400 with ContextId abc',
    }));
    expect(await deliver(RECEIVERS_ALLOWED, { type: 'teams', address: receiver.url }, testMessage(), NOW)).toMatchObject({ ok: false, retryable: false });
  });

  it('classifies HTTP errors like every channel', async () => {
    receiver = await startReceiver(() => ({ status: 500 }));
    expect(await deliver(RECEIVERS_ALLOWED, { type: 'teams', address: receiver.url }, testMessage(), NOW)).toMatchObject({ ok: false, retryable: true });
  });
});
