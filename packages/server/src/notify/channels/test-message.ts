import type { Message } from './types.js';

/** Test helper: a realistic alert message whose summary tries to inject markup. */
export function testMessage(overrides: Partial<Message> = {}): Message {
  return {
    id: '7d4a7c1e-2b1f-4c55-9a57-0e2f4b3c9d10',
    kind: 'alert',
    title: '[HIGH] Checkout: High 5xx error rate',
    text: 'Error rate is 12% over 5 minutes. Check the last deploy first.\n\nRunbook: https://runbooks.example.com/checkout/5xx',
    urgency: 'high',
    alerts: [
      {
        id: '0b7c2f1e-7a51-4d7e-9a3f-6c1d2e3f4a5b',
        number: 4,
        summary: 'High 5xx <script>alert("x")</script> & rising',
        service: 'Checkout',
        status: 'triggered',
        url: 'https://operable.example.com/alerts/4',
        runbookUrl: 'https://runbooks.example.com/checkout/5xx',
      },
    ],
    actions: {
      acknowledge: 'https://operable.example.com/a/ack?t=eyJhIjoiYWNr.sig-ack',
      resolve: 'https://operable.example.com/a/resolve?t=eyJhIjoicmVz.sig-res',
      open: 'https://operable.example.com/alerts/4',
    },
    replyCode: 'Reply 4A to acknowledge, 4R to resolve',
    traceId: 'trace-5f0c9b2a',
    ...overrides,
  };
}
