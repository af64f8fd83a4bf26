import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser, createWorld, unique, type TestUser, type World } from '../test-support/actors.js';
import { databaseKinds } from '../test-support/databases.js';
import { createHarness, type Harness } from '../test-support/harness.js';
import { loadPolicySteps, reachWarning } from './index.js';

const SECRET = 'escalation-webhook-secret-0123456789';
const OTHER_SECRET = 'rotated-webhook-secret-9876543210';

describe.each(await databaseKinds())('escalation policies on %s', (kind) => {
  let h: Harness;
  let w: World;
  const db = () => h.operable.deps.database.db;

  beforeAll(async () => {
    h = await createHarness(kind);
    w = await createWorld(h);
  });
  afterAll(() => h.close());

  /** `secret: null` leaves it out, as a client editing a policy does. */
  const webhook = (url = 'https://hooks.example.com/page', secret: string | null = SECRET) => ({ type: 'webhook', url, ...(secret ? { secret } : {}) });
  const user = (u: TestUser | string) => ({ type: 'user', userId: typeof u === 'string' ? u : u.id });
  const policyBody = (extra: Record<string, unknown> = {}) => ({
    name: unique('policy'),
    teamId: w.teamA.id,
    steps: [
      { delayMinutes: 5, targets: [user(w.responder), webhook()] },
      { delayMinutes: 10, requireAllAck: true, targets: [user(w.admin)] },
    ],
    ...extra,
  });
  const auditOf = (id: string) => db().selectFrom('audit_log').selectAll().where('entity_id', '=', id).orderBy('id').execute();

  /** Gives `person` a verified email (and, unless `rules` is false, keeps the default rule). */
  async function makeReachable(person: TestUser, rules = true) {
    const address = `${unique('reach')}@operable.test`;
    const method = await w.admin.call('POST', `/api/users/${person.id}/contact-methods`, { type: 'email', address });
    const sent = (await db().selectFrom('outbox').selectAll().execute()).find((r) => (r.target as { address: string }).address === address)!;
    const code = /\b(\d{6})\b/.exec((sent.message as { text: string }).text)![1];
    await w.admin.call('POST', `/api/users/${person.id}/contact-methods/${method.id}/verify`, { code }, 200);
    if (!rules && method.defaultRule) await w.admin.call('DELETE', `/api/users/${person.id}/notification-rules/${method.defaultRule.id}`, undefined, 204);
  }

  it('lets a responder create, read, change and delete their team’s policy, audited without secrets', async () => {
    const res = await w.responder.request('/api/escalation-policies', { method: 'POST', json: policyBody({ description: 'Payments on-call', repeatCount: 2 }) });
    const text = await res.text();
    expect(res.status, text).toBe(201);
    expect(text).not.toContain(SECRET);
    const created = JSON.parse(text);
    expect(created).toMatchObject({
      description: 'Payments on-call',
      teamId: w.teamA.id,
      teamName: w.teamA.name,
      repeatCount: 2,
      services: [],
      steps: [
        {
          delayMinutes: 5,
          requireAllAck: false,
          targets: [
            { type: 'user', userId: w.responder.id, name: 'Rico Responder', hasVerifiedContact: false },
            { type: 'webhook', url: 'https://hooks.example.com/page' },
          ],
        },
        { delayMinutes: 10, requireAllAck: true, targets: [{ type: 'user', userId: w.admin.id, name: 'Test Admin' }] },
      ],
    });

    // Stored in order 0..n-1, secrets included, for the engine.
    const rows = await db().selectFrom('escalation_steps').select(['position', 'delay_minutes']).where('policy_id', '=', created.id).orderBy('position').execute();
    expect(rows).toEqual([
      { position: 0, delay_minutes: 5 },
      { position: 1, delay_minutes: 10 },
    ]);
    expect(await loadPolicySteps(db(), created.id)).toEqual({
      repeatCount: 2,
      steps: [
        { position: 0, delayMinutes: 5, requireAllAck: false, targets: [user(w.responder), webhook()] },
        { position: 1, delayMinutes: 10, requireAllAck: true, targets: [user(w.admin)] },
      ],
    });
    expect(await loadPolicySteps(db(), crypto.randomUUID())).toBeNull();

    expect(JSON.stringify(await w.viewer.call('GET', `/api/escalation-policies/${created.id}`))).not.toContain(SECRET);
    const listed = await w.viewer.call('GET', '/api/escalation-policies');
    expect(listed.items.find((p: { id: string }) => p.id === created.id)).toEqual(await w.viewer.call('GET', `/api/escalation-policies/${created.id}`));

    // A PATCH of the name leaves everything else alone.
    const renamed = await w.responder.call('PATCH', `/api/escalation-policies/${created.id}`, { name: `${created.name} renamed` });
    expect(renamed).toMatchObject({ description: 'Payments on-call', repeatCount: 2, teamId: w.teamA.id, steps: created.steps });

    // Steps sent without the webhook's secret keep the stored one; a new secret replaces it.
    const steps = [{ delayMinutes: 1, targets: [webhook(undefined, null), user(w.responder)] }];
    await w.responder.call('PATCH', `/api/escalation-policies/${created.id}`, { steps });
    expect((await loadPolicySteps(db(), created.id))!.steps).toEqual([{ position: 0, delayMinutes: 1, requireAllAck: false, targets: [webhook(), user(w.responder)] }]);
    await w.responder.call('PATCH', `/api/escalation-policies/${created.id}`, { steps: [{ delayMinutes: 1, targets: [webhook(undefined, OTHER_SECRET)] }] });
    expect((await loadPolicySteps(db(), created.id))!.steps[0]!.targets).toEqual([webhook(undefined, OTHER_SECRET)]);

    await w.responder.call('DELETE', `/api/escalation-policies/${created.id}`, undefined, 204);
    expect((await w.viewer.request(`/api/escalation-policies/${created.id}`)).status).toBe(404);
    expect(await db().selectFrom('escalation_steps').select('id').where('policy_id', '=', created.id).execute()).toEqual([]);

    const audit = await auditOf(created.id);
    expect(audit.map((a) => a.action)).toEqual([
      'escalation_policy.create',
      'escalation_policy.update',
      'escalation_policy.update',
      'escalation_policy.update',
      'escalation_policy.delete',
    ]);
    const text2 = JSON.stringify(audit);
    expect(text2).not.toContain(SECRET);
    expect(text2).not.toContain(OTHER_SECRET);
    expect(audit[1]).toMatchObject({ before: { name: created.name }, after: { name: `${created.name} renamed` } });
    expect((audit[2]!.after as Record<string, unknown>).webhookSecretsSetFor).toBeUndefined();
    expect((audit[3]!.after as Record<string, unknown>).webhookSecretsSetFor).toEqual(['https://hooks.example.com/page']);
  });

  it('keeps responders to their own teams, policies of no team to admins, and viewers to reading', async () => {
    const status = async (who: TestUser, method: string, path: string, json?: unknown) => (await who.request(path, { method, json })).status;
    expect(await status(w.responder, 'POST', '/api/escalation-policies', policyBody({ teamId: w.teamB.id }))).toBe(403);
    expect(await status(w.responder, 'POST', '/api/escalation-policies', policyBody({ teamId: null }))).toBe(403);
    expect(await status(w.viewer, 'POST', '/api/escalation-policies', policyBody())).toBe(403);

    const other = await w.admin.call('POST', '/api/escalation-policies', policyBody({ teamId: w.teamB.id }));
    const global = await w.admin.call('POST', '/api/escalation-policies', policyBody({ teamId: null }));
    const own = await w.responder.call('POST', '/api/escalation-policies', policyBody());
    for (const p of [other, global]) {
      expect(await status(w.responder, 'PATCH', `/api/escalation-policies/${p.id}`, { description: 'mine now' })).toBe(403);
      expect(await status(w.responder, 'DELETE', `/api/escalation-policies/${p.id}`)).toBe(403);
    }
    // Moving one's own policy away needs rights on where it goes.
    expect(await status(w.responder, 'PATCH', `/api/escalation-policies/${own.id}`, { teamId: w.teamB.id })).toBe(403);
    expect(await status(w.responder, 'PATCH', `/api/escalation-policies/${own.id}`, { teamId: null })).toBe(403);
    expect(await status(w.viewer, 'PATCH', `/api/escalation-policies/${own.id}`, { description: 'x' })).toBe(403);
    expect(await status(w.viewer, 'DELETE', `/api/escalation-policies/${own.id}`)).toBe(403);
    expect(await status(w.viewer, 'GET', `/api/escalation-policies/${other.id}`)).toBe(200);
    expect(await status(w.admin, 'PATCH', `/api/escalation-policies/${global.id}`, { teamId: w.teamA.id })).toBe(200);
    expect(await status(w.responder, 'PATCH', `/api/escalation-policies/${global.id}`, { description: 'ours now' })).toBe(200);
  });

  it('validates people, team, secrets and names, naming the field', async () => {
    const fields = async (res: Response) => [res.status, (await res.json()).error.details?.fields?.map((f: { field: string }) => f.field)];
    const post = (json: unknown) => w.admin.request('/api/escalation-policies', { method: 'POST', json });
    const ghost = crypto.randomUUID();
    expect(await fields(await post(policyBody({ steps: [{ delayMinutes: 0, targets: [user(w.admin)] }, { delayMinutes: 0, targets: [webhook(), user(ghost)] }] })))).toEqual([
      400,
      ['steps.1.targets.1.userId'],
    ]);
    expect(await fields(await post(policyBody({ teamId: crypto.randomUUID() })))).toEqual([400, ['teamId']]);
    expect(await fields(await post(policyBody({ steps: [{ delayMinutes: 0, targets: [webhook(undefined, null)] }] })))).toEqual([
      400,
      ['steps.0.targets.0.secret'],
    ]);
    const taken = await w.admin.call('POST', '/api/escalation-policies', policyBody());
    expect(await fields(await post(policyBody({ name: taken.name.toUpperCase() })))).toEqual([409, ['name']]);
    // A URL the policy never had needs its secret even on update.
    const res = await w.admin.request(`/api/escalation-policies/${taken.id}`, {
      method: 'PATCH',
      json: { steps: [{ delayMinutes: 0, targets: [webhook('https://hooks.example.com/new', null)] }] },
    });
    expect(await fields(res)).toEqual([400, ['steps.0.targets.0.secret']]);
    expect((await w.admin.request(`/api/escalation-policies/${crypto.randomUUID()}`, { method: 'PATCH', json: { name: 'x' } })).status).toBe(404);
  });

  it('refuses webhook targets that are or resolve to internal addresses, on create and update, naming each field', async () => {
    // The harness allows 127.0.0.1/32 (where tests run receivers) and nothing else.
    const fields = async (res: Response) => [res.status, (await res.json()).error.details?.fields?.map((f: { field: string }) => f.field)];
    const steps = [
      { delayMinutes: 0, targets: [user(w.responder), webhook('http://169.254.169.254/latest/meta-data/')] },
      { delayMinutes: 5, targets: [webhook('http://localhost:6379/'), webhook('http://127.0.0.1:9/ok'), webhook('http://[fe80::1]/')] },
    ];
    const res = await w.responder.request('/api/escalation-policies', { method: 'POST', json: policyBody({ steps }) });
    expect(await fields(res)).toEqual([400, ['steps.0.targets.1.url', 'steps.1.targets.0.url', 'steps.1.targets.2.url']]);

    const policy = await w.responder.call('POST', '/api/escalation-policies', policyBody());
    // Kept secret (matched by URL) or not, a URL pointing inside is refused, and nothing changes.
    const patch = await w.responder.request(`/api/escalation-policies/${policy.id}`, {
      method: 'PATCH',
      json: { steps: [{ delayMinutes: 0, targets: [webhook(), webhook('http://10.0.0.5:8080/hook')] }] },
    });
    expect(await fields(patch)).toEqual([400, ['steps.0.targets.1.url']]);
    expect((await w.responder.call('GET', `/api/escalation-policies/${policy.id}`)).steps).toEqual(policy.steps);
    expect(h.logs).toContainEqual(expect.objectContaining({ event: 'OUTBOUND_ADDRESS_REFUSED', field: 'steps.0.targets.1.url', address: '10.0.0.5', range: 'private' }));
  });

  it('warns about each person it would not reach, once, until they are reachable', async () => {
    const ada = await createUser(w.admin, 'responder', { name: 'Ada Lovelace' });
    const bob = await createUser(w.admin, 'responder', { name: 'Bob Ruleless' });
    const cy = await createUser(w.admin, 'responder', { name: 'Cy Reachable' });
    await makeReachable(bob, false);
    await makeReachable(cy);
    const policy = await w.admin.call(
      'POST',
      '/api/escalation-policies',
      policyBody({ steps: [{ delayMinutes: 0, targets: [user(ada), user(bob), user(cy)] }, { delayMinutes: 0, targets: [user(ada)] }] }),
    );
    expect(policy.warnings).toEqual([
      'Ada Lovelace has no verified contact method: they would not be reached',
      'Bob Ruleless has no notification rule for a verified contact method: they would not be reached',
    ]);
    expect(policy.steps[0].targets.map((t: { hasVerifiedContact: boolean }) => t.hasVerifiedContact)).toEqual([false, true, true]);

    await makeReachable(ada);
    expect((await w.viewer.call('GET', `/api/escalation-policies/${policy.id}`)).warnings).toEqual([
      'Bob Ruleless has no notification rule for a verified contact method: they would not be reached',
    ]);
  });

  it('refuses to delete a policy a service pages through, naming the service', async () => {
    const policy = await w.responder.call('POST', '/api/escalation-policies', policyBody());
    await w.responder.call('PATCH', `/api/services/${w.serviceA.id}`, { escalationPolicyId: policy.id });
    expect((await w.viewer.call('GET', `/api/escalation-policies/${policy.id}`)).services).toEqual([{ id: w.serviceA.id, name: w.serviceA.name }]);
    const res = await w.responder.request(`/api/escalation-policies/${policy.id}`, { method: 'DELETE' });
    expect(res.status).toBe(409);
    const body = await res.json();
    expect(body.error.message).toContain(w.serviceA.name);
    expect(body.error.details.services).toEqual([{ id: w.serviceA.id, name: w.serviceA.name }]);
    expect((await auditOf(policy.id)).map((a) => a.action)).toEqual(['escalation_policy.create']);

    await w.responder.call('PATCH', `/api/services/${w.serviceA.id}`, { escalationPolicyId: null });
    await w.responder.call('DELETE', `/api/escalation-policies/${policy.id}`, undefined, 204);
  });
});

describe('reach warnings', () => {
  it('says why a person would not be reached', () => {
    expect(reachWarning('Ada Lovelace', { verified: 0, rules: 0 }, 0)).toBe('Ada Lovelace has no verified contact method: they would not be reached');
    expect(reachWarning('Ada Lovelace', { verified: 1, rules: 0 }, 0)).toMatch(/no notification rule/);
    expect(reachWarning('Ada Lovelace', { verified: 1, rules: 1 }, 0)).toBeNull();
    expect(reachWarning(undefined, { verified: 0, rules: 0 }, 2)).toBe('Step 3 names a person who no longer exists: remove them');
  });
});
