import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SESSION_COOKIE } from './middleware.js';
import { createUser, createWorld, PASSWORD, sessionCookie, signIn, snapshot, type World } from '../test-support/actors.js';
import { databaseKinds } from '../test-support/databases.js';
import { createHarness, type Harness } from '../test-support/harness.js';

/** Sign-in limits, session cookies, reset links and API keys, end to end over HTTP. */
const MINUTE = 60_000;
const KINDS = await databaseKinds();

describe.each(KINDS)('authentication on %s', (kind) => {
  let h: Harness;
  let w: World;

  beforeAll(async () => {
    h = await createHarness(kind, {
      OPERABLE_SIGNIN_LIMIT_ACCOUNT: '3',
      OPERABLE_SIGNIN_LIMIT_ADDRESS: '5',
      OPERABLE_TRUST_PROXY: 'true', // X-Forwarded-For gives each request its client address
    });
    w = await createWorld(h);
  });
  afterAll(async () => {
    await h?.close();
  });

  const attempt = (email: string, password: string, address: string, extra: Record<string, string> = {}) =>
    h.request('/api/auth/sign-in', { method: 'POST', json: { email, password }, headers: { 'x-forwarded-for': address, ...extra } });

  async function expectLimited(res: Response, retryAfterSeconds: number) {
    const body = (await res.json()) as any;
    expect(res.status, JSON.stringify(body)).toBe(429);
    expect(body.error.code).toBe('rate_limited');
    expect(body.error.details.retryAfterSeconds).toBe(retryAfterSeconds);
    expect(res.headers.get('retry-after')).toBe(String(retryAfterSeconds));
    expect(sessionCookie(res)).toBeNull();
  }

  describe('sign-in rate limiting', () => {
    it('limits failures per account over a sliding 15-minute window', async () => {
      const u = await createUser(w.admin, 'viewer', { withKey: false });
      const email = u.user.email;
      expect((await attempt(email, 'wrong password 1', '10.0.0.1')).status).toBe(401); // t0
      h.clock.advance(5 * MINUTE);
      expect((await attempt(email.toUpperCase(), 'wrong password 2', '10.0.0.2')).status).toBe(401); // t0+5m; same account
      h.clock.advance(5 * MINUTE);
      expect((await attempt(email, 'wrong password 3', '10.0.0.3')).status).toBe(401); // t0+10m

      // Three failures: even the right password from a fresh address is refused until t0+15m.
      await expectLimited(await attempt(email, PASSWORD, '10.0.0.4'), 5 * 60);
      // Refused attempts are not failures: they do not push the window out.
      for (let i = 0; i < 3; i++) await expectLimited(await attempt(email, 'still guessing', '10.0.0.5'), 5 * 60);
      // Another account from the same address is not affected.
      expect((await attempt(w.viewer.user.email, w.viewer.password, '10.0.0.4')).status).toBe(200);

      h.clock.advance(5 * MINUTE - 1000); // t0+15m-1s: the first failure is still inside the window
      await expectLimited(await attempt(email, PASSWORD, '10.0.0.4'), 1);
      h.clock.advance(1000); // Retry-After honoured: it has slid out, two failures left
      expect((await attempt(email, 'wrong password 4', '10.0.0.6')).status).toBe(401);
      // Three again (t0+5m, t0+10m, now): blocked until the t0+5m one leaves, 5 min from now.
      await expectLimited(await attempt(email, PASSWORD, '10.0.0.4'), 5 * 60);

      h.clock.advance(5 * MINUTE);
      expect((await attempt(email, PASSWORD, '10.0.0.4')).status).toBe(200);
      // Success forgets the account's failures: two more mistakes are allowed again.
      expect((await attempt(email, 'wrong password 5', '10.0.0.7')).status).toBe(401);
      expect((await attempt(email, 'wrong password 6', '10.0.0.7')).status).toBe(401);
      expect((await attempt(email, PASSWORD, '10.0.0.7')).status).toBe(200);
      h.clock.advance(20 * MINUTE);
    });

    it('limits failures per client address, across accounts, known or not', async () => {
      const u = await createUser(w.admin, 'viewer', { withKey: false });
      const address = '192.0.2.66';
      for (let i = 0; i < 5; i++) {
        h.clock.advance(MINUTE);
        expect((await attempt(`nobody-${i}@operable.test`, 'guess', address)).status).toBe(401);
      }
      // t0 = first failure; now t0+4m: the address is blocked for 11 more minutes, for every account.
      await expectLimited(await attempt(u.user.email, PASSWORD, address), 11 * 60);
      await expectLimited(await attempt(w.viewer.user.email, w.viewer.password, address), 11 * 60);
      // The account itself is fine from elsewhere; success there does not unblock the address.
      expect((await attempt(u.user.email, PASSWORD, '192.0.2.67')).status).toBe(200);
      await expectLimited(await attempt(u.user.email, PASSWORD, address), 11 * 60);

      h.clock.advance(11 * MINUTE - 1000);
      await expectLimited(await attempt(u.user.email, PASSWORD, address), 1);
      h.clock.advance(1000);
      // One failure left the window: one more attempt is allowed, and it succeeds.
      expect((await attempt(u.user.email, PASSWORD, address)).status).toBe(200);
      h.clock.advance(20 * MINUTE);
    });

    it('answers the later Retry-After when the account and the address are both blocked', async () => {
      const u = await createUser(w.admin, 'viewer', { withKey: false });
      const address = '192.0.2.99';
      for (const from of ['192.0.2.1', '192.0.2.2', '192.0.2.3']) expect((await attempt(u.user.email, 'nope', from)).status).toBe(401);
      h.clock.advance(5 * MINUTE); // the account is blocked for 10 more minutes
      for (let i = 0; i < 5; i++) expect((await attempt(`ghost-${i}@operable.test`, 'nope', address)).status).toBe(401);
      await expectLimited(await attempt(u.user.email, PASSWORD, '192.0.2.4'), 10 * 60); // the account alone
      await expectLimited(await attempt(w.viewer.user.email, w.viewer.password, address), 15 * 60); // the address alone
      await expectLimited(await attempt(u.user.email, PASSWORD, address), 15 * 60); // both: the later one
      h.clock.advance(10 * MINUTE);
      expect((await attempt(u.user.email, PASSWORD, '192.0.2.4')).status).toBe(200);
      await expectLimited(await attempt(u.user.email, PASSWORD, address), 5 * 60);
      h.clock.advance(5 * MINUTE);
      expect((await attempt(u.user.email, PASSWORD, address)).status).toBe(200);
      h.clock.advance(20 * MINUTE);
    });

    it('ignores X-Forwarded-For unless the proxy is trusted', async () => {
      const plain = await createHarness(kind, { OPERABLE_SIGNIN_LIMIT_ADDRESS: '2', OPERABLE_SIGNIN_LIMIT_ACCOUNT: '100' });
      try {
        const req = (email: string, forwarded: string) =>
          plain.request('/api/auth/sign-in', { method: 'POST', json: { email, password: 'wrong' }, headers: { 'x-forwarded-for': forwarded } });
        expect((await req('a@operable.test', '198.51.100.1')).status).toBe(401);
        expect((await req('b@operable.test', '198.51.100.2')).status).toBe(401);
        // Different forwarded addresses, but the real peer is the same one: blocked.
        expect((await req('c@operable.test', '198.51.100.3')).status).toBe(429);
      } finally {
        await plain.close();
      }
    });
  });

  describe('session cookie', () => {
    it('is HttpOnly, SameSite=Lax, Path=/, lasts the session length, and is not Secure over http', async () => {
      const { response } = await signIn(h, w.viewer.user.email, w.viewer.password);
      const cookie = response.headers.get('set-cookie')!;
      expect(cookie).toMatch(new RegExp(`^${SESSION_COOKIE}=[\\w-]{20,};`));
      expect(cookie).toMatch(/;\s*HttpOnly(;|$)/i);
      expect(cookie).toMatch(/;\s*SameSite=Lax(;|$)/i);
      expect(cookie).toMatch(/;\s*Path=\/(;|$)/i);
      expect(cookie).toMatch(/;\s*Max-Age=604800(;|$)/i); // OPERABLE_SESSION_HOURS default 168
      expect(cookie).not.toMatch(/;\s*Secure/i);
      expect(cookie).not.toMatch(/Domain=/i);
    });

    it('is Secure behind a trusted proxy that says https, and not when it says http', async () => {
      const viaHttps = await signIn(h, w.viewer.user.email, w.viewer.password, { 'x-forwarded-proto': 'https' });
      expect(viaHttps.response.headers.get('set-cookie')).toMatch(/;\s*Secure(;|$)/i);
      const viaHttp = await signIn(h, w.viewer.user.email, w.viewer.password, { 'x-forwarded-proto': 'http' });
      expect(viaHttp.response.headers.get('set-cookie')).not.toMatch(/;\s*Secure/i);
    });

    it('is Secure when OPERABLE_PUBLIC_URL is https', async () => {
      const secure = await createHarness(kind, { OPERABLE_PUBLIC_URL: 'https://ops.example.com' });
      try {
        const admin = (await createWorld(secure)).admin;
        const { response } = await signIn(secure, admin.user.email, admin.password);
        const cookie = response.headers.get('set-cookie')!;
        expect(cookie).toMatch(/;\s*Secure(;|$)/i);
        expect(cookie).toMatch(/;\s*HttpOnly(;|$)/i);
        expect(cookie).toMatch(/;\s*SameSite=Lax(;|$)/i);
      } finally {
        await secure.close();
      }
    });

    it('stops working after sign-out; the user’s other sessions keep working', async () => {
      const u = await createUser(w.admin, 'responder', { withKey: false });
      const one = await signIn(h, u.user.email, u.password);
      const two = await signIn(h, u.user.email, u.password);
      const as = (s: typeof one, init: RequestInit = {}) =>
        h.request('/api/me', { ...init, headers: { cookie: `${SESSION_COOKIE}=${s.token}`, 'x-csrf-token': s.csrfToken } });
      expect((await as(one)).status).toBe(200);

      const out = await h.request('/api/auth/sign-out', {
        method: 'POST',
        headers: { cookie: `${SESSION_COOKIE}=${one.token}`, 'x-csrf-token': one.csrfToken },
      });
      expect(out.status).toBe(204);
      expect(out.headers.get('set-cookie')).toMatch(new RegExp(`^${SESSION_COOKIE}=;.*Max-Age=0`, 'i'));

      expect((await as(one)).status).toBe(401);
      const session = await h.request('/api/auth/session', { headers: { cookie: `${SESSION_COOKIE}=${one.token}` } });
      expect(session.status).toBe(401);
      expect(((await session.json()) as any).error.code).toBe('unauthenticated');
      const patched = await as(one, { method: 'PATCH', body: JSON.stringify({ name: 'Ghost' }), headers: { 'content-type': 'application/json' } });
      expect(patched.status).toBe(401);
      const again = await h.request('/api/auth/sign-out', {
        method: 'POST',
        headers: { cookie: `${SESSION_COOKIE}=${one.token}`, 'x-csrf-token': one.csrfToken },
      });
      expect(again.status).toBe(401);
      expect((await as(two)).status).toBe(200);
    });

    it('expires after the session length without use', async () => {
      const s = await signIn(h, w.viewer.user.email, w.viewer.password);
      const me = () => h.request('/api/me', { headers: { cookie: `${SESSION_COOKIE}=${s.token}` } });
      h.clock.advance(100 * 3_600_000);
      expect((await me()).status).toBe(200); // use slides the expiry
      h.clock.advance(100 * 3_600_000);
      expect((await me()).status).toBe(200);
      h.clock.advance(168 * 3_600_000 + 1000);
      expect((await me()).status).toBe(401);
      for (const u of [w.admin, w.viewer, w.responder]) u.dropSession(); // theirs expired too
    });
  });

  describe('password reset links', () => {
    async function link(userId: string): Promise<{ token: string; expiresAt: string }> {
      const body = await w.admin.call('POST', `/api/users/${userId}/password-reset-link`, undefined, 200);
      return { token: new URL(body.url).searchParams.get('token')!, expiresAt: body.expiresAt };
    }
    const reset = (token: string, password: string) => h.request('/api/auth/password-reset', { method: 'POST', json: { token, password } });
    async function expectInvalid(res: Response) {
      expect(res.status).toBe(400);
      expect(((await res.json()) as any).error.code).toBe('invalid_token');
    }

    it('work once, end the user’s sessions, and make other outstanding links useless', async () => {
      const u = await createUser(w.admin, 'viewer', { withKey: false });
      const old = await signIn(h, u.user.email, u.password);
      const first = await link(u.id);
      const second = await link(u.id);
      expect(new Date(first.expiresAt).getTime() - h.clock.now().getTime()).toBe(24 * 3_600_000);

      expect((await reset(first.token, 'a brand new password')).status).toBe(204);
      expect((await signIn(h, u.user.email, 'a brand new password')).token).toBeTruthy();
      expect((await h.request('/api/me', { headers: { cookie: `${SESSION_COOKIE}=${old.token}` } })).status).toBe(401);

      const before = await snapshot(w.admin);
      await expectInvalid(await reset(first.token, 'yet another password'));
      await expectInvalid(await reset(second.token, 'yet another password'));
      expect(await snapshot(w.admin)).toEqual(before);
      expect((await attempt(u.user.email, 'yet another password', '203.0.113.9')).status).toBe(401);
    });

    it('expire after 24 hours', async () => {
      const u = await createUser(w.admin, 'viewer', { password: null });
      const stale = await link(u.id);
      h.clock.advance(24 * 3_600_000);
      await expectInvalid(await reset(stale.token, 'too late for this one'));

      const fresh = await link(u.id);
      h.clock.advance(24 * 3_600_000 - 1000);
      expect((await reset(fresh.token, 'just in time password')).status).toBe(204);
      expect((await signIn(h, u.user.email, 'just in time password')).token).toBeTruthy();
    });

    it('refuse a tampered token', async () => {
      const u = await createUser(w.admin, 'viewer', { password: null });
      const { token } = await link(u.id);
      const [payload, signature] = token.split('.');
      const claims = JSON.parse(Buffer.from(payload!, 'base64url').toString());
      const forged = Buffer.from(JSON.stringify({ ...claims, u: w.admin.id })).toString('base64url');
      await expectInvalid(await reset(`${forged}.${signature}`, 'take over the admin'));
      await expectInvalid(await reset(`${payload}.${signature}x`, 'take over the admin'));
      await expectInvalid(await reset(`${payload}.${signature}.extra`, 'take over the admin'));
    });
  });

  describe('API keys', () => {
    const me = (token: string) => h.request('/api/me', { headers: { authorization: `Bearer ${token}` } });

    it('stop working once revoked, and revoking twice is harmless', async () => {
      const key = await w.viewer.createApiKey('viewer');
      expect((await me(key.token)).status).toBe(200);
      expect((await w.viewer.request(`/api/api-keys/${key.id}`, { method: 'DELETE' })).status).toBe(204);
      const res = await me(key.token);
      expect(res.status).toBe(401);
      expect(((await res.json()) as any).error.code).toBe('unauthenticated');
      expect((await w.admin.request(`/api/api-keys/${key.id}`, { method: 'DELETE' })).status).toBe(204);
      const listed = await w.viewer.call('GET', '/api/api-keys');
      expect(listed.items.find((k: { id: string }) => k.id === key.id).revokedAt).toBe(h.clock.now().toISOString());
    });

    it('stop working when their owner is deleted', async () => {
      const u = await createUser(w.admin, 'responder');
      expect((await me(u.apiKey)).status).toBe(200);
      expect((await w.admin.request(`/api/users/${u.id}`, { method: 'DELETE' })).status).toBe(204);
      expect((await me(u.apiKey)).status).toBe(401);
    });

    it('refuse unknown tokens and other schemes, even on public routes', async () => {
      for (const authorization of ['Bearer opk_not_a_real_key', 'Bearer', `Basic ${Buffer.from('a:b').toString('base64')}`, w.admin.apiKey]) {
        const res = await h.request('/api/openapi.json', { headers: { authorization } });
        expect(res.status, authorization).toBe(401);
      }
    });

    it('cannot be created with more than the creator’s role, and nothing is written', async () => {
      for (const u of [w.viewer, w.responder]) await u.ensureSession(); // signing in is a write of its own
      const before = await snapshot(w.admin);
      for (const [creator, role] of [
        [w.responder, 'admin'],
        [w.viewer, 'responder'],
        [w.viewer, 'admin'],
      ] as const) {
        for (const mode of ['key', 'cookie'] as const) {
          const res = await creator.request('/api/api-keys', { method: 'POST', json: { name: 'too strong', role }, auth: mode });
          expect(res.status, `${creator.role} → ${role} via ${mode}`).toBe(403);
          expect(((await res.json()) as any).error.code).toBe('forbidden');
        }
      }
      expect(await snapshot(w.admin)).toEqual(before);
      expect((await w.responder.createApiKey('viewer')).token).toMatch(/^opk_/);
    });

    it('act with the weaker of the key’s role and the owner’s current role', async () => {
      const weak = await w.admin.createApiKey('viewer');
      const as = (token: string, method: string, path: string, json?: unknown) =>
        h.request(path, { method, json, headers: { authorization: `Bearer ${token}` } });
      expect((await as(weak.token, 'GET', '/api/users')).status).toBe(200);
      expect((await as(weak.token, 'PATCH', '/api/me', { timeZone: 'Europe/Paris' })).status).toBe(200);
      expect((await as(weak.token, 'POST', '/api/teams', { name: 'not allowed' })).status).toBe(403);
      expect((await as(weak.token, 'GET', '/api/audit')).status).toBe(403);
      expect((await as(weak.token, 'POST', '/api/api-keys', { name: 'escalate', role: 'admin' })).status).toBe(403);

      // A responder's own key follows the owner down and back up.
      const key = await w.responder.createApiKey('responder');
      const service = () => as(key.token, 'POST', '/api/services', { name: `svc-${Math.random()}`, teamId: w.teamA.id });
      expect((await service()).status).toBe(201);
      await w.admin.call('PATCH', `/api/users/${w.responder.id}`, { role: 'viewer' });
      expect((await service()).status).toBe(403);
      expect((await as(key.token, 'GET', '/api/services')).status).toBe(200);
      await w.admin.call('PATCH', `/api/users/${w.responder.id}`, { role: 'responder' });
      expect((await service()).status).toBe(201);

      // An admin key of a demoted admin is a responder key.
      const second = await createUser(w.admin, 'admin');
      expect((await as(second.apiKey, 'POST', '/api/teams', { name: `team-${Math.random()}` })).status).toBe(201);
      await w.admin.call('PATCH', `/api/users/${second.id}`, { role: 'responder' });
      expect((await as(second.apiKey, 'POST', '/api/teams', { name: `team-${Math.random()}` })).status).toBe(403);
      expect((await as(second.apiKey, 'GET', '/api/admin/log-levels')).status).toBe(403);
    });

    it('are listed and revoked by their owner only; admins see and revoke everyone’s', async () => {
      const mine = await w.viewer.createApiKey('viewer');
      const theirs = await w.responder.createApiKey('viewer');
      const owners = (await w.viewer.call('GET', '/api/api-keys')).items.map((k: { ownerId: string }) => k.ownerId);
      expect(new Set(owners)).toEqual(new Set([w.viewer.id]));
      const all = (await w.admin.call('GET', '/api/api-keys')).items.map((k: { id: string }) => k.id);
      expect(all).toEqual(expect.arrayContaining([mine.id, theirs.id]));

      const res = await w.viewer.request(`/api/api-keys/${theirs.id}`, { method: 'DELETE' });
      expect(res.status).toBe(404);
      expect((await me(theirs.token)).status).toBe(200);
      expect((await w.admin.request(`/api/api-keys/${theirs.id}`, { method: 'DELETE' })).status).toBe(204);
      expect((await me(theirs.token)).status).toBe(401);
      expect((await me(mine.token)).status).toBe(200);
    });
  });
});
