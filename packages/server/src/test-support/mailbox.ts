import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll } from 'vitest';
import type { DatabaseKind } from './databases.js';
import { createHarness, type Harness } from './harness.js';

export interface Mail {
  to: string[];
  raw: string;
  /** Body text with quoted-printable soft breaks and escapes undone, good enough to find links. */
  text: string;
}

/** A real SMTP server on 127.0.0.1 that keeps what it receives. */
export interface Mailbox {
  url: string;
  mails: Mail[];
  to(address: string): Mail[];
  close(): Promise<void>;
}

export async function startMailbox(): Promise<Mailbox> {
  const mails: Mail[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        const raw = Buffer.concat(chunks).toString('utf8');
        const text = raw.replace(/=\r?\n/g, '').replace(/=([0-9A-F]{2})/g, (_, h: string) => String.fromCharCode(parseInt(h, 16)));
        mails.push({ to: session.envelope.rcptTo.map((r) => r.address), raw, text });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.server.address() as { port: number }).port;
  return {
    url: `smtp://127.0.0.1:${port}`,
    mails,
    to: (address) => mails.filter((m) => m.to.includes(address)),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** The signed action links in a message, by action. */
export function actionLinks(mail: Mail): { acknowledge?: string; resolve?: string } {
  const links = [...new Set(mail.text.match(/https?:\/\/[^\s"'<>]+\/a\/[A-Za-z0-9._~-]+/g) ?? [])];
  // Messages list acknowledge before resolve.
  return { acknowledge: links[0], resolve: links[1] };
}

/** Registers beforeAll/afterAll for a harness whose email goes to a fresh local mailbox. */
export function useMailboxHarness(kind: DatabaseKind, env: Record<string, string> = {}) {
  const t = {} as { h: Harness; mailbox: Mailbox; run(): Promise<number> };
  beforeAll(async () => {
    t.mailbox = await startMailbox();
    t.h = await createHarness(kind, { OPERABLE_SMTP_URL: t.mailbox.url, ...env });
    t.run = () => t.h.operable.engine.runUntilIdle();
  });
  afterAll(async () => {
    await t.h?.close();
    await t.mailbox?.close();
  });
  return t;
}
