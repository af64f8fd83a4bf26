import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { deliver } from './index.js';
import { testMessage } from './test-message.js';
import { RECEIVERS_ALLOWED, startReceiver, type Receiver } from './test-receiver.js';

/** The verification example in the README, run as written against a real delivery: documentation that cannot rot. */
const readme = readFileSync(new URL('../../../../../README.md', import.meta.url), 'utf8');
const example = /<!-- webhook-verify -->\s*```js\n([\s\S]*?)```/.exec(readme)?.[1];

type Verify = (secret: string, headers: Record<string, string | undefined>, rawBody: string, nowSeconds?: number) => boolean;

async function loadExample(): Promise<Verify> {
  const dir = mkdtempSync(path.join(tmpdir(), 'operable-readme-'));
  try {
    const file = path.join(dir, 'verify.mjs');
    writeFileSync(file, example!);
    return ((await import(pathToFileURL(file).href)) as { verifyOperable: Verify }).verifyOperable;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

let receiver: Receiver | undefined;
afterEach(async () => {
  await receiver?.close();
  receiver = undefined;
});

describe("the README's webhook verification example", () => {
  it('accepts a real delivery and refuses a changed body, a wrong secret and a replay', async () => {
    expect(example, 'README has the marked example').toBeTruthy();
    const verify = await loadExample();
    const now = new Date('2026-03-03T10:00:00Z');
    receiver = await startReceiver(() => ({ status: 204 }));
    expect(await deliver(RECEIVERS_ALLOWED, { type: 'webhook', address: receiver.url, secret: 'whsec_readme' }, testMessage(), now)).toEqual({ ok: true });
    const [req] = receiver.requests;
    const headers = req!.headers as Record<string, string>;
    const at = now.getTime() / 1000;
    expect(verify('whsec_readme', headers, req!.body, at)).toBe(true);
    expect(verify('whsec_readme', headers, req!.body.replace('"urgency":"high"', '"urgency":"low"'), at)).toBe(false);
    expect(verify('whsec_other', headers, req!.body, at)).toBe(false);
    expect(verify('whsec_readme', headers, req!.body, at + 301)).toBe(false);
    // During a secret rotation the header carries two signatures; either may match.
    expect(verify('whsec_readme', { ...headers, 'x-operable-signature': `v1=${'0'.repeat(64)}, ${headers['x-operable-signature']}` }, req!.body, at)).toBe(true);
  });
});
