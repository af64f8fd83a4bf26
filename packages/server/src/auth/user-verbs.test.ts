import { CreateUser } from '@operable/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inTransaction } from '../db/index.js';
import { createEngine } from '../engine/index.js';
import type { Actor, Ctx } from '../lib/context.js';
import { databaseKinds } from '../test-support/databases.js';
import { createHarness, type Harness } from '../test-support/harness.js';
import { createUser, deleteUser, ensureFirstAdmin, signIn, updateProfile, updateUser } from './index.js';

describe.each(await databaseKinds())('accounts on %s', (kind) => {
  let h: Harness;
  let run: <T>(actor: Actor, fn: (ctx: Ctx) => Promise<T>) => Promise<T>;
  const asUser = (id: string, role: Actor['role']): Actor => ({ kind: 'user', userId: id, role, teamIds: [], label: id });

  beforeAll(async () => {
    h = await createHarness(kind);
    run = (actor, fn) => inTransaction(h.operable.deps.database.db, (db) => fn({ ...h.operable.systemCtx(db), actor }));
  });
  afterAll(() => h.close());

  it('bootstraps exactly one admin, with no password, and only on an empty database', async () => {
    expect(h.operable.firstAdmin).toMatchObject({ email: 'admin@operable.local', url: expect.stringContaining('/reset-password?token=') });
    expect(await run(asUser('x', 'admin'), (ctx) => ensureFirstAdmin(ctx, 'other@example.com'))).toBeNull();
    await expect(
      signIn(h.operable.systemCtx(), { email: 'admin@operable.local', password: '', address: '1.2.3.4', userAgent: null }),
    ).rejects.toMatchObject({ code: 'unauthenticated' });
  });

  it('never leaves the organisation without an admin', async () => {
    const admins = await run(asUser('x', 'admin'), (ctx) => ctx.db.selectFrom('users').select('id').where('role', '=', 'admin').execute());
    expect(admins).toHaveLength(1);
    const onlyAdmin = admins[0]!.id;
    const someone = await run(asUser('x', 'admin'), (ctx) => createUser(ctx, CreateUser.parse({ name: 'Sam', email: 'sam@example.com', role: 'admin' })));
    await expect(run(asUser(someone.id, 'admin'), (ctx) => deleteUser(ctx, someone.id))).rejects.toMatchObject({ code: 'conflict' });
    await run(asUser(someone.id, 'admin'), (ctx) => updateUser(ctx, onlyAdmin, { role: 'viewer' }));
    await expect(run(asUser(someone.id, 'admin'), (ctx) => updateUser(ctx, someone.id, { role: 'responder' }))).rejects.toMatchObject({
      code: 'conflict',
    });
  });

  it('rejects a second account with the same email in any case', async () => {
    await expect(
      run(asUser('x', 'admin'), (ctx) => createUser(ctx, CreateUser.parse({ name: 'Sam again', email: 'SAM@example.com' }))),
    ).rejects.toMatchObject({ code: 'conflict', details: { fields: [{ field: 'email' }] } });
  });

  it('lets anyone edit their own profile but not their role', async () => {
    const v = await run(asUser('x', 'admin'), (ctx) => createUser(ctx, CreateUser.parse({ name: 'Vi', email: 'vi@example.com', role: 'viewer' })));
    const after = await run(asUser(v.id, 'viewer'), (ctx) =>
      updateProfile(ctx, { timeZone: 'Asia/Kolkata', workingHours: { days: [1, 2, 3, 4], start: '10:00', end: '18:30' } }),
    );
    expect(after).toMatchObject({ timeZone: 'Asia/Kolkata', role: 'viewer', workingHours: { start: '10:00', end: '18:30' } });
    await expect(run(asUser(v.id, 'viewer'), (ctx) => updateUser(ctx, v.id, { role: 'admin' }))).rejects.toMatchObject({ code: 'forbidden' });
  });

  it('lets the browser set a zone only while the account still has the default one', async () => {
    const admin = asUser('x', 'admin');
    const wu = await run(admin, (ctx) => createUser(ctx, CreateUser.parse({ name: 'Wu', email: 'wu@example.com' })));
    expect(wu).toMatchObject({ timeZone: 'UTC', timeZoneSource: 'default' });
    const me = asUser(wu.id, 'responder');
    const set = await run(me, (ctx) => updateProfile(ctx, { timeZone: 'Asia/Tokyo', timeZoneFromBrowser: true }));
    expect(set).toMatchObject({ timeZone: 'Asia/Tokyo', timeZoneSource: 'browser' });
    // Another device, later: the first browser's zone is no longer a default to fill in.
    const again = await run(me, (ctx) => updateProfile(ctx, { timeZone: 'Europe/Paris', timeZoneFromBrowser: true }));
    expect(again).toMatchObject({ timeZone: 'Asia/Tokyo', timeZoneSource: 'browser' });
    const chosen = await run(me, (ctx) => updateProfile(ctx, { timeZone: 'Europe/Paris' }));
    expect(chosen).toMatchObject({ timeZone: 'Europe/Paris', timeZoneSource: 'chosen' });
    expect(await run(me, (ctx) => updateProfile(ctx, { timeZone: 'Asia/Tokyo', timeZoneFromBrowser: true }))).toMatchObject({ timeZone: 'Europe/Paris' });

    // A zone given at creation, or by an admin, counts as chosen.
    const kim = await run(admin, (ctx) => createUser(ctx, CreateUser.parse({ name: 'Kim', email: 'kim@example.com', timeZone: 'UTC' })));
    expect(kim.timeZoneSource).toBe('chosen');
    const lee = await run(admin, (ctx) => createUser(ctx, CreateUser.parse({ name: 'Lee', email: 'lee@example.com' })));
    expect(await run(admin, (ctx) => updateUser(ctx, lee.id, { timeZone: 'America/Chicago' }))).toMatchObject({ timeZoneSource: 'chosen' });
    expect(await run(asUser(lee.id, 'responder'), (ctx) => updateProfile(ctx, { timeZone: 'Asia/Tokyo', timeZoneFromBrowser: true }))).toMatchObject({ timeZone: 'America/Chicago' });
  });

  it('the engine’s cleanup removes sessions once they expire on the clock', async () => {
    await run(asUser('x', 'admin'), (ctx) =>
      createUser(ctx, CreateUser.parse({ name: 'Eve', email: 'eve@example.com', password: 'twelve chars or more' })),
    );
    await signIn(h.operable.systemCtx(), { email: 'eve@example.com', password: 'twelve chars or more', address: '10.0.0.1', userAgent: 'test' });
    const count = () => h.operable.deps.database.db.selectFrom('sessions').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    const engine = createEngine({ database: h.operable.deps.database, clock: h.clock, log: h.operable.deps.log, settings: h.operable.deps.settings, channels: h.operable.deps.config.channels });
    expect(await engine.runOnce()).toBe(0);
    expect(Number((await count()).n)).toBe(1);
    h.clock.advance(h.operable.deps.settings.sessionHours * 3_600_000 + 1);
    expect(await engine.runOnce()).toBe(1);
    expect(Number((await count()).n)).toBe(0);
  });
});
