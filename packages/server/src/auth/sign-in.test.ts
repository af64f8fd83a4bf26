import { CreateUser } from '@operable/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inTransaction } from '../db/index.js';
import { hashPassword, PASSWORD_COST, verifyPassword } from '../lib/crypto.js';
import { databaseKinds } from '../test-support/databases.js';
import { createHarness, type Harness } from '../test-support/harness.js';
import { createUser, signIn } from './index.js';

const PASSWORD = 'correct horse battery staple';
const OLD_COST = { N: 16384, r: 8, p: 1 };

/** At the production cost: what is tested here is the cost itself. */
describe.each(await databaseKinds())('password hash cost on %s', (kind) => {
  let h: Harness;
  const db = () => h.operable.deps.database.db;
  const storedHash = async (id: string) => (await db().selectFrom('users').select('password_hash').where('id', '=', id).executeTakeFirstOrThrow()).password_hash!;
  const attempt = (email: string, password: string) => signIn(h.operable.systemCtx(), { email, password, address: '10.0.0.9', userAgent: null });
  const rehashAudits = (id: string) =>
    db().selectFrom('audit_log').select(['action', 'actor_id', 'before', 'after']).where('entity_id', '=', id).where('action', '=', 'user.rehash_password').execute();

  /** Someone whose password was stored by an older Operable, at N=16384. */
  async function personWithOldHash(email: string) {
    const user = await inTransaction(db(), (trx) => createUser(h.operable.systemCtx(trx), CreateUser.parse({ name: email, email })));
    await db().updateTable('users').set({ password_hash: await hashPassword(PASSWORD, OLD_COST) }).where('id', '=', user.id).execute();
    return user;
  }

  beforeAll(async () => {
    h = await createHarness(kind, {}, { passwordCost: PASSWORD_COST });
  });
  afterAll(() => h.close());

  it('stores new passwords at N=2^17, r=8, p=1', async () => {
    const user = await inTransaction(db(), (trx) => createUser(h.operable.systemCtx(trx), CreateUser.parse({ name: 'New', email: 'new@example.com', password: PASSWORD })));
    expect(await storedHash(user.id)).toMatch(/^scrypt\$131072\$8\$1\$/);
    await attempt('new@example.com', PASSWORD);
    expect(await rehashAudits(user.id)).toEqual([]);
  });

  it('upgrades an old-cost hash on the next successful sign-in, once, with an audit row', async () => {
    const user = await personWithOldHash('old@example.com');
    const { session } = await attempt('old@example.com', PASSWORD);
    expect(session.user.id).toBe(user.id);
    const upgraded = await storedHash(user.id);
    expect(upgraded).toMatch(/^scrypt\$131072\$8\$1\$/);
    expect(await verifyPassword(PASSWORD, upgraded)).toBe(true);
    const audits = await rehashAudits(user.id);
    expect(audits).toHaveLength(1);
    expect(audits[0]).toMatchObject({ actor_id: user.id });
    const before = audits[0]!.before;
    expect(typeof before === 'string' ? JSON.parse(before) : before).toEqual(OLD_COST);
    expect(h.logs.filter((l) => l.event === 'AUTH_PASSWORD_REHASHED' && l.userId === user.id)).toHaveLength(1);

    await attempt('old@example.com', PASSWORD);
    expect(await storedHash(user.id)).toBe(upgraded);
    expect(await rehashAudits(user.id)).toHaveLength(1);
  });

  it('does not touch an old-cost hash when the password is wrong', async () => {
    const user = await personWithOldHash('wrong@example.com');
    const before = await storedHash(user.id);
    await expect(attempt('wrong@example.com', 'not the password at all')).rejects.toMatchObject({ code: 'unauthenticated' });
    expect(await storedHash(user.id)).toBe(before);
    expect(await rehashAudits(user.id)).toEqual([]);
  });
});
