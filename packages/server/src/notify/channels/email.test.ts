import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { afterEach, describe, expect, it } from 'vitest';
import { closeEmailTransports, deliver, type ChannelsConfig } from './index.js';
import { testMessage } from './test-message.js';
import { closedPortUrl } from './test-receiver.js';

const NOW = new Date('2026-03-03T10:00:00Z');
const TO = { type: 'email' as const, address: 'alice@example.com' };

interface Received {
  from: string;
  to: string[];
  raw: string;
}

interface SmtpReceiver {
  port: number;
  messages: Received[];
  connections: number;
  logins: string[];
  close(): Promise<void>;
}

/** A real SMTP server on 127.0.0.1; `rcpt` may refuse a recipient with an SMTP reply code. */
async function startSmtp(rcpt: (address: string) => { code: number; text: string } | null = () => null): Promise<SmtpReceiver> {
  const receiver: SmtpReceiver = { port: 0, messages: [], connections: 0, logins: [], close: async () => undefined };
  const server = new SMTPServer({
    authOptional: true,
    allowInsecureAuth: true,
    disabledCommands: ['STARTTLS'],
    disableReverseLookup: true,
    logger: false,
    onConnect(_session, callback) {
      receiver.connections += 1;
      callback();
    },
    onAuth(auth, _session, callback) {
      receiver.logins.push(`${auth.username}:${auth.password}`);
      callback(null, { user: auth.username });
    },
    onRcptTo(address, _session, callback) {
      const refusal = rcpt(address.address);
      if (!refusal) return callback();
      callback(Object.assign(new Error(refusal.text), { responseCode: refusal.code }));
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        receiver.messages.push({
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
          to: session.envelope.rcptTo.map((r) => r.address),
          raw: Buffer.concat(chunks).toString('utf8'),
        });
        callback(null, 'Ok: queued as Q1W2E3');
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  receiver.port = (server.server.address() as AddressInfo).port;
  receiver.close = () => new Promise<void>((resolve) => server.close(() => resolve()));
  return receiver;
}

/** Minimal MIME reading: top-level headers, and each part of a multipart body decoded by its transfer encoding. */
function parseMail(raw: string): { headers: Record<string, string>; parts: Record<string, string> } {
  const [head = '', ...rest] = raw.split(/\r?\n\r?\n/);
  const headerMap = (block: string) =>
    Object.fromEntries(
      block
        .replace(/\r?\n[ \t]+/g, ' ')
        .split(/\r?\n/)
        .map((line) => [line.slice(0, line.indexOf(':')).toLowerCase(), line.slice(line.indexOf(':') + 1).trim()]),
    );
  const headers = headerMap(head);
  const boundary = /boundary="?([^";]+)"?/.exec(headers['content-type'] ?? '')?.[1];
  const parts: Record<string, string> = {};
  for (const chunk of rest.join('\n\n').split(`--${boundary}`).slice(1, -1)) {
    const [partHead = '', ...partBody] = chunk.replace(/^\r?\n/, '').split(/\r?\n\r?\n/);
    const h = headerMap(partHead);
    const body = partBody.join('\n\n');
    const decoded = /base64/i.test(h['content-transfer-encoding'] ?? '')
      ? Buffer.from(body, 'base64').toString('utf8')
      : Buffer.from(body.replace(/=\r?\n/g, '').replace(/=([0-9A-F]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16))), 'latin1').toString('utf8');
    parts[(h['content-type'] ?? '').split(';')[0]!] = decoded;
  }
  return { headers, parts };
}

let smtp: SmtpReceiver | undefined;
afterEach(async () => {
  closeEmailTransports();
  await smtp?.close();
  smtp = undefined;
});

const config = (port: number, auth = ''): ChannelsConfig => ({
  smtp: { url: `smtp://${auth}127.0.0.1:${port}`, from: 'Operable <oncall@ops.example.com>' },
});

describe('email over SMTP', () => {
  it('sends text and HTML parts with trace header and a Message-ID derived from the message id', async () => {
    smtp = await startSmtp();
    const message = testMessage();
    const result = await deliver(config(smtp.port), TO, message, NOW);
    expect(result).toEqual({ ok: true, providerId: 'Q1W2E3' });

    const [mail] = smtp.messages;
    expect(mail?.from).toBe('oncall@ops.example.com');
    expect(mail?.to).toEqual(['alice@example.com']);
    const { headers, parts } = parseMail(mail!.raw);
    expect(headers['subject']).toBe('[HIGH] Checkout: High 5xx error rate');
    expect(headers['x-operable-trace-id']).toBe('trace-5f0c9b2a');
    expect(headers['x-operable-delivery']).toBe(message.id);
    expect(headers['message-id']).toBe(`<operable.${message.id}@ops.example.com>`);
    expect(headers['auto-submitted']).toBe('auto-generated');
    expect(headers['importance']?.toLowerCase()).toBe('high');
    expect(headers['content-type']).toMatch(/^multipart\/alternative/);

    const text = parts['text/plain']!;
    expect(text).toContain('#4 Checkout: High 5xx <script>alert("x")</script> & rising (triggered)');
    expect(text).toContain(`Acknowledge: ${message.actions.acknowledge}`);
    expect(text).toContain(`Resolve: ${message.actions.resolve}`);
    expect(text).toContain('Runbook: https://runbooks.example.com/checkout/5xx');

    const html = parts['text/html']!;
    expect(html).not.toContain('<script>');
    expect(html).toContain('#4 High 5xx &#60;script&#62;alert(&#34;x&#34;)&#60;/script&#62; &#38; rising');
    expect(html).toMatch(new RegExp(`<a href="${message.actions.acknowledge!.replace(/[.?]/g, '\\$&')}" style="[^"]+">Acknowledge</a>`));
    expect(html).toMatch(/<a href="[^"]+" style="[^"]+">Resolve<\/a>/);
    expect(html).toMatch(/<a href="https:\/\/operable\.example\.com\/alerts\/4" style="[^"]+">Open in Operable<\/a>/);
    expect(html).toContain('<a href="https://runbooks.example.com/checkout/5xx" style="color:#1d4ed8">Open the runbook</a>');
    expect(html).toContain('<html lang="en">');
  });

  it('gives a retry of the same outbox row the same Message-ID', async () => {
    smtp = await startSmtp();
    await deliver(config(smtp.port), TO, testMessage(), NOW);
    await deliver(config(smtp.port), TO, testMessage(), NOW);
    await deliver(config(smtp.port), TO, testMessage({ id: 'another-row' }), NOW);
    const ids = smtp.messages.map((m) => parseMail(m.raw).headers['message-id']);
    expect(ids[0]).toBe(ids[1]);
    expect(ids[2]).toBe('<operable.another-row@ops.example.com>');
  });

  it('reuses one pooled connection for the same SMTP URL and logs in with the URL credentials', async () => {
    smtp = await startSmtp();
    const cfg = config(smtp.port, 'alerts%40ops:p%40ss:word@');
    await deliver(cfg, TO, testMessage(), NOW);
    await deliver(cfg, TO, testMessage(), NOW);
    expect(smtp.messages).toHaveLength(2);
    expect(smtp.connections).toBe(1);
    expect(smtp.logins).toEqual(['alerts@ops:p@ss:word']);
  });

  it('SMTP 4xx is retryable, 5xx is not', async () => {
    smtp = await startSmtp((address) =>
      address.startsWith('busy') ? { code: 450, text: 'Mailbox busy, try later' } : { code: 550, text: 'No such user' },
    );
    expect(await deliver(config(smtp.port), { type: 'email', address: 'busy@example.com' }, testMessage(), NOW)).toEqual({
      ok: false,
      retryable: true,
      error: expect.stringMatching(/^SMTP 450: .*Mailbox busy/),
    });
    expect(await deliver(config(smtp.port), { type: 'email', address: 'ghost@example.com' }, testMessage(), NOW)).toEqual({
      ok: false,
      retryable: false,
      error: expect.stringMatching(/^SMTP 550: .*No such user/),
    });
  });

  it('an unreachable server is retryable; missing SMTP settings or a bad address are not', async () => {
    const port = Number(new URL(await closedPortUrl()).port);
    expect(await deliver(config(port), TO, testMessage(), NOW)).toMatchObject({ ok: false, retryable: true });
    expect(await deliver({}, TO, testMessage(), NOW)).toMatchObject({ ok: false, retryable: false });
    expect(await deliver(config(port), { type: 'email', address: 'a@b.com, c@d.com' }, testMessage(), NOW)).toMatchObject({
      ok: false,
      retryable: false,
    });
  });
});
