import { CreateUser } from '@operable/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiKey, createUser } from '../auth/index.js';
import { inTransaction } from '../db/index.js';
import { databaseKinds } from '../test-support/databases.js';
import { createHarness, type Harness } from '../test-support/harness.js';
import { LogLevels } from '../lib/logger.js';
import { refreshLogLevels } from './index.js';

describe.each(await databaseKinds())('log severity at run time on %s', (kind) => {
  let h: Harness;
  let auth: Record<string, string>;

  beforeAll(async () => {
    h = await createHarness(kind);
    const { token } = await inTransaction(h.operable.deps.database.db, async (db) => {
      const ctx = h.operable.systemCtx(db);
      const admin = await createUser(ctx, CreateUser.parse({ name: 'Grace', email: 'grace@example.com', role: 'admin' }));
      return createApiKey({ ...ctx, actor: { kind: 'user', userId: admin.id, role: 'admin', teamIds: [], label: admin.email } }, { name: 'ops', role: 'admin' });
    });
    auth = { authorization: `Bearer ${token}` };
  });
  afterAll(() => h.close());

  it('an admin silences an event and the next request’s log obeys, without a restart', async () => {
    await h.request('/healthz', { headers: { 'x-request-id': 'before' } });
    expect(h.logs.some((l) => l.requestId === 'before' && l.event === 'HTTP_REQUEST')).toBe(true);

    const res = await h.request('/api/admin/log-levels/HTTP_REQUEST', { method: 'PUT', headers: auth, json: { level: 'silent' } });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ eventId: 'HTTP_REQUEST', level: 'silent', defaultLevel: 'info' });

    await h.request('/healthz', { headers: { 'x-request-id': 'after' } });
    expect(h.logs.some((l) => l.requestId === 'after' && l.event === 'HTTP_REQUEST')).toBe(false);

    const list = await (await h.request('/api/admin/log-levels', { headers: auth })).json();
    expect(list.items).toContainEqual({ eventId: 'HTTP_REQUEST', level: 'silent', defaultLevel: 'info' });
  });

  it('is stored, so other processes pick it up on refresh', async () => {
    await h.request('/api/admin/log-levels/AUDIT_WRITTEN', { method: 'PUT', headers: auth, json: { level: 'error' } });
    const elsewhere = new LogLevels();
    await refreshLogLevels(h.operable.deps.database.db, elsewhere);
    expect(elsewhere.get('AUDIT_WRITTEN')).toBe('error');
    expect(elsewhere.get('HTTP_REQUEST')).toBe('silent');
  });

  it('setting the default back removes the override, and the change is audited', async () => {
    await h.request('/api/admin/log-levels/HTTP_REQUEST', { method: 'PUT', headers: auth, json: { level: 'info' } });
    const elsewhere = new LogLevels();
    await refreshLogLevels(h.operable.deps.database.db, elsewhere);
    expect(elsewhere.get('HTTP_REQUEST')).toBe('info');
    const audit = await (await h.request('/api/audit?action=log_level.set&entityId=HTTP_REQUEST', { headers: auth })).json();
    expect(audit.items.map((e: { after: unknown }) => e.after)).toEqual([{ level: 'info' }, { level: 'silent' }]);
  });

  it('rejects unknown event IDs and levels naming the field', async () => {
    const a = await h.request('/api/admin/log-levels/NOPE', { method: 'PUT', headers: auth, json: { level: 'info' } });
    expect(a.status).toBe(400);
    expect((await a.json()).error.details.fields[0].field).toBe('path.eventId');
    const b = await h.request('/api/admin/log-levels/HTTP_REQUEST', { method: 'PUT', headers: auth, json: { level: 'loud' } });
    expect(b.status).toBe(400);
    expect((await b.json()).error.details.fields[0].field).toBe('level');
  });
});
