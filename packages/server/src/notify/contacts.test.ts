import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inTransaction } from '../db/index.js';
import { createUser, createWorld, unique, type TestUser, type World } from '../test-support/actors.js';
import { databaseKinds } from '../test-support/databases.js';
import { createHarness, type Harness } from '../test-support/harness.js';
import {
  CODE_TTL_MINUTES,
  contactWarnings,
  createContactMethod,
  MAX_CODE_ATTEMPTS,
  notificationPlan,
  RESEND_AFTER_SECONDS,
  userContactSummary,
} from './index.js';

interface OutboxRow {
  id: string;
  channel: string;
  target: { type: string; address: string; secret?: string };
  message: { id: string; kind: string; title: string; text: string; urgency: string; traceId: string };
  status: string;
}

describe.each(await databaseKinds())('contact methods and notification rules on %s', (kind) => {
  let h: Harness;
  let w: World;
  const db = () => h.operable.deps.database.db;

  beforeAll(async () => {
    h = await createHarness(kind);
    w = await createWorld(h);
  });
  afterAll(() => h.close());

  /** Outbox rows addressed to `address`, oldest first. */
  async function outboxFor(address: string): Promise<OutboxRow[]> {
    const rows = (await db().selectFrom('outbox').selectAll().orderBy('created_at').execute()) as unknown as OutboxRow[];
    return rows.filter((r) => r.target.address === address);
  }
  const codeIn = (text: string) => /\b(\d{6})\b/.exec(text)![1]!;
  async function latestCode(address: string): Promise<string> {
    const sent = (await outboxFor(address)).filter((r) => r.message.kind === 'verification');
    return codeIn(sent.at(-1)!.message.text);
  }
  const email = () => `${unique('cm')}@operable.test`;

  async function addVerified(person: TestUser, body: Record<string, unknown>) {
    const method = await person.call('POST', '/api/me/contact-methods', body);
    await person.call('POST', `/api/me/contact-methods/${method.id}/verify`, { code: await latestCode(body.address as string) }, 200);
    return method;
  }

  const newPerson = (role: 'viewer' | 'responder' = 'viewer'): Promise<TestUser> => createUser(w.admin, role);

  it('creates a method unverified, adds a default rule, and queues exactly one verification message holding the code', async () => {
    const person = await newPerson();
    const address = email();
    const res = await person.request('/api/me/contact-methods', { method: 'POST', json: { type: 'email', address, label: 'Work' } });
    expect(res.status).toBe(201);
    const method = await res.json();
    expect(method).toMatchObject({ type: 'email', address, label: 'Work', verified: false, userId: person.id });
    expect(method.verificationExpiresAt).toBe(new Date(h.clock.now().getTime() + CODE_TTL_MINUTES * 60_000).toISOString());
    expect(method.defaultRule).toMatchObject({ contactMethodId: method.id, delayMinutes: 0, urgency: 'any' });

    const sent = await outboxFor(address);
    expect(sent).toHaveLength(1);
    expect(sent[0]).toMatchObject({ channel: 'email', status: 'pending', target: { type: 'email', address } });
    expect(sent[0]!.message).toMatchObject({ kind: 'verification', title: 'Your Operable verification code', urgency: 'high' });
    expect(sent[0]!.message.traceId).toBe(res.headers.get('x-request-id'));
    const code = codeIn(sent[0]!.message.text);
    expect(sent[0]!.message.text).toContain(`Your code is ${code}`);

    // Stored only as a keyed hash; never in the audit log.
    const row = await db().selectFrom('contact_methods').selectAll().where('id', '=', method.id).executeTakeFirstOrThrow();
    expect(row.verification_hash).toBeTruthy();
    expect(row.verification_hash).not.toContain(code);
    const audit = await db().selectFrom('audit_log').selectAll().where('entity_id', 'in', [method.id, method.defaultRule.id]).execute();
    expect(audit.map((a) => a.action).sort()).toEqual(['contact_method.create', 'notification_rule.create']);
    expect(JSON.stringify(audit)).not.toContain(code);

    const setup = await person.call('GET', '/api/me/contact-setup');
    expect(setup.contactMethods).toHaveLength(1);
    expect(setup.notificationRules).toEqual([method.defaultRule]);
    expect(setup.warnings).toContain('No verified contact method for high-urgency pages: they would reach no one');
    expect(setup.warnings).toContain('Work (Email) is not verified yet: enter the code sent to it');

    // The second method gets no rule of its own: the person already has one.
    const second = await person.call('POST', '/api/me/contact-methods', { type: 'sms', address: '+14155550100' });
    expect(second.defaultRule).toBeNull();
  });

  it('verifies with the right code only, counting wrong ones, and never twice', async () => {
    const person = await newPerson();
    const address = email();
    const method = await person.call('POST', '/api/me/contact-methods', { type: 'email', address });
    const code = await latestCode(address);
    const wrong = code === '000000' ? '000001' : '000000';

    const bad = await person.request(`/api/me/contact-methods/${method.id}/verify`, { method: 'POST', json: { code: wrong } });
    expect(bad.status).toBe(400);
    const body = await bad.json();
    expect(body.error.details.fields).toEqual([{ field: 'code', message: `Wrong code; ${MAX_CODE_ATTEMPTS - 1} tries left` }]);

    const ok = await person.call('POST', `/api/me/contact-methods/${method.id}/verify`, { code }, 200);
    expect(ok).toMatchObject({ id: method.id, verified: true, verificationExpiresAt: null });
    const setup = await person.call('GET', '/api/me/contact-setup');
    expect(setup.warnings).toEqual([]);
    const audit = await db().selectFrom('audit_log').select(['action', 'before', 'after']).where('entity_id', '=', method.id).execute();
    expect(audit.map((a) => a.action)).toContain('contact_method.verify');
    expect(JSON.stringify(audit)).not.toContain(code);
    // Already verified: resending a code makes no sense.
    expect((await person.request(`/api/me/contact-methods/${method.id}/resend-code`, { method: 'POST' })).status).toBe(409);
  });

  it('refuses an expired code, and a resend (not within a minute) brings a fresh one', async () => {
    const person = await newPerson();
    const address = email();
    const method = await person.call('POST', '/api/me/contact-methods', { type: 'email', address });
    const first = await latestCode(address);

    const tooSoon = await person.request(`/api/me/contact-methods/${method.id}/resend-code`, { method: 'POST' });
    expect(tooSoon.status).toBe(429);
    expect(Number(tooSoon.headers.get('retry-after'))).toBe(RESEND_AFTER_SECONDS);

    h.clock.advance(CODE_TTL_MINUTES * 60_000);
    const expired = await person.request(`/api/me/contact-methods/${method.id}/verify`, { method: 'POST', json: { code: first } });
    expect(expired.status).toBe(400);
    expect((await expired.json()).error.details.fields[0]).toMatchObject({ field: 'code', message: expect.stringContaining('expired') });

    const resent = await person.call('POST', `/api/me/contact-methods/${method.id}/resend-code`, undefined, 200);
    expect(resent.verified).toBe(false);
    expect(await outboxFor(address)).toHaveLength(2);
    const second = await latestCode(address);
    if (second !== first) {
      expect((await person.request(`/api/me/contact-methods/${method.id}/verify`, { method: 'POST', json: { code: first } })).status).toBe(400);
    }
    h.clock.advance(CODE_TTL_MINUTES * 60_000 - 1000); // still inside the new code's window
    expect(await person.call('POST', `/api/me/contact-methods/${method.id}/verify`, { code: second }, 200)).toMatchObject({ verified: true });
  });

  it(`uses a code up after ${MAX_CODE_ATTEMPTS} wrong tries, even for the right code then`, async () => {
    const person = await newPerson();
    const address = email();
    const method = await person.call('POST', '/api/me/contact-methods', { type: 'email', address });
    const code = await latestCode(address);
    const wrong = code === '111111' ? '222222' : '111111';
    const verify = (c: string) => person.request(`/api/me/contact-methods/${method.id}/verify`, { method: 'POST', json: { code: c } });
    for (let i = 1; i <= MAX_CODE_ATTEMPTS; i++) expect((await verify(wrong)).status).toBe(400);
    const blocked = await verify(code);
    expect(blocked.status).toBe(400);
    expect((await blocked.json()).error.details.fields[0].message).toMatch(/ask for a new one/);
    expect((await person.call('GET', '/api/me/contact-setup')).contactMethods[0].verified).toBe(false);

    h.clock.advance(RESEND_AFTER_SECONDS * 1000);
    await person.call('POST', `/api/me/contact-methods/${method.id}/resend-code`, undefined, 200);
    expect((await verify(await latestCode(address))).status).toBe(200);
  });

  it('sends a test message only to a verified method', async () => {
    const person = await newPerson();
    const address = email();
    const method = await person.call('POST', '/api/me/contact-methods', { type: 'email', address });
    const refused = await person.request(`/api/me/contact-methods/${method.id}/test`, { method: 'POST' });
    expect(refused.status).toBe(409);
    expect((await outboxFor(address)).map((r) => r.message.kind)).toEqual(['verification']);

    await person.call('POST', `/api/me/contact-methods/${method.id}/verify`, { code: await latestCode(address) }, 200);
    const queued = await person.call('POST', `/api/me/contact-methods/${method.id}/test`, undefined, 202);
    const sent = await outboxFor(address);
    expect(sent.map((r) => r.message.kind)).toEqual(['verification', 'test']);
    expect(sent[1]!.id).toBe(queued.messageId);
    expect(sent[1]!.message.id).toBe(queued.messageId);
  });

  it('keeps webhook secrets write-only and out of the audit log, but gives them to the delivery', async () => {
    const person = await newPerson();
    const secret = 'personal-webhook-secret-0123456789';
    const url = `https://hooks.example.com/${unique('me')}`;
    const res = await person.request('/api/me/contact-methods', { method: 'POST', json: { type: 'webhook', address: url, secret } });
    expect(res.status).toBe(201);
    const text = await res.text();
    expect(text).not.toContain(secret);
    expect(JSON.stringify(await person.call('GET', '/api/me/contact-setup'))).not.toContain(secret);
    const audit = await db().selectFrom('audit_log').selectAll().where('entity_id', '=', JSON.parse(text).id).execute();
    expect(audit.length).toBeGreaterThan(0);
    expect(JSON.stringify(audit)).not.toContain(secret);
    expect((await outboxFor(url))[0]!.target.secret).toBe(secret);
  });

  it('plans notifications by urgency, verified methods only, soonest first', async () => {
    const person = await newPerson('responder');
    const mail = await addVerified(person, { type: 'email', address: email() }); // default rule: at once, any urgency
    const sms = await addVerified(person, { type: 'sms', address: '+14155550111' });
    const voice = await person.call('POST', '/api/me/contact-methods', { type: 'voice', address: '+14155550112' }); // never verified
    for (const rule of [
      { contactMethodId: voice.id, delayMinutes: 1, urgency: 'high' },
      { contactMethodId: mail.id, delayMinutes: 10, urgency: 'low' },
      { contactMethodId: sms.id, delayMinutes: 2, urgency: 'high' },
    ]) {
      await person.call('POST', '/api/me/notification-rules', rule);
    }
    const plan = (u: 'high' | 'low') => notificationPlan(db(), person.id, u);
    expect((await plan('high')).map((p) => [p.type, p.delayMinutes])).toEqual([
      ['email', 0],
      ['sms', 2],
    ]);
    expect((await plan('low')).map((p) => [p.type, p.delayMinutes])).toEqual([
      ['email', 0],
      ['email', 10],
    ]);
    expect((await plan('high'))[1]).toEqual({ contactMethodId: sms.id, type: 'sms', address: '+14155550111', secret: null, delayMinutes: 2 });

    const summary = await userContactSummary(db(), [person.id, w.bystander.id]);
    expect(summary.get(person.id)).toEqual({ verified: 2, rules: 3 });
    expect(summary.get(w.bystander.id)).toEqual({ verified: 0, rules: 0 });

    // The same rule twice is refused; deleting a method takes its rules with it.
    const dup = await person.request('/api/me/notification-rules', { method: 'POST', json: { contactMethodId: sms.id, delayMinutes: 2, urgency: 'high' } });
    expect(dup.status).toBe(409);
    await person.call('DELETE', `/api/me/contact-methods/${sms.id}`, undefined, 204);
    expect((await plan('high')).map((p) => p.type)).toEqual(['email']);
    const setup = await person.call('GET', '/api/me/contact-setup');
    expect(setup.notificationRules.some((r: { contactMethodId: string }) => r.contactMethodId === sms.id)).toBe(false);
    const rule = setup.notificationRules.find((r: { urgency: string }) => r.urgency === 'low');
    await person.call('DELETE', `/api/me/notification-rules/${rule.id}`, undefined, 204);
    expect((await plan('low')).map((p) => p.delayMinutes)).toEqual([0]);
  });

  it('refuses bad input naming the field, and someone else’s things as not found', async () => {
    const person = await newPerson();
    const other = await newPerson();
    const post = (path: string, json: unknown, who = person) => who.request(path, { method: 'POST', json });
    const fields = async (res: Response) => (await res.json()).error.details.fields.map((f: { field: string }) => f.field);

    let res = await post('/api/me/contact-methods', { type: 'sms', address: '0155 555 0100' });
    expect(res.status).toBe(400);
    expect(await fields(res)).toEqual(['address']);
    res = await post('/api/me/contact-methods', { type: 'webhook', address: 'https://hooks.example.com/x' });
    expect([res.status, await fields(res)]).toEqual([400, ['secret']]);
    res = await post('/api/me/contact-methods', { type: 'email', address: 'a@b.test', secret: 'x'.repeat(20) });
    expect([res.status, await fields(res)]).toEqual([400, ['secret']]);
    res = await post('/api/me/contact-methods', { type: 'ntfy', address: 'my topic' });
    expect([res.status, await fields(res)]).toEqual([400, ['address']]);
    res = await post('/api/me/notification-rules', { contactMethodId: crypto.randomUUID(), delayMinutes: 0 });
    expect([res.status, await fields(res)]).toEqual([400, ['contactMethodId']]);
    expect((await post(`/api/me/contact-methods/${crypto.randomUUID()}/verify`, { code: '123456' })).status).toBe(404);

    const address = email();
    const theirs = await other.call('POST', '/api/me/contact-methods', { type: 'email', address });
    res = await post('/api/me/notification-rules', { contactMethodId: theirs.id, delayMinutes: 0 });
    expect([res.status, await fields(res)]).toEqual([400, ['contactMethodId']]);
    expect((await post(`/api/me/contact-methods/${theirs.id}/verify`, { code: await latestCode(address) })).status).toBe(404);
    expect((await person.request(`/api/me/contact-methods/${theirs.id}`, { method: 'DELETE' })).status).toBe(404);
    expect((await person.request(`/api/me/notification-rules/${theirs.defaultRule.id}`, { method: 'DELETE' })).status).toBe(404);
    // The same address twice for one person is a conflict; for another person it is fine.
    expect((await post('/api/me/contact-methods', { type: 'email', address }, other)).status).toBe(409);
    expect((await post('/api/me/contact-methods', { type: 'email', address })).status).toBe(201);
  });

  it('lets admins, and only admins, manage someone else’s setup', async () => {
    const target = w.bystander;
    const base = `/api/users/${target.id}`;
    const address = email();
    const method = await w.admin.call('POST', `${base}/contact-methods`, { type: 'email', address });
    expect(method.userId).toBe(target.id);
    expect((await w.viewer.request(`${base}/contact-setup`)).status).toBe(403);
    expect((await w.responder.request(`${base}/contact-methods`, { method: 'POST', json: { type: 'email', address: email() } })).status).toBe(403);
    expect((await w.admin.request(`/api/users/${crypto.randomUUID()}/contact-setup`)).status).toBe(404);
    // The admin's own /me routes do not reach it.
    expect((await w.admin.request(`/api/me/contact-methods/${method.id}`, { method: 'DELETE' })).status).toBe(404);

    await w.admin.call('POST', `${base}/contact-methods/${method.id}/verify`, { code: await latestCode(address) }, 200);
    await w.admin.call('POST', `${base}/contact-methods/${method.id}/test`, undefined, 202);
    const setup = await w.admin.call('GET', `${base}/contact-setup`);
    expect(setup.contactMethods.map((m: { id: string; verified: boolean }) => [m.id, m.verified])).toEqual([[method.id, true]]);
    const rule = await w.admin.call('POST', `${base}/notification-rules`, { contactMethodId: method.id, delayMinutes: 5, urgency: 'high' });
    await w.admin.call('DELETE', `${base}/notification-rules/${rule.id}`, undefined, 204);
    await w.admin.call('DELETE', `${base}/contact-methods/${method.id}`, undefined, 204);
    const audit = await w.admin.call('GET', `/api/audit?entityType=contact_method&entityId=${method.id}`);
    expect(audit.items.map((a: { action: string }) => a.action)).toEqual([
      'contact_method.delete',
      'contact_method.test',
      'contact_method.verify',
      'contact_method.create',
    ]);
    expect(audit.items.every((a: { actorId: string }) => a.actorId !== target.id)).toBe(true);
  });

  it('rolls a created method, its code message and its audit rows back together', async () => {
    const person = await newPerson();
    const address = email();
    const auditRows = async () => Number((await db().selectFrom('audit_log').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
    const auditBefore = await auditRows();
    await expect(
      inTransaction(db(), async (trx) => {
        const ctx = { ...h.operable.systemCtx(trx), actor: { kind: 'user' as const, userId: person.id, role: 'viewer' as const, teamIds: [], label: 'p' } };
        await createContactMethod(ctx, { type: 'email', address, label: '' });
        throw new Error('boom after the write');
      }),
    ).rejects.toThrow('boom');
    expect(await outboxFor(address)).toEqual([]);
    expect(await auditRows()).toBe(auditBefore);
    expect((await person.call('GET', '/api/me/contact-setup')).contactMethods).toEqual([]);
  });
});

describe('contact warnings', () => {
  const method = (id: string, verified: boolean, label = '') => ({
    id,
    userId: 'u',
    type: 'email' as const,
    address: `${id}@example.com`,
    label,
    verified,
    verificationExpiresAt: null,
    createdAt: '2026-01-01T00:00:00.000Z',
  });
  const rule = (contactMethodId: string, urgency: 'high' | 'low' | 'any') => ({
    id: `r-${contactMethodId}-${urgency}`,
    userId: 'u',
    contactMethodId,
    delayMinutes: 0,
    urgency,
    createdAt: '2026-01-01T00:00:00.000Z',
  });

  it('names each urgency no verified method covers', () => {
    expect(contactWarnings([], [])).toEqual([
      'No verified contact method for high-urgency pages: they would reach no one',
      'No verified contact method for low-urgency pages: they would reach no one',
    ]);
    expect(contactWarnings([method('a', true)], [rule('a', 'high')])).toEqual(['No verified contact method for low-urgency pages: they would reach no one']);
    expect(contactWarnings([method('a', true)], [rule('a', 'any')])).toEqual([]);
  });

  it('points at unverified and unused methods', () => {
    expect(contactWarnings([method('a', true), method('b', false, 'Phone'), method('c', true)], [rule('a', 'any'), rule('b', 'any')])).toEqual([
      'Phone (Email) is not verified yet: enter the code sent to it',
      'Email c@example.com is verified but no notification rule uses it',
    ]);
  });
});
