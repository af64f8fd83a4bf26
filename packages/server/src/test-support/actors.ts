import { randomUUID } from 'node:crypto';
import type { Role, User } from '@operable/shared';
import { expect } from 'vitest';
import { auth, inTransaction } from '../index.js';
import { SESSION_COOKIE } from '../http/middleware.js';
import type { Harness } from './harness.js';

/**
 * People to send requests as, and a small world of teams and services for them to
 * act on. Everything after the first admin is created through the HTTP API.
 */

export const PASSWORD = 'correct horse battery staple';

export type AuthMode = 'key' | 'cookie';

export interface Session {
  token: string;
  csrfToken: string;
  response: Response;
}

let counter = 0;
/** Unique, readable names for fixtures (emails, team and service names). */
export const unique = (prefix: string) => `${prefix}-${++counter}-${randomUUID().slice(0, 6)}`;

export function sessionCookie(response: Response): string | null {
  const header = response.headers.get('set-cookie') ?? '';
  return new RegExp(`${SESSION_COOKIE}=([^;]*)`).exec(header)?.[1] ?? null;
}

export async function signIn(h: Harness, email: string, password: string, headers: Record<string, string> = {}): Promise<Session> {
  const response = await h.request('/api/auth/sign-in', { method: 'POST', json: { email, password }, headers });
  expect(response.status, `sign-in as ${email}`).toBe(200);
  const token = sessionCookie(response);
  expect(token, 'session cookie').toBeTruthy();
  const body = (await response.clone().json()) as { csrfToken: string };
  return { token: token!, csrfToken: body.csrfToken, response };
}

/** Someone who can call the API with an API key (Bearer) or a session cookie (+ CSRF header). */
export class TestUser {
  private session: Session | null = null;
  apiKey = '';

  constructor(
    readonly h: Harness,
    readonly user: User,
    public password: string,
  ) {}

  get id() {
    return this.user.id;
  }
  get role(): Role {
    return this.user.role;
  }

  async ensureSession(): Promise<Session> {
    this.session ??= await signIn(this.h, this.user.email, this.password);
    return this.session;
  }

  /** Forget the cached session (after something that ended it, e.g. a password change). */
  dropSession() {
    this.session = null;
  }

  /**
   * Headers that authenticate as this user. `fresh` signs in a new session used only
   * by the caller (for requests that end it); `csrf: false` leaves out X-CSRF-Token.
   */
  async headers(mode: AuthMode, options: { csrf?: boolean; fresh?: boolean } = {}): Promise<Record<string, string>> {
    if (mode === 'key') return { authorization: `Bearer ${this.apiKey}` };
    const s = options.fresh ? await signIn(this.h, this.user.email, this.password) : await this.ensureSession();
    return { cookie: `${SESSION_COOKIE}=${s.token}`, ...(options.csrf === false ? {} : { 'x-csrf-token': s.csrfToken }) };
  }

  async request(path: string, init: RequestInit & { json?: unknown; auth?: AuthMode } = {}): Promise<Response> {
    const { auth = 'key', headers, ...rest } = init;
    return this.h.request(path, { ...rest, headers: { ...(await this.headers(auth)), ...(headers as Record<string, string>) } });
  }

  /** JSON of a request that must answer `status`. */
  async call<T = any>(method: string, path: string, json?: unknown, status = method === 'POST' ? 201 : 200): Promise<T> {
    const res = await this.request(path, { method, json });
    const text = await res.text();
    expect(res.status, `${method} ${path} as ${this.user.email}: ${text}`).toBe(status);
    return (text ? JSON.parse(text) : undefined) as T;
  }

  async createApiKey(role: Role = this.role, name = unique('key')): Promise<{ id: string; token: string }> {
    const res = await this.request('/api/api-keys', { method: 'POST', json: { name, role } });
    expect(res.status, `create ${role} key as ${this.user.email}`).toBe(201);
    const body = (await res.json()) as { apiKey: { id: string }; token: string };
    return { id: body.apiKey.id, token: body.token };
  }
}

/** The first admin, made directly by the domain (no password is ever bootstrapped), then signed in over HTTP. */
export async function createAdmin(h: Harness, email = `${unique('admin')}@operable.test`): Promise<TestUser> {
  const user = await inTransaction(h.operable.deps.database.db, (db) =>
    auth.createUser(h.operable.systemCtx(db), { name: 'Test Admin', email, timeZone: 'UTC', role: 'admin', password: PASSWORD }),
  );
  const admin = new TestUser(h, user, PASSWORD);
  const s = await admin.ensureSession();
  const res = await h.request('/api/api-keys', {
    method: 'POST',
    json: { name: 'admin key', role: 'admin' },
    headers: { cookie: `${SESSION_COOKIE}=${s.token}`, 'x-csrf-token': s.csrfToken },
  });
  expect(res.status).toBe(201);
  admin.apiKey = ((await res.json()) as { token: string }).token;
  return admin;
}

/** A user created by `admin` over the API; `withKey` also gives them an API key of their own role. */
export async function createUser(
  admin: TestUser,
  role: Role,
  options: { name?: string; password?: string | null; withKey?: boolean } = {},
): Promise<TestUser> {
  const password = options.password === undefined ? PASSWORD : options.password;
  const user = await admin.call<User>('POST', '/api/users', {
    name: options.name ?? unique(role),
    email: `${unique(role)}@operable.test`,
    role,
    ...(password ? { password } : {}),
  });
  const person = new TestUser(admin.h, user, password ?? '');
  if (options.withKey !== false && password) {
    const s = await person.ensureSession();
    const res = await admin.h.request('/api/api-keys', {
      method: 'POST',
      json: { name: `${role} key`, role },
      headers: { cookie: `${SESSION_COOKIE}=${s.token}`, 'x-csrf-token': s.csrfToken },
    });
    expect(res.status).toBe(201);
    person.apiKey = ((await res.json()) as { token: string }).token;
  }
  return person;
}

export interface World {
  h: Harness;
  admin: TestUser;
  viewer: TestUser;
  /** A responder in team A, and in no other team. */
  responder: TestUser;
  /** A user nobody signs in as: target of user and membership changes. */
  bystander: TestUser;
  teamA: { id: string; name: string };
  teamB: { id: string; name: string };
  serviceA: { id: string; name: string };
  serviceB: { id: string; name: string };
}

export async function createWorld(h: Harness): Promise<World> {
  const admin = await createAdmin(h);
  const viewer = await createUser(admin, 'viewer', { name: 'Vera Viewer' });
  const responder = await createUser(admin, 'responder', { name: 'Rico Responder' });
  const bystander = await createUser(admin, 'viewer', { name: 'Bea Bystander', withKey: false });
  const teamA = await admin.call('POST', '/api/teams', { name: unique('team-a'), memberIds: [responder.id] });
  const teamB = await admin.call('POST', '/api/teams', { name: unique('team-b'), memberIds: [bystander.id] });
  const serviceA = await admin.call('POST', '/api/services', { name: unique('svc-a'), teamId: teamA.id });
  const serviceB = await admin.call('POST', '/api/services', { name: unique('svc-b'), teamId: teamB.id });
  // Membership changed after the responder signed in; the actor is rebuilt per request, so no re-sign-in needed.
  return { h, admin, viewer, responder, bystander, teamA, teamB, serviceA, serviceB };
}

/**
 * What an admin can see of the stored state: equal snapshots before and after a
 * request mean it wrote nothing (the audit log catches any verb that ran).
 */
export async function snapshot(admin: TestUser) {
  const get = (path: string) => admin.call('GET', path);
  const [users, teams, services, keys, audit, levels] = await Promise.all([
    get('/api/users'),
    get('/api/teams'),
    get('/api/services'),
    get('/api/api-keys'),
    get('/api/audit?limit=1'),
    get('/api/admin/log-levels'),
  ]);
  return {
    users: users.items,
    teams: teams.items,
    services: services.items,
    // Keys made in the same (fake) instant list in no particular order.
    keys: keys.items.map((k: { id: string; role: string; revokedAt: string | null }) => [k.id, k.role, k.revokedAt]).sort(),
    lastAudit: audit.items[0]?.id ?? null,
    levels: levels.items,
  };
}
