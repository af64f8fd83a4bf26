import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createWorld, snapshot, type TestUser, type World } from '../actors.js';
import { databaseKinds } from '../databases.js';
import { createHarness, type Harness } from '../harness.js';

/**
 * Bad input never reaches a verb: each case answers the documented status and
 * code, names the offending fields, and leaves the stored state exactly as it was.
 * The cases are split by theme beside this file; http/bad-input*.test.ts run them.
 */
export type As = 'admin' | 'viewer' | 'responder' | 'anonymous';

export interface Case {
  name: string;
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  path: (w: World) => string;
  /** JSON-encoded and sent as application/json. */
  json?: unknown;
  /** A JSON body that names the world's things (its services). */
  bodyOf?: (w: World) => unknown;
  /** Sent as-is (with `contentType`, default application/json). */
  raw?: string;
  contentType?: string | null;
  /** Send Content-Length as a real HTTP client would (in-process requests have none by default). */
  contentLength?: boolean;
  as?: As;
  status: number;
  code: string;
  /** Exactly the fields `details.fields` must name (order aside). */
  fields?: string[];
}

export const LIMIT = 1024 * 1024;
export const START = '2026-03-03T11:00:00Z';
export const END = '2026-03-03T12:00:00Z';
export const big = (n = LIMIT + 1) => 'x'.repeat(n);
export const user = (w: World) => `/api/users/${w.bystander.id}`;

export const invalid = (fields: string[]) => ({ status: 400, code: 'validation_failed', fields });
export const v = (name: string, method: Case['method'], path: Case['path'], json: unknown, as: As, fields: string[]): Case => ({ name, method, path, json, as, ...invalid(fields) });
export const q = (name: string, path: string, fields: string[], as: As = 'admin'): Case => ({ name, method: 'GET', path: () => path, as, ...invalid(fields) });

const KINDS = await databaseKinds();

/** One world per database kind; each case must be refused as it says, with nothing written. */
export function describeBadInput(theme: string, cases: Case[]) {
  describe.each(KINDS)(`bad input (${theme}) on %s`, (kind) => {
    let h: Harness;
    let w: World;

    beforeAll(async () => {
      h = await createHarness(kind);
      w = await createWorld(h);
    });
    afterAll(async () => {
      await h?.close();
    });

    const who = (as: As): TestUser | null => (as === 'anonymous' ? null : w[as]);

    async function run(c: Case) {
      const headers: Record<string, string> = { ...(await who(c.as ?? 'admin')?.headers('key')) };
      let body: string | undefined = c.raw ?? (c.bodyOf ? JSON.stringify(c.bodyOf(w)) : c.json !== undefined ? JSON.stringify(c.json) : undefined);
      const type = c.contentType === undefined ? (body !== undefined ? 'application/json' : null) : c.contentType;
      if (type) headers['content-type'] = type;
      if (c.contentLength && body !== undefined) headers['content-length'] = String(Buffer.byteLength(body));
      if (c.method === 'GET') body = undefined;
      return h.request(c.path(w), { method: c.method, headers, body });
    }

    it.each(cases.map((c) => [c.name, c] as const))('%s', async (_name, c) => {
      const before = await snapshot(w.admin);
      const res = await run(c);
      const text = await res.text();
      expect(res.status, text).toBe(c.status);
      const body = JSON.parse(text);
      expect(body.error.code).toBe(c.code);
      expect(typeof body.error.message).toBe('string');
      if (c.fields) {
        const named = new Set((body.error.details?.fields ?? []).map((f: { field: string }) => f.field));
        expect([...named].sort(), text).toEqual([...c.fields].sort());
        for (const f of body.error.details.fields) expect(typeof f.message).toBe('string');
      }
      expect(await snapshot(w.admin), 'nothing was written').toEqual(before);
    }, 120_000); // a replay case builds the scratch template on its first call
  });
}
