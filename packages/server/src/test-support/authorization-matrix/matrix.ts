import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createWorld, type AuthMode, type TestUser, type World } from '../actors.js';
import { databaseKinds } from '../databases.js';
import { createHarness, type Harness } from '../harness.js';

/**
 * One row per route: the status each kind of caller gets. A new route in the
 * OpenAPI document fails the coverage test (http/authorization-matrix.test.ts) until
 * it has a row in one of the theme modules beside this file.
 *
 * Columns: `anonymous` sends no credentials; `viewer`, `responder` (member of team
 * A) and `admin` act on team A's things; `outsider` is the same responder acting on
 * team B's things (or on someone else's API key). Every signed-in column is sent
 * twice, with the user's API key (Bearer) and with their session cookie + CSRF token.
 */
export type Column = 'anonymous' | 'viewer' | 'responder' | 'outsider' | 'admin';
export type Expect = Record<Column, number>;
export type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export interface Call {
  w: World;
  column: Column;
  /** Who is acting (for `anonymous`: nobody; targets default to team A then). */
  actor: TestUser | null;
  mode: AuthMode | 'none';
}

export interface Prepared {
  params?: Record<string, string>;
  /** Query string without the `?`. */
  query?: string;
  body?: unknown;
  headers?: Record<string, string>;
}

export interface Row {
  method: Method;
  /** The path as the OpenAPI document spells it. */
  path: string;
  expect: Expect;
  /** Overrides when authenticated by API key instead of the session cookie. */
  viaKey?: Partial<Expect>;
  /** Path params, body and extra headers for one request (may create fresh targets first). */
  prepare?: (call: Call) => Promise<Prepared> | Prepared;
  /** Sender-facing: authenticated by an integration key, so user credentials and CSRF do not apply. */
  integrationKey?: boolean;
  /** The request ends the session it is sent with: cookie calls get a throw-away one. */
  endsOwnSession?: boolean;
  /** The request ends every session of the actor (password change). */
  endsAllSessions?: boolean;
}


export const all = (status: number): Expect => ({ anonymous: status, viewer: status, responder: status, outsider: status, admin: status });
export const signedIn = (status: number): Expect => ({ ...all(status), anonymous: 401 });
export const adminOnly = (status: number): Expect => ({ anonymous: 401, viewer: 403, responder: 403, outsider: 403, admin: status });
export const teamEditors = (status: number): Expect => ({ anonymous: 401, viewer: 403, responder: status, outsider: 403, admin: status });

export const team = ({ w, column }: Call) => (column === 'outsider' ? w.teamB : w.teamA);
export const service = ({ w, column }: Call) => (column === 'outsider' ? w.serviceB : w.serviceA);

/** Served, public, and deliberately not part of the document it serves. */
export const UNDOCUMENTED = new Set(['GET /api/openapi.json']);

export const routeKey = (r: { method: string; path: string }) => `${r.method.toUpperCase()} ${r.path}`;
export const SAFE = new Set(['GET', 'HEAD', 'OPTIONS']);

function fill(path: string, params: Record<string, string> = {}): string {
  return path.replace(/\{(\w+)\}/g, (_, name: string) => {
    if (!(name in params)) throw new Error(`No value for {${name}} in ${path}`);
    return encodeURIComponent(params[name]!);
  });
}

const lastAudit = async (w: World) => (await w.admin.call('GET', '/api/audit?limit=1')).items[0]?.id;

/** Sends one request; a refused change must leave no audit row behind. */
export async function send(row: Row, call: Call, headers: Record<string, string>) {
  const { params, body, headers: extra, query } = (await row.prepare?.(call)) ?? {};
  const auditBefore = SAFE.has(row.method) ? null : await lastAudit(call.w);
  const res = await call.w.h.request(fill(row.path, params) + (query ? `?${query}` : ''), {
    method: row.method,
    headers: { ...headers, ...extra },
    ...(body !== undefined ? { json: body } : {}),
  });
  const text = await res.text();
  const audited = auditBefore !== null && res.status >= 400 && (await lastAudit(call.w)) !== auditBefore;
  return { status: res.status, text, json: text.startsWith('{') ? JSON.parse(text) : null, audited };
}
type Sent = Awaited<ReturnType<typeof send>>;

const KINDS = await databaseKinds();

/** One world per database kind for a file's rows; every row sent as each column, by key and by cookie. */
export function describeMatrix(theme: string, rows: Row[]) {
  describe.each(KINDS)(`authorization matrix (${theme}) on %s`, (kind) => {
    let h: Harness;
    let w: World;

    beforeAll(async () => {
      h = await createHarness(kind);
      w = await createWorld(h);
    });
    afterAll(async () => {
      await h?.close();
    });

    it.each(rows.map((row) => [routeKey(row), row] as const))('%s', async (_name, row) => {
      const people: Record<Exclude<Column, 'anonymous'>, TestUser> = {
        viewer: w.viewer,
        responder: w.responder,
        outsider: w.responder,
        admin: w.admin,
      };
      const failures: string[] = [];
      const check = (label: string, got: Sent, want: number, code?: string) => {
        if (got.status !== want || (code && got.json?.error?.code !== code)) {
          failures.push(`${label}: expected ${want}${code ? ` ${code}` : ''}, got ${got.status} ${got.text.slice(0, 200)}`);
        }
        if (got.audited) failures.push(`${label}: refused with ${got.status}, yet an audit row was written`);
      };

      const anonymous = await send(row, { w, column: 'anonymous', actor: null, mode: 'none' }, {});
      check('anonymous', anonymous, row.expect.anonymous, { 401: 'unauthenticated', 403: 'forbidden' }[row.expect.anonymous]);

      for (const [column, actor] of Object.entries(people) as [Exclude<Column, 'anonymous'>, TestUser][]) {
        for (const mode of ['key', 'cookie'] as const) {
          const want = (mode === 'key' ? row.viaKey?.[column] : undefined) ?? row.expect[column];
          const headers = await actor.headers(mode, { fresh: row.endsOwnSession });
          const got = await send(row, { w, column, actor, mode }, headers);
          check(`${column} via ${mode}`, got, want, { 401: 'unauthenticated', 403: 'forbidden', 404: 'not_found' }[want]);
          if (row.endsAllSessions) actor.dropSession();
        }
        // The same cookie without the CSRF header may read, never change anything.
        if (!SAFE.has(row.method) && !row.integrationKey) {
          const headers = await actor.headers('cookie', { csrf: false, fresh: row.endsOwnSession });
          check(`${column} via cookie without CSRF`, await send(row, { w, column, actor, mode: 'cookie' }, headers), 403, 'csrf_failed');
          const wrong = { ...headers, 'x-csrf-token': randomUUID() };
          check(`${column} via cookie with a wrong CSRF token`, await send(row, { w, column, actor, mode: 'cookie' }, wrong), 403, 'csrf_failed');
        }
      }
      expect(failures).toEqual([]);
    }, 120_000); // a replay row builds the scratch template on its first call
  });
}
