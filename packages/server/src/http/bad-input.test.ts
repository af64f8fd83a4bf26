import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createWorld, snapshot, type World } from '../test-support/actors.js';
import { big, END, START } from '../test-support/bad-input/cases.js';
import { databaseKinds } from '../test-support/databases.js';
import { createHarness, type Harness } from '../test-support/harness.js';

/**
 * Bad input across every route of the OpenAPI document: malformed ids, the body
 * limit, garbage bodies. The per-route cases are in bad-input-*.test.ts.
 */
const PARAM_VALUES: Record<string, string> = { id: randomUUID(), userId: randomUUID(), overrideId: randomUUID(), shadowId: randomUUID(), eventId: 'HTTP_REQUEST', alertId: randomUUID(), serviceId: randomUUID(), itemId: randomUUID(), actionId: randomUUID(), entryId: '1', role: 'scribe', level: '2', key: 'summary', followUpId: randomUUID() };

/**
 * Routes that read no body and act on the caller alone: a signed-in call with any
 * garbage simply succeeds (and is audited), so only the anonymous call is sent.
 */
const TAKES_NO_INPUT = new Set(['/api/me/calendar-feed']);

const KINDS = await databaseKinds();

describe.each(KINDS)('bad input on %s', (kind) => {
  let h: Harness;
  let w: World;
  let doc: { paths: Record<string, Record<string, unknown>> };

  beforeAll(async () => {
    h = await createHarness(kind);
    w = await createWorld(h);
    doc = (await (await h.request('/api/openapi.json')).json()) as typeof doc;
  });
  afterAll(async () => {
    await h?.close();
  });

  it('rejects a malformed id in every path parameter of every route, naming path.<param>', async () => {
    const before = await snapshot(w.admin);
    const failures: string[] = [];
    let checked = 0;
    for (const [path, ops] of Object.entries(doc.paths)) {
      // Sender-facing paths carry keys, aliases and link tokens, not ids; ingest tests cover them.
      if (!path.startsWith('/api/')) continue;
      const params = [...path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]!);
      for (const method of Object.keys(ops)) {
        for (const bad of params) {
          // Required query parameters (a range) are valid, so the path is the only problem.
          const query = ((ops[method] as { parameters?: { in: string; name: string; required?: boolean }[] }).parameters ?? [])
            .filter((p) => p.in === 'query' && p.required)
            .map((p) => `${p.name}=${p.name === 'to' ? END : START}`);
          const url = path.replace(/\{(\w+)\}/g, (_, p: string) => (p === bad ? 'not-a-uuid' : PARAM_VALUES[p]!)) + (query.length ? `?${query.join('&')}` : '');
          const hasBody = !!(ops[method] as { requestBody?: unknown }).requestBody;
          const res = await h.request(url, { method: method.toUpperCase(), headers: await w.admin.headers('key'), ...(hasBody ? { json: {} } : {}) });
          const text = await res.text();
          const fields = res.status === 400 ? JSON.parse(text).error.details?.fields?.map((f: { field: string }) => f.field) : [];
          checked++;
          if (res.status !== 400 || JSON.stringify(fields) !== JSON.stringify([`path.${bad}`])) {
            failures.push(`${method.toUpperCase()} ${url}: ${res.status} ${text.slice(0, 200)}`);
          }
        }
      }
    }
    expect(checked).toBeGreaterThanOrEqual(12);
    expect(failures).toEqual([]);
    expect(await snapshot(w.admin)).toEqual(before);
  });

  it('honours OPERABLE_API_BODY_LIMIT to the byte, with or without Content-Length', async () => {
    const limit = 1500;
    const small = await createHarness(kind, { OPERABLE_API_BODY_LIMIT: String(limit) });
    try {
      const admin = (await createWorld(small)).admin;
      const body = (name: string, bytes: number) => {
        const empty = JSON.stringify({ name, description: '' });
        return JSON.stringify({ name, description: 'd'.repeat(bytes - empty.length) });
      };
      const post = async (json: string, withLength: boolean) =>
        small.request('/api/teams', {
          method: 'POST',
          body: json,
          headers: { ...(await admin.headers('key')), 'content-type': 'application/json', ...(withLength ? { 'content-length': String(json.length) } : {}) },
        });
      for (const withLength of [false, true]) {
        const before = await snapshot(admin);
        const over = await post(body(`over-${withLength}`, limit + 1), withLength);
        expect(over.status).toBe(413);
        expect(((await over.json()) as any).error.code).toBe('payload_too_large');
        expect(await snapshot(admin)).toEqual(before);
        expect((await post(body(`fits-${withLength}`, limit), withLength)).status).toBe(201);
      }
    } finally {
      await small.close();
    }
  });

  it('never answers 5xx to garbage on any mutating route, signed in or not', async () => {
    const garbage: [string, string][] = [
      ['{', 'application/json'],
      ['[]', 'application/json'],
      ['null', 'application/json'],
      ['"x"', 'application/json'],
      ['', 'application/json'],
      [JSON.stringify(big(1e6)), 'application/json'],
      [JSON.stringify({ name: big(1e6), email: big(1e6 / 4) }), 'application/json'],
      [`{"__proto__": {"role": "admin"}, "constructor": {"prototype": {"isAdmin": true}}}`, 'application/json'],
      ['['.repeat(50_000) + ']'.repeat(50_000), 'application/json'],
      [big(1e6), 'application/json'],
      ['\u0000\uffff\ud800', 'application/json; charset=utf-8'],
      [JSON.stringify({ email: 'a@b.test', password: big(1e6 - 100) }), 'application/json'],
      ['{"a":1}', 'application/vnd.api+json'],
      ['<x/>', 'application/xml'],
    ];
    const before = await snapshot(w.admin);
    const failures: string[] = [];
    for (const [path, ops] of Object.entries(doc.paths)) {
      for (const method of Object.keys(ops).filter((m) => ['post', 'put', 'patch', 'delete'].includes(m))) {
        for (const params of [PARAM_VALUES, { id: '%00', userId: '..', eventId: '__proto__' }]) {
          const url = path.replace(/\{(\w+)\}/g, (_, p: string) => params[p as keyof typeof params]!);
          for (const [body, type] of garbage) {
            const signedIn = TAKES_NO_INPUT.has(path) ? [] : [await w.admin.headers('key')];
            for (const auth of [...signedIn, {} as Record<string, string>]) {
              const res = await h.request(url, { method: method.toUpperCase(), headers: { ...auth, 'content-type': type }, body });
              if (res.status >= 500) failures.push(`${method.toUpperCase()} ${url} ${body.slice(0, 30)}: ${res.status} ${await res.text()}`);
              else await res.arrayBuffer();
            }
          }
        }
      }
    }
    expect(failures).toEqual([]);
    // Only DELETEs of random ids and sign-out could have got through; nothing existed to change.
    expect(await snapshot(w.admin)).toEqual(before);
  }, 120_000);
});
