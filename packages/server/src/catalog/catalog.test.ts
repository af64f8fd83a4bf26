import { CreateService, CreateTeam, CreateUser } from '@operable/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listAudit } from '../audit/index.js';
import { createUser } from '../auth/index.js';
import { inTransaction } from '../db/index.js';
import type { Actor, Ctx } from '../lib/context.js';
import { DomainError } from '../lib/errors.js';
import { databaseKinds } from '../test-support/databases.js';
import { createHarness, type Harness } from '../test-support/harness.js';
import { addTeamMember, createService, createTeam, deleteService, deleteTeam, listServices, updateService } from './index.js';

describe.each(await databaseKinds())('catalog on %s', (kind) => {
  let h: Harness;
  let run: <T>(actor: Actor, fn: (ctx: Ctx) => Promise<T>) => Promise<T>;
  let teamA: string;
  let teamB: string;
  let responder: Actor;
  let viewer: Actor;
  const admin = (): Actor => ({ kind: 'user', userId: null, role: 'admin', teamIds: [], label: 'admin@test' });

  beforeAll(async () => {
    h = await createHarness(kind);
    run = (actor, fn) => inTransaction(h.operable.deps.database.db, (db) => fn({ ...h.operable.systemCtx(db), actor, requestId: 'req-test' }));
    teamA = (await run(admin(), (ctx) => createTeam(ctx, CreateTeam.parse({ name: 'Payments' })))).id;
    teamB = (await run(admin(), (ctx) => createTeam(ctx, CreateTeam.parse({ name: 'Mobile' })))).id;
    const r = await run(admin(), (ctx) => createUser(ctx, CreateUser.parse({ name: 'Rui', email: 'rui@example.com' })));
    await run(admin(), (ctx) => addTeamMember(ctx, teamA, r.id));
    responder = { kind: 'user', userId: r.id, role: 'responder', teamIds: [teamA], label: r.email };
    viewer = { kind: 'user', userId: null, role: 'viewer', teamIds: [], label: 'viewer@test' };
  });
  afterAll(() => h.close());

  const service = (name: string, teamId: string, extra: object = {}) => CreateService.parse({ name, teamId, ...extra });

  it('lets a responder create, edit and delete their own team’s services, writing audit rows with before/after', async () => {
    const s = await run(responder, (ctx) => createService(ctx, service('Ledger', teamA, { tags: ['tier-1', 'tier-1', 'db'] })));
    expect(s).toMatchObject({ name: 'Ledger', teamName: 'Payments', tags: ['tier-1', 'db'], runbookUrl: null });
    const updated = await run(responder, (ctx) => updateService(ctx, s.id, { description: 'Double-entry ledger' }));
    expect(updated.description).toBe('Double-entry ledger');
    await run(responder, (ctx) => deleteService(ctx, s.id));

    const audit = await run(admin(), (ctx) => listAudit(ctx, { entityType: 'service', entityId: s.id, limit: 10 }));
    expect(audit.items.map((e) => e.action)).toEqual(['service.delete', 'service.update', 'service.create']);
    const update = audit.items[1]!;
    expect(update).toMatchObject({ actorType: 'user', actorId: responder.userId, requestId: 'req-test' });
    expect((update.before as { description: string }).description).toBe('');
    expect((update.after as { description: string }).description).toBe('Double-entry ledger');
  });

  it('stops a responder at another team’s services, and a viewer everywhere', async () => {
    const other = await run(admin(), (ctx) => createService(ctx, service('App Store Sync', teamB)));
    await expect(run(responder, (ctx) => createService(ctx, service('Sneaky', teamB)))).rejects.toMatchObject({ code: 'forbidden' });
    await expect(run(responder, (ctx) => updateService(ctx, other.id, { name: 'Mine' }))).rejects.toMatchObject({ code: 'forbidden' });
    await expect(run(responder, (ctx) => deleteService(ctx, other.id))).rejects.toMatchObject({ code: 'forbidden' });
    const own = await run(responder, (ctx) => createService(ctx, service('Refunds', teamA)));
    // Moving a service needs rights on the team it moves to as well.
    await expect(run(responder, (ctx) => updateService(ctx, own.id, { teamId: teamB }))).rejects.toMatchObject({ code: 'forbidden' });
    await expect(run(viewer, (ctx) => createService(ctx, service('Nope', teamA)))).rejects.toMatchObject({ code: 'forbidden' });
    expect((await run(viewer, (ctx) => listServices(ctx))).map((s) => s.name)).toEqual(['App Store Sync', 'Refunds']);
  });

  it('keeps names unique regardless of case', async () => {
    await run(admin(), (ctx) => createService(ctx, service('Search', teamA)));
    const error = await run(admin(), (ctx) => createService(ctx, service('SEARCH', teamB))).catch((e) => e);
    expect(error).toBeInstanceOf(DomainError);
    expect(error).toMatchObject({ code: 'conflict', details: { fields: [{ field: 'name' }] } });
  });

  it('filters by team, tag and text (with LIKE wildcards taken literally)', async () => {
    await run(admin(), (ctx) => createService(ctx, service('Fraud_Scoring', teamA, { tags: ['ml'], description: '100% of card traffic' })));
    const names = async (f: object) => (await run(viewer, (ctx) => listServices(ctx, f))).map((s) => s.name);
    expect(await names({ tag: 'ml' })).toEqual(['Fraud_Scoring']);
    expect(await names({ q: 'fraud' })).toEqual(['Fraud_Scoring']);
    expect(await names({ q: '%' })).toEqual(['Fraud_Scoring']);
    expect(await names({ q: '_' })).toEqual(['Fraud_Scoring']);
    expect(await names({ teamId: teamB })).toEqual(['App Store Sync']);
  });

  it('refuses to delete a team that still owns services', async () => {
    await expect(run(admin(), (ctx) => deleteTeam(ctx, teamB))).rejects.toMatchObject({ code: 'conflict' });
  });

  it('rolls the audit row back with a failed change', async () => {
    const before = (await run(admin(), (ctx) => listAudit(ctx, { limit: 500 }))).items.length;
    await expect(
      run(admin(), async (ctx) => {
        await createService(ctx, service('Half Written', teamA));
        throw new Error('boom after the write');
      }),
    ).rejects.toThrow('boom');
    expect((await run(admin(), (ctx) => listAudit(ctx, { limit: 500 }))).items.length).toBe(before);
    expect((await run(viewer, (ctx) => listServices(ctx, { q: 'Half Written' }))).length).toBe(0);
  });
});
