import { auth, inTransaction } from '../../index.js';
import { RESEND_AFTER_SECONDS } from '../../notify/index.js';
import { unique, type TestUser, type World } from '../actors.js';
import { freshUser, keyOwner } from './fixtures.js';
import { adminOnly, all, service, signedIn, team, teamEditors, type Call, type Expect, type Row } from './matrix.js';

/**
 * Contact rows run twice: under /api/me on the caller's own things (for `outsider`
 * an admin's, which must be not found), and under /api/users/{userId} on the
 * bystander's, which only admins may touch.
 */
type ContactScope = 'me' | 'users';
const contactOwner = ({ w, column, actor }: Call, scope: ContactScope): TestUser =>
  scope === 'users' ? w.bystander : column === 'outsider' ? w.admin : (actor ?? w.viewer);
const contactBase = (scope: ContactScope) => (scope === 'me' ? '/api/me' : '/api/users/{userId}');
const contactParams = (c: Call, scope: ContactScope, extra: Record<string, string> = {}) =>
  scope === 'me' ? extra : { userId: c.w.bystander.id, ...extra };
const contactExpect = (scope: ContactScope, status: number, outsider = 404): Expect =>
  scope === 'me' ? { ...signedIn(status), outsider } : adminOnly(status);

/** A fresh contact method of `owner` (made by an admin), with the code sent to it; verified if asked. */
async function contactMethod(w: World, owner: TestUser, verified = false): Promise<{ id: string; code: string }> {
  const address = `${unique('matrix-cm')}@operable.test`;
  const base = `/api/users/${owner.id}/contact-methods`;
  const { id } = await w.admin.call('POST', base, { type: 'email', address });
  const sent = (await w.h.operable.deps.database.db.selectFrom('outbox').select(['target', 'message']).execute()).find(
    (r) => (r.target as { address: string }).address === address,
  )!;
  const code = /\b(\d{6})\b/.exec((sent.message as { text: string }).text)![1]!;
  if (verified) await w.admin.call('POST', `${base}/${id}/verify`, { code }, 200);
  return { id, code };
}

function contactRows(scope: ContactScope): Row[] {
  const base = contactBase(scope);
  const owner = (c: Call) => contactOwner(c, scope);
  const params = (c: Call, extra?: Record<string, string>) => contactParams(c, scope, extra);
  return [
    // Nothing of anyone else's is named: `outsider` is just the responder again.
    { method: 'GET', path: `${base}/contact-setup`, expect: contactExpect(scope, 200, 200), prepare: (c) => ({ params: params(c) }) },
    {
      method: 'POST',
      path: `${base}/contact-methods`,
      expect: contactExpect(scope, 201, 201),
      prepare: (c) => ({ params: params(c), body: { type: 'email', address: `${unique('matrix-new')}@operable.test` } }),
    },
    {
      method: 'POST',
      path: `${base}/contact-methods/{id}/verify`,
      expect: contactExpect(scope, 200),
      prepare: async (c) => {
        const m = await contactMethod(c.w, owner(c));
        return { params: params(c, { id: m.id }), body: { code: m.code } };
      },
    },
    {
      method: 'POST',
      path: `${base}/contact-methods/{id}/resend-code`,
      expect: contactExpect(scope, 200),
      prepare: async (c) => {
        const m = await contactMethod(c.w, owner(c));
        c.w.h.clock.advance(RESEND_AFTER_SECONDS * 1000); // a resend within the minute is refused (429)
        return { params: params(c, { id: m.id }) };
      },
    },
    {
      method: 'POST',
      path: `${base}/contact-methods/{id}/test`,
      expect: contactExpect(scope, 202),
      prepare: async (c) => ({ params: params(c, { id: (await contactMethod(c.w, owner(c), true)).id }) }),
    },
    {
      method: 'DELETE',
      path: `${base}/contact-methods/{id}`,
      expect: contactExpect(scope, 204),
      prepare: async (c) => ({ params: params(c, { id: (await contactMethod(c.w, owner(c))).id }) }),
    },
    {
      method: 'POST',
      path: `${base}/notification-rules`,
      // Someone else's contact method named in the body is bad input, not a missing route target.
      expect: contactExpect(scope, 201, 400),
      prepare: async (c) => ({ params: params(c), body: { contactMethodId: (await contactMethod(c.w, owner(c))).id, delayMinutes: 3 } }),
    },
    {
      method: 'DELETE',
      path: `${base}/notification-rules/{id}`,
      expect: contactExpect(scope, 204),
      prepare: async (c) => {
        const m = await contactMethod(c.w, owner(c));
        const rule = await c.w.admin.call('POST', `/api/users/${owner(c).id}/notification-rules`, { contactMethodId: m.id, delayMinutes: 7 });
        return { params: params(c, { id: rule.id }) };
      },
    },
  ];
}


/** Probes, sign-in and the account itself, people, teams, services, API keys, contact methods and administration. */
export const ACCESS_ROWS: Row[] = [
  { method: 'GET', path: '/healthz', expect: all(200) },
  { method: 'GET', path: '/readyz', expect: all(200) },
  // Off unless OPERABLE_METRICS_TOKEN or OPERABLE_METRICS_LISTEN is set (metrics.test.ts); API keys do not open it.
  { method: 'GET', path: '/metrics', expect: all(404) },
  { method: 'GET', path: '/api/openapi.json', expect: all(200) },

  // Auth and self-service
  {
    method: 'POST',
    path: '/api/auth/sign-in',
    expect: all(200),
    prepare: ({ w }) => ({ body: { email: w.bystander.user.email, password: w.bystander.password } }),
  },
  // An API key has no session to end or describe.
  { method: 'POST', path: '/api/auth/sign-out', expect: signedIn(204), viaKey: all(401), endsOwnSession: true },
  { method: 'GET', path: '/api/auth/session', expect: signedIn(200), viaKey: all(401) },
  {
    method: 'POST',
    path: '/api/auth/password-reset',
    expect: all(204),
    prepare: async ({ w }) => {
      const link = await inTransaction(w.h.operable.deps.database.db, (db) => auth.issueResetLink(w.h.operable.systemCtx(db), w.bystander.id));
      const token = new URL(link.url).searchParams.get('token')!;
      return { body: { token, password: w.bystander.password } };
    },
  },
  {
    method: 'PUT',
    path: '/api/auth/password',
    expect: signedIn(204),
    endsAllSessions: true,
    prepare: ({ actor }) => ({ body: { currentPassword: actor?.password ?? 'whatever-password', newPassword: actor?.password ?? 'whatever-password' } }),
  },
  { method: 'GET', path: '/api/me', expect: signedIn(200) },
  { method: 'PATCH', path: '/api/me', expect: signedIn(200), prepare: () => ({ body: { timeZone: 'Europe/London' } }) },

  // Users
  { method: 'GET', path: '/api/users', expect: signedIn(200) },
  {
    method: 'POST',
    path: '/api/users',
    expect: adminOnly(201),
    prepare: () => ({ body: { name: 'New Person', email: `${unique('new')}@operable.test`, role: 'viewer' } }),
  },
  { method: 'GET', path: '/api/users/{id}', expect: signedIn(200), prepare: ({ w }) => ({ params: { id: w.bystander.id } }) },
  {
    method: 'PATCH',
    path: '/api/users/{id}',
    expect: adminOnly(200),
    prepare: ({ w }) => ({ params: { id: w.bystander.id }, body: { name: 'Bea Renamed' } }),
  },
  { method: 'DELETE', path: '/api/users/{id}', expect: adminOnly(204), prepare: async ({ w }) => ({ params: { id: (await freshUser(w)).id } }) },
  {
    method: 'POST',
    path: '/api/users/{id}/password-reset-link',
    expect: adminOnly(200),
    prepare: ({ w }) => ({ params: { id: w.bystander.id } }),
  },

  // Teams and members
  { method: 'GET', path: '/api/teams', expect: signedIn(200) },
  { method: 'POST', path: '/api/teams', expect: adminOnly(201), prepare: () => ({ body: { name: unique('team') } }) },
  { method: 'GET', path: '/api/teams/{id}', expect: signedIn(200), prepare: (c) => ({ params: { id: team(c).id } }) },
  {
    method: 'PATCH',
    path: '/api/teams/{id}',
    expect: adminOnly(200),
    prepare: (c) => ({ params: { id: team(c).id }, body: { description: 'Changed' } }),
  },
  {
    method: 'DELETE',
    path: '/api/teams/{id}',
    expect: adminOnly(204),
    prepare: async ({ w }) => ({ params: { id: (await w.admin.call('POST', '/api/teams', { name: unique('doomed') })).id } }),
  },
  {
    method: 'PUT',
    path: '/api/teams/{id}/members/{userId}',
    expect: adminOnly(204),
    prepare: (c) => ({ params: { id: team(c).id, userId: c.w.bystander.id } }),
  },
  {
    method: 'DELETE',
    path: '/api/teams/{id}/members/{userId}',
    expect: adminOnly(204),
    // A fresh team with the bystander in it; the responder column is a member too.
    prepare: async ({ w, column }) => {
      const memberIds = column === 'responder' ? [w.bystander.id, w.responder.id] : [w.bystander.id];
      const created = await w.admin.call('POST', '/api/teams', { name: unique('members'), memberIds });
      return { params: { id: created.id, userId: w.bystander.id } };
    },
  },

  // Services
  { method: 'GET', path: '/api/services', expect: signedIn(200) },
  {
    method: 'POST',
    path: '/api/services',
    expect: teamEditors(201),
    prepare: (c) => ({ body: { name: unique('svc'), teamId: team(c).id, tags: ['matrix'] } }),
  },
  { method: 'GET', path: '/api/services/{id}', expect: signedIn(200), prepare: (c) => ({ params: { id: service(c).id } }) },
  {
    method: 'PATCH',
    path: '/api/services/{id}',
    expect: teamEditors(200),
    prepare: (c) => ({ params: { id: service(c).id }, body: { description: 'Edited' } }),
  },
  {
    method: 'DELETE',
    path: '/api/services/{id}',
    expect: teamEditors(204),
    prepare: async (c) => ({ params: { id: (await c.w.admin.call('POST', '/api/services', { name: unique('doomed'), teamId: team(c).id })).id } }),
  },

  // API keys: your own; admins everyone's. Someone else's key is not found, not forbidden.
  { method: 'GET', path: '/api/api-keys', expect: signedIn(200) },
  { method: 'POST', path: '/api/api-keys', expect: signedIn(201), prepare: () => ({ body: { name: unique('key'), role: 'viewer' } }) },
  {
    method: 'DELETE',
    path: '/api/api-keys/{id}',
    expect: { ...signedIn(204), outsider: 404 },
    prepare: async (c) => ({ params: { id: (await keyOwner(c).createApiKey('viewer')).id } }),
  },


  // Contact methods and notification rules: everyone manages their own; admins anyone's.
  ...contactRows('me'),
  ...contactRows('users'),

  // Administration
  { method: 'GET', path: '/api/audit', expect: adminOnly(200) },
  { method: 'GET', path: '/api/admin/log-levels', expect: adminOnly(200) },
  {
    method: 'PUT',
    path: '/api/admin/log-levels/{eventId}',
    expect: adminOnly(200),
    prepare: () => ({ params: { eventId: 'DEMO_LOADED' }, body: { level: 'info' } }),
  },
];
